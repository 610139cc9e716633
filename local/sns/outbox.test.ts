/** Issue 9, item 5: the outbox keeps a bounded number of messages in memory; its file keeps them all. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'vitest';
import { openOutbox, type OutboxMessage } from './outbox.js';

const message = (i: number): OutboxMessage => ({ id: `m${i}`, timestamp: new Date(0).toISOString(), message: `text ${i}`, attributes: {}, recipient: i % 2 === 0 ? 'even' : 'odd' });

test('memory holds the latest messages only, newest last; the file holds every one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'turnbase-outbox-'));
  try {
    const outbox = openOutbox(dir, 100);
    for (let i = 0; i < 1000; i += 1) outbox.add(message(i));
    const kept = outbox.list();
    assert.equal(kept.length, 100);
    assert.deepEqual([kept[0].id, kept.at(-1)!.id], ['m900', 'm999']);
    assert.equal(outbox.list({ recipient: 'even' }).length, 50);
    assert.equal(readFileSync(join(dir, 'outbox.jsonl'), 'utf8').trim().split('\n').length, 1000);

    const reopened = openOutbox(dir, 100).list();
    assert.deepEqual([reopened.length, reopened[0].id], [100, 'm900']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
