import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'vitest';
import { claimOutputsFile, refuseSharedDataDir } from './outputs-file.js';

describe('amplify_outputs.json ownership', () => {
  let dir: string;
  let outputs: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'turnbase-outputs-'));
    outputs = join(dir, 'amplify_outputs.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a lock left by an engine that died is taken over', () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(join(dir, '.amplify_outputs.json.lock'), JSON.stringify({ pid: dead, url: 'http://127.0.0.1:1', dataDir: join(dir, 'state') }));
    refuseSharedDataDir(outputs, join(dir, 'state'));
    const claim = claimOutputsFile(outputs, { url: 'http://127.0.0.1:2', port: 2, dataDir: null });
    assert.equal(claim.path, outputs);
    assert.equal(claim.note, undefined);
    claim.write({ data: { url: 'mine' } });
    assert.deepEqual(JSON.parse(readFileSync(outputs, 'utf8')), { data: { url: 'mine' } });
    claim.release();
  });

  test('a live owner keeps the file; the newcomer gets a per-port file', () => {
    // The parent of this test process stands in for a live engine.
    writeFileSync(join(dir, '.amplify_outputs.json.lock'), JSON.stringify({ pid: process.ppid, url: 'http://127.0.0.1:1', dataDir: join(dir, 'state') }));
    assert.throws(() => refuseSharedDataDir(outputs, join(dir, 'state')), /already uses the data directory/);
    refuseSharedDataDir(outputs, join(dir, 'other'));
    refuseSharedDataDir(outputs, null);
    const claim = claimOutputsFile(outputs, { url: 'http://127.0.0.1:2', port: 2, dataDir: null });
    assert.equal(claim.path, join(dir, 'amplify_outputs.2.json'));
    assert.match(claim.note ?? '', /belongs to the engine at http:\/\/127\.0\.0\.1:1/);
    claim.release();
    // The newcomer never removes a lock it does not hold.
    assert.equal(JSON.parse(readFileSync(join(dir, '.amplify_outputs.json.lock'), 'utf8')).pid, process.ppid);
  });
});
