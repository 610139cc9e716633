import { test, describe } from 'vitest';
import assert from 'node:assert/strict';
import {
  DEFAULT_HEAPS,
  MAX_HEAPS,
  MAX_HEAP_SIZE,
  applyMove,
  checkMove,
  checkMoveShape,
  newGame,
  opponentOf,
  resign,
  suggestMove,
  computerMove,
  isWinningPosition,
  randomMove,
  timeOut,
  winningMove,
  totalObjects,
  validateHeaps,
  type NimState,
} from './nim.js';

function started(heaps?: number[]): NimState {
  const game = newGame('myfirstuser', 'theseconduser', heaps);
  assert.ok(game.ok);
  return game.value;
}

/** Deterministic pseudo-random numbers, so a failing game can be replayed from its seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('newGame', () => {
  test('defaults to heaps 5, 4, 5 and the invited player moves first, as in the seed', () => {
    const game = started();
    assert.deepEqual(game.heaps, [5, 4, 5]);
    assert.equal(game.turn, 'theseconduser');
    assert.equal(game.status, 'IN_PROGRESS');
    assert.equal(game.winner, null);
  });

  test('does not share the default heaps array between games', () => {
    const game = started();
    game.heaps[0] = 0;
    assert.deepEqual(DEFAULT_HEAPS, [5, 4, 5]);
    assert.deepEqual(started().heaps, [5, 4, 5]);
  });

  test('accepts custom heaps and an empty list as the default', () => {
    assert.deepEqual(started([1, 2]).heaps, [1, 2]);
    assert.deepEqual(started([]).heaps, [5, 4, 5]);
  });

  test('refuses playing against yourself', () => {
    const game = newGame('alice', 'alice');
    assert.equal(game.ok, false);
    assert.equal(!game.ok && game.error.type, 'InvalidGame');
  });

  test('refuses bad heaps with InvalidGame', () => {
    for (const heaps of [[0], [MAX_HEAP_SIZE + 1], [1.5], [-3], Array(MAX_HEAPS + 1).fill(1)]) {
      const checked = validateHeaps(heaps);
      assert.equal(checked.ok, false, `heaps ${JSON.stringify(heaps)}`);
      assert.equal(!checked.ok && checked.error.type, 'InvalidGame');
    }
  });
});

describe('checkMove and applyMove', () => {
  test('the seed move: theseconduser takes heap 1 down to 3, and the same move again is refused', () => {
    const game = started();
    const moved = applyMove(game, 'theseconduser', { heap: 1, count: 2 });
    assert.ok(moved.ok);
    assert.deepEqual(moved.value.heaps, [3, 4, 5]);
    assert.equal(moved.value.turn, 'myfirstuser');
    const again = applyMove(moved.value, 'theseconduser', { heap: 1, count: 2 });
    assert.equal(again.ok, false);
    assert.equal(!again.ok && again.error.type, 'NotYourTurn');
  });

  test('does not change the state it was given', () => {
    const game = started();
    applyMove(game, 'theseconduser', { heap: 2, count: 4 });
    assert.deepEqual(game.heaps, [5, 4, 5]);
    assert.equal(game.turn, 'theseconduser');
  });

  test('names each refusal precisely', () => {
    const game = started();
    assert.equal(checkMove(game, 'stranger', { heap: 1, count: 1 })?.type, 'NotAPlayer');
    assert.equal(checkMove(game, 'myfirstuser', { heap: 1, count: 1 })?.type, 'NotYourTurn');
    assert.equal(checkMove(game, 'theseconduser', { heap: 1, count: 6 })?.type, 'InvalidMove');
    assert.equal(checkMove(game, 'theseconduser', { heap: 4, count: 1 })?.type, 'InvalidMove');
    assert.equal(checkMove(game, 'theseconduser', { heap: 0, count: 1 })?.type, 'InvalidMove');
    assert.equal(checkMove(game, 'theseconduser', { heap: 1, count: 0 })?.type, 'InvalidMove');
    assert.equal(checkMove(game, 'theseconduser', { heap: 1, count: 1.5 })?.type, 'InvalidMove');
    assert.equal(checkMove(game, 'theseconduser', { heap: 1, count: 5 }), null);
    const over = resign(game, 'myfirstuser');
    assert.ok(over.ok);
    assert.equal(checkMove(over.value, 'theseconduser', { heap: 1, count: 1 })?.type, 'GameOver');
  });

  test('checkMoveShape only looks at the numbers', () => {
    assert.equal(checkMoveShape({ heap: 1, count: 1 }), null);
    assert.equal(checkMoveShape({ heap: MAX_HEAPS + 1, count: 1 })?.type, 'InvalidMove');
    assert.equal(checkMoveShape({ heap: 1, count: -1 })?.type, 'InvalidMove');
  });

  test('whoever takes the last object loses', () => {
    const game = started([1, 1]);
    const first = applyMove(game, 'theseconduser', { heap: 1, count: 1 });
    assert.ok(first.ok);
    assert.equal(first.value.status, 'IN_PROGRESS');
    const last = applyMove(first.value, 'myfirstuser', { heap: 2, count: 1 });
    assert.ok(last.ok);
    assert.equal(last.value.status, 'FINISHED');
    assert.equal(last.value.loser, 'myfirstuser');
    assert.equal(last.value.winner, 'theseconduser');
    assert.equal(last.value.endReason, 'LAST_OBJECT_TAKEN');
    assert.equal(last.value.turn, null);
  });
});

describe('resign', () => {
  test('the resigning player loses, on either turn', () => {
    for (const quitter of ['myfirstuser', 'theseconduser']) {
      const over = resign(started(), quitter);
      assert.ok(over.ok);
      assert.equal(over.value.loser, quitter);
      assert.equal(over.value.winner, opponentOf(over.value, quitter));
      assert.equal(over.value.endReason, 'RESIGNED');
    }
  });

  test('refuses strangers and finished games', () => {
    const stranger = resign(started(), 'stranger');
    assert.equal(!stranger.ok && stranger.error.type, 'NotAPlayer');
    const over = resign(started(), 'myfirstuser');
    assert.ok(over.ok);
    const twice = resign(over.value, 'theseconduser');
    assert.equal(!twice.ok && twice.error.type, 'GameOver');
  });
});

describe('random games (property test)', () => {
  test('every random game ends with the last taker losing, and the move history replays to the heaps', () => {
    for (let seed = 1; seed <= 500; seed += 1) {
      const random = seeded(seed);
      const heapCount = 1 + Math.floor(random() * MAX_HEAPS);
      const heaps = Array.from({ length: heapCount }, () => 1 + Math.floor(random() * 8));
      let state = started(heaps);
      const history: Array<{ player: string; heap: number; count: number }> = [];
      let steps = 0;
      while (state.status === 'IN_PROGRESS') {
        steps += 1;
        assert.ok(steps <= totalObjects(heaps), `seed ${seed}: the game must end within one move per object`);
        const player = state.turn!;
        // Sometimes try an illegal move: it must be refused and change nothing.
        if (random() < 0.2) {
          const wrongPlayer = opponentOf(state, player)!;
          const refused = applyMove(state, wrongPlayer, { heap: 1, count: 1 });
          assert.equal(!refused.ok && refused.error.type, 'NotYourTurn', `seed ${seed}`);
        }
        const nonEmpty = state.heaps.map((h, i) => (h > 0 ? i : -1)).filter((i) => i >= 0);
        const index = nonEmpty[Math.floor(random() * nonEmpty.length)];
        const count = 1 + Math.floor(random() * state.heaps[index]);
        const before = totalObjects(state.heaps);
        const next = applyMove(state, player, { heap: index + 1, count });
        assert.ok(next.ok, `seed ${seed}: a legal move was refused`);
        assert.equal(totalObjects(next.value.heaps), before - count);
        assert.ok(next.value.heaps.every((h) => h >= 0));
        history.push({ player, heap: index + 1, count });
        if (totalObjects(next.value.heaps) === 0) {
          assert.equal(next.value.status, 'FINISHED');
          assert.equal(next.value.loser, player, `seed ${seed}: the last taker must lose`);
          assert.equal(next.value.winner, opponentOf(next.value, player));
        } else {
          assert.equal(next.value.turn, opponentOf(next.value, player), `seed ${seed}: turns alternate`);
        }
        state = next.value;
      }
      const replayed = history.reduce((acc, move) => acc.map((h, i) => (i === move.heap - 1 ? h - move.count : h)), heaps.slice());
      assert.deepEqual(replayed, state.heaps);
      assert.ok(history.every((move, i) => i === 0 || move.player !== history[i - 1].player), `seed ${seed}: players alternate`);
    }
  });
});

describe('suggestMove', () => {
  /** Brute force: can the player to move force the opponent to take the last object? */
  function wins(heaps: number[], memo = new Map<string, boolean>()): boolean {
    const key = heaps.slice().sort().join(',');
    const known = memo.get(key);
    if (known !== undefined) return known;
    if (totalObjects(heaps) === 0) return true; // the opponent just took the last object
    let result = false;
    heaps.forEach((heap, i) => {
      for (let take = 1; take <= heap && !result; take += 1) {
        const next = heaps.map((h, j) => (j === i ? h - take : h));
        if (!wins(next, memo)) result = true;
      }
    });
    memo.set(key, result);
    return result;
  }

  test('from every winning position up to 5/5/5 it plays a winning, legal move', () => {
    const memo = new Map<string, boolean>();
    let winningPositions = 0;
    for (let a = 0; a <= 5; a += 1) {
      for (let b = 0; b <= 5; b += 1) {
        for (let c = 0; c <= 5; c += 1) {
          const heaps = [a, b, c];
          if (totalObjects(heaps) === 0) {
            assert.equal(suggestMove(heaps), null);
            continue;
          }
          const move = suggestMove(heaps)!;
          assert.ok(move.count >= 1 && move.count <= heaps[move.heap - 1], `legal move for ${heaps}`);
          if (!wins(heaps, memo)) continue;
          winningPositions += 1;
          const after = heaps.map((h, i) => (i === move.heap - 1 ? h - move.count : h));
          assert.equal(wins(after, memo), false, `from ${heaps} the move ${JSON.stringify(move)} must leave a lost position`);
        }
      }
    }
    assert.ok(winningPositions > 100);
  });
});

