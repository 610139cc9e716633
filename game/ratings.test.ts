import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { DEFAULT_RATING, K_FACTOR, expectedScore, rateGame } from './ratings.js';

describe('Elo ratings', () => {
  test('equal ratings: the winner gains half of K, the loser loses it', () => {
    assert.deepEqual(rateGame(DEFAULT_RATING, DEFAULT_RATING), { winner: DEFAULT_RATING + K_FACTOR / 2, loser: DEFAULT_RATING - K_FACTOR / 2, delta: K_FACTOR / 2 });
  });

  test('expected scores of two players add up to 1 and favour the higher rating', () => {
    assert.ok(Math.abs(expectedScore(1400, 1200) + expectedScore(1200, 1400) - 1) < 1e-12);
    assert.ok(expectedScore(1400, 1200) > 0.75 && expectedScore(1400, 1200) < 0.77);
  });

  test('an upset moves more points than an expected win, and points are conserved', () => {
    const upset = rateGame(1200, 1600);
    const expected = rateGame(1600, 1200);
    assert.equal(upset.delta, Math.round(K_FACTOR * (1 - 1 / (1 + 10 ** (400 / 400)))));
    assert.ok(upset.delta > expected.delta);
    assert.equal(upset.winner + upset.loser, 2800);
    assert.equal(expected.winner + expected.loser, 2800);
  });
});
