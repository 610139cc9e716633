/**
 * Many simultaneous moves on one game: in every round exactly one succeeds (the turn holder's
 * first write to land), all others are refused with a precise error, and the stored move history
 * always matches the heaps.
 */
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import type { RunningEngine } from '../../local/index.js';
import { MAKE_MOVE, createGame, errorTypes, getGame, registerPlayer, replayedHeaps, startGameEngine, uniqueName, type GameView, type Player } from './support.js';

let engine: RunningEngine;
let a: Player;
let b: Player;
beforeAll(async () => {
  engine = await startGameEngine();
  a = await registerPlayer(engine, uniqueName('racera'));
  b = await registerPlayer(engine, uniqueName('racerb'));
});
afterAll(() => engine.close());

function assertConsistent(game: GameView): void {
  assert.deepEqual(replayedHeaps(game), game.heaps, 'the move history replays to the heaps');
  assert.equal(game.version, 1 + game.moves.length, 'one version per move');
  game.moves.forEach((m, i) => {
    assert.equal(m.number, i + 1);
    if (i > 0) assert.notEqual(m.player, game.moves[i - 1].player, 'players alternate');
  });
}

test('simultaneous moves from the player whose turn it is: exactly one succeeds, the rest are NotYourTurn', async () => {
  const game = await createGame(a, b.username, [20, 20, 20]);
  const players: Record<string, Player> = { [a.username]: a, [b.username]: b };
  for (let round = 0; round < 10; round += 1) {
    const before = await getGame(a, game.gameId);
    const mover = players[before.turn!];
    const attempts = Array.from({ length: 10 }, (_, i) => ({ heap: 1 + (i % 3), count: 1 + (i % 2) }));
    const answers = await Promise.all(attempts.map((attempt) => mover.gql(MAKE_MOVE, { gameId: game.gameId, ...attempt })));
    const succeeded = answers.map((answer, i) => ({ answer, attempt: attempts[i] })).filter(({ answer }) => answer.body.data?.makeMove);
    assert.equal(succeeded.length, 1, `round ${round}: exactly one move succeeds`);
    for (const answer of answers) {
      if (!answer.body.data?.makeMove) assert.deepEqual(errorTypes(answer), ['NotYourTurn'], `round ${round}: ${JSON.stringify(answer.body.errors)}`);
    }
    const after = await getGame(b, game.gameId);
    assertConsistent(after);
    assert.equal(after.moves.length, before.moves.length + 1, `round ${round}: one move recorded`);
    const recorded = after.moves[after.moves.length - 1];
    assert.deepEqual([recorded.player, recorded.heap, recorded.count], [mover.username, succeeded[0].attempt.heap, succeeded[0].attempt.count]);
    assert.deepEqual(succeeded[0].answer.body.data?.makeMove, after, 'the winner was told the stored state');
  }
});

test('both players hammering one game: one success per turn, turns alternate, every success is in the history', async () => {
  const game = await createGame(a, b.username, [20, 20, 20]);
  for (let round = 0; round < 8; round += 1) {
    const before = await getGame(a, game.gameId);
    const attempts = Array.from({ length: 12 }, (_, i) => ({ player: i % 2 === 0 ? a : b, heap: 1 + (i % 3), count: 1 }));
    const answers = await Promise.all(attempts.map((attempt) => attempt.player.gql(MAKE_MOVE, { gameId: game.gameId, heap: attempt.heap, count: attempt.count })));
    const successes = answers
      .map((answer, i) => ({ game: answer.body.data?.makeMove as GameView | null, attempt: attempts[i], answer }))
      .filter((entry) => entry.game !== null);
    // A refusal is NotYourTurn, or GameChanged when the game moved on twice under the request: its write was refused
    // (another move had landed) and by then the other player had moved too, so the turn was the caller's again.
    for (const answer of answers) {
      if (!answer.body.data?.makeMove) {
        const [type, ...more] = errorTypes(answer);
        assert.ok(more.length === 0 && (type === 'NotYourTurn' || type === 'GameChanged'), `round ${round}: ${JSON.stringify(answer.body.errors)}`);
      }
    }
    // A player may move again in the same burst once the other has moved: what must hold is one
    // success per version (per turn), and each of them recorded, in order, alternating players.
    const versions = successes.map((s) => s.game!.version).sort((x, y) => x - y);
    assert.ok(versions.length >= 1, `round ${round}: some move succeeds`);
    assert.deepEqual(versions, versions.map((_, i) => before.version + 1 + i), `round ${round}: one success per turn, no gaps`);
    const after = await getGame(b, game.gameId);
    assertConsistent(after);
    assert.equal(after.moves.length, before.moves.length + successes.length, `round ${round}: every success recorded, nothing else`);
    for (const success of successes) {
      const recorded = after.moves[success.game!.version - 2];
      assert.deepEqual([recorded.player, recorded.heap, recorded.count], [success.attempt.player.username, success.attempt.heap, success.attempt.count]);
    }
  }
});

test('a burst of moves that would each end the game ends it exactly once', async () => {
  const game = await createGame(a, b.username, [1]);
  const answers = await Promise.all(Array.from({ length: 8 }, () => b.gql(MAKE_MOVE, { gameId: game.gameId, heap: 1, count: 1 })));
  const winners = answers.filter((answer) => answer.body.data?.makeMove);
  assert.equal(winners.length, 1);
  const refusals = answers.filter((answer) => !answer.body.data?.makeMove).map((answer) => errorTypes(answer)[0]);
  assert.ok(refusals.every((type) => type === 'GameOver'), JSON.stringify(refusals));
  const final = await getGame(a, game.gameId);
  assert.equal(final.status, 'FINISHED');
  assert.equal(final.loser, b.username);
  assert.equal(final.moves.length, 1);
  const statsOf = async (username: string) =>
    ((await a.gql('query U($u: String!) { getUser(username: $u) { stats { gamesPlayed } } }', { u: username })).body.data?.getUser as { stats: { gamesPlayed: number } }).stats;
  // The game was counted once per player, however many moves raced to end it.
  const [statsA, statsB] = [await statsOf(a.username), await statsOf(b.username)];
  assert.equal(statsA.gamesPlayed, 1);
  assert.equal(statsB.gamesPlayed, 1);
});
