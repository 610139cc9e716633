/** How a game reads in the terminal: the time left on a move with a deadline, from a fixed "now". */
import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { describeState, timeLeft, type GameLike } from './board.js';

const now = Date.parse('2026-01-01T12:00:00.000Z');
const game = (turnDeadline: string | null): GameLike => ({ gameId: 'g', player1: 'ann', player2: 'bob', heaps: [1, 2], status: 'IN_PROGRESS', turn: 'bob', turnDeadline });

describe('time left on a move', () => {
  test.each([
    [45_000, '45s left'],
    [45_001, '46s left'],
    [65_000, '1m 05s left'],
    [3 * 3600_000 + 5 * 60_000, '3h 05m left'],
    [2 * 86400_000 + 4 * 3600_000, '2d 04h left'],
    [0, 'time is up'],
    [-5_000, 'time is up'],
  ])('%d ms: %s', (ms, text) => {
    assert.equal(timeLeft(ms), text);
  });

  test('each side of the game reads it after whose move it is; without a deadline nothing is added', () => {
    const timed = game(new Date(now + 90_000).toISOString());
    assert.equal(describeState(timed, 'bob', now), 'Your move (1m 30s left).');
    assert.equal(describeState(timed, 'ann', now), 'Waiting for bob to move (1m 30s left).');
    assert.equal(describeState(timed, undefined, now), 'bob to move (1m 30s left).');
    assert.equal(describeState(game(null), 'bob', now), 'Your move.');
  });
});