describe('winningMove, isWinningPosition, randomMove, computerMove, timeOut', () => {
  /** Brute force, independent of the nim-sum: can the player to move make the opponent take the last object? */
  function wins(heaps: number[], memo: Map<string, boolean>): boolean {
    const key = heaps.join(',');
    const known = memo.get(key);
    if (known !== undefined) return known;
    if (totalObjects(heaps) === 0) return true;
    let result = false;
    heaps.forEach((heap, i) => {
      for (let take = 1; take <= heap && !result; take += 1) {
        if (!wins(heaps.map((h, j) => (j === i ? h - take : h)), memo)) result = true;
      }
    });
    memo.set(key, result);
    return result;
  }

  test('isWinningPosition agrees with brute force, and winningMove is null exactly on lost positions', () => {
    const memo = new Map<string, boolean>();
    for (let a = 0; a <= 6; a += 1) {
      for (let b = 0; b <= 6; b += 1) {
        for (let c = 0; c <= 4; c += 1) {
          for (let d = 0; d <= 2; d += 1) {
            const heaps = [a, b, c, d];
            if (totalObjects(heaps) === 0) {
              assert.equal(winningMove(heaps), null);
              continue;
            }
            const expected = wins(heaps, memo);
            assert.equal(isWinningPosition(heaps), expected, `position ${heaps}`);
            const move = winningMove(heaps);
            if (!expected) {
              assert.equal(move, null, `no winning move from ${heaps}`);
              continue;
            }
            assert.ok(move && move.count >= 1 && move.count <= heaps[move.heap - 1], `legal hint from ${heaps}`);
            const after = heaps.map((h, i) => (i === move.heap - 1 ? h - move.count : h));
            assert.equal(wins(after, memo), false, `hint from ${heaps} leaves a lost position`);
          }
        }
      }
    }
  });

  test('randomMove is always legal, reaches every heap and every count, and is null on empty heaps', () => {
    const random = seeded(7);
    const heaps = [3, 0, 2];
    const seen = new Set<string>();
    for (let i = 0; i < 500; i += 1) {
      const move = randomMove(heaps, random(), random())!;
      assert.ok(checkMoveShape(move) === null && move.count <= heaps[move.heap - 1], JSON.stringify(move));
      seen.add(`${move.heap}:${move.count}`);
    }
    assert.deepEqual([...seen].sort(), ['1:1', '1:2', '1:3', '3:1', '3:2']);
    assert.equal(randomMove([0, 0], 0.5, 0.5), null);
    // The ends of [0, 1) stay in range.
    assert.deepEqual(randomMove([4], 0.999999, 0.999999), { heap: 1, count: 4 });
    assert.deepEqual(randomMove([4], 0, 0), { heap: 1, count: 1 });
  });

  test('the perfect computer wins every game it starts from a winning position, against any replies', () => {
    const random = seeded(11);
    for (let game = 0; game < 200; game += 1) {
      let heaps = [1 + Math.floor(random() * 7), 1 + Math.floor(random() * 7), 1 + Math.floor(random() * 7)];
      if (!isWinningPosition(heaps)) continue;
      let computerToMove = true;
      let loserIsComputer: boolean | null = null;
      for (let turn = 0; turn < 100 && loserIsComputer === null; turn += 1) {
        const move = computerToMove ? computerMove(heaps, 'PERFECT', random(), random())! : computerMove(heaps, 'RANDOM', random(), random())!;
        heaps = heaps.map((h, i) => (i === move.heap - 1 ? h - move.count : h));
        if (totalObjects(heaps) === 0) loserIsComputer = computerToMove;
        computerToMove = !computerToMove;
      }
      assert.equal(loserIsComputer, false);
    }
  });

  test('timeOut ends the game against the player to move; a finished game cannot time out', () => {
    const game = started();
    const ended = timeOut(game);
    assert.ok(ended.ok);
    assert.equal(ended.value.status, 'FINISHED');
    assert.equal(ended.value.loser, 'theseconduser');
    assert.equal(ended.value.winner, 'myfirstuser');
    assert.equal(ended.value.endReason, 'TIMEOUT');
    assert.equal(ended.value.turn, null);
    const again = timeOut(ended.value);
    assert.equal(!again.ok && again.error.type, 'GameOver');
  });

  test('newGame can give the first move to the creator (games against the computer)', () => {
    const game = newGame('alice', '@computer', [1, 2, 3], 'alice');
    assert.ok(game.ok);
    assert.equal(game.value.turn, 'alice');
    assert.equal(newGame('alice', 'bob', null, 'carol').ok, false);
  });
});
