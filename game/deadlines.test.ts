import { test } from 'vitest';
import assert from 'node:assert/strict';
import { MAX_TURN_SECONDS, MIN_TURN_SECONDS, reminderTime, turnDeadline, turnSecondsProblem } from './deadlines.js';

test('turnSeconds is a whole number from 30 seconds to 7 days', () => {
  assert.equal(turnSecondsProblem(MIN_TURN_SECONDS), null);
  assert.equal(turnSecondsProblem(MAX_TURN_SECONDS), null);
  for (const bad of [MIN_TURN_SECONDS - 1, MAX_TURN_SECONDS + 1, 0, -60, 60.5, Number.NaN, '60', null]) {
    assert.match(turnSecondsProblem(bad) ?? '', /from 30 to 604800/, String(bad));
  }
});

test('the deadline is turnSeconds after the turn starts; the reminder when a quarter is left', () => {
  const start = Date.UTC(2026, 0, 1, 12, 0, 0);
  const deadline = turnDeadline(start, 60);
  assert.equal(deadline - start, 60_000);
  assert.equal(deadline - reminderTime(deadline, 60), 15_000);
  assert.ok(reminderTime(deadline, 60) > start);
});
