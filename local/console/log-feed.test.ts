import assert from 'node:assert/strict';
import { test } from 'vitest';
import { createLogFeed } from './log-feed.js';

test('the tap passes every line on and keeps the newest ones by sequence number', () => {
  const printed: string[] = [];
  const feed = createLogFeed(3);
  const log = feed.tap((line) => printed.push(line));
  for (const line of ['a', 'b', 'c', 'd', 'e']) log(line);
  assert.deepEqual(printed, ['a', 'b', 'c', 'd', 'e']);
  assert.deepEqual(feed.after(0), [
    { seq: 3, line: 'c' },
    { seq: 4, line: 'd' },
    { seq: 5, line: 'e' },
  ]);
  assert.deepEqual(feed.after(4), [{ seq: 5, line: 'e' }]);
  assert.deepEqual(feed.after(5), []);
});
