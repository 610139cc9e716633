import { test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notModified, readServedFile } from './file-validators.js';

test('an edited file gets a new ETag; an unchanged one keeps it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'validators-'));
  try {
    const path = join(dir, 'app.js');
    writeFileSync(path, 'console.log(1)');
    const first = await readServedFile(path);
    assert.equal(first.body.toString(), 'console.log(1)');
    assert.match(first.etag, /^"[\w-]{27}"$/);
    assert.equal((await readServedFile(path)).etag, first.etag);
    writeFileSync(path, 'console.log(2)');
    // Same size: only the modification time tells the versions apart.
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    const edited = await readServedFile(path);
    assert.equal(edited.body.toString(), 'console.log(2)');
    assert.notEqual(edited.etag, first.etag);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('If-None-Match: the tag itself, in a list, weak, or *', () => {
  const etag = '"abc"';
  assert.equal(notModified({}, etag), false);
  assert.equal(notModified({ 'if-none-match': '"abc"' }, etag), true);
  assert.equal(notModified({ 'if-none-match': '"x", "abc"' }, etag), true);
  assert.equal(notModified({ 'if-none-match': 'W/"abc"' }, etag), true);
  assert.equal(notModified({ 'if-none-match': '*' }, etag), true);
  assert.equal(notModified({ 'if-none-match': '"abcd"' }, etag), false);
});
