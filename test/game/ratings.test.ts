/**
 * Elo ratings over GraphQL: after a sequence of games each rating matches the Elo formula
 * (computed here independently), a retried update (rateGame) never counts a game twice, games
 * against the computer are unrated, and the leaderboard lists rated players highest first.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import type { RunningEngine } from '../../local/index.js';
import { MAKE_MOVE, RESIGN, createGame, errorTypes, publicClient, registerPlayer, startGameEngine, uniqueName, type Player } from './support.js';

const RATE = 'mutation R($gameId: ID!) { rateGame(gameId: $gameId) }';
const LEADERBOARD = 'query L($limit: Int, $nextToken: String) { leaderboard(limit: $limit, nextToken: $nextToken) { items { username rating } nextToken } }';

let engine: RunningEngine;
let alice: Player;
let bob: Player;
let carol: Player;
beforeAll(async () => {
  engine = await startGameEngine();
  alice = await registerPlayer(engine, uniqueName('alice'));
  bob = await registerPlayer(engine, uniqueName('bob'));
  carol = await registerPlayer(engine, uniqueName('carol'));
});
afterAll(() => engine.close());

async function rating(player: Player): Promise<number> {
  const answer = await publicClient(engine)('query U($u: String!) { getUser(username: $u) { rating } }', { u: player.username });
  return (answer.body.data?.getUser as { rating: number }).rating;
}

/** Elo with K = 32, whole points, the loser losing what the winner gains. */
function elo(winner: number, loser: number): [number, number] {
  const expected = 1 / (1 + 10 ** ((loser - winner) / 400));
  const delta = Math.round(32 * (1 - expected));
  return [winner + delta, loser - delta];
}

/** winner beats loser: the loser takes the last object of a one-object game, or resigns. */
async function play(winner: Player, loser: Player, how: 'move' | 'resign'): Promise<string> {
  const game = await createGame(winner, loser.username, [1]);
  const answer = how === 'move' ? await loser.gql(MAKE_MOVE, { gameId: game.gameId, heap: 1, count: 1 }) : await loser.gql(RESIGN, { gameId: game.gameId });
  assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
  return game.gameId;
}

describe('ratings', () => {
  test('a sequence of games moves ratings as the Elo formula says; a retried update changes nothing', async () => {
    const expected = new Map<string, number>([alice, bob, carol].map((p) => [p.username, 1200]));
    assert.deepEqual(await Promise.all([alice, bob, carol].map(rating)), [1200, 1200, 1200]);
    const sequence: Array<[Player, Player, 'move' | 'resign']> = [
      [alice, bob, 'move'],
      [alice, carol, 'resign'],
      [carol, bob, 'move'],
      [bob, alice, 'resign'],
      [alice, bob, 'move'],
    ];
    const games: string[] = [];
    for (const [winner, loser, how] of sequence) {
      games.push(await play(winner, loser, how));
      const [w, l] = elo(expected.get(winner.username)!, expected.get(loser.username)!);
      expected.set(winner.username, w);
      expected.set(loser.username, l);
      assert.equal(await rating(winner), w, `${winner.username} after beating ${loser.username}`);
      assert.equal(await rating(loser), l);
    }
    // Retrying every game's update, from either player, counts nothing again.
    for (const gameId of games) {
      const retried = await alice.gql(RATE, { gameId });
      if (retried.body.errors) assert.deepEqual(errorTypes(retried), ['NotAPlayer']);
      else assert.equal(retried.body.data?.rateGame, false);
      const byBob = await bob.gql(RATE, { gameId });
      if (!byBob.body.errors) assert.equal(byBob.body.data?.rateGame, false);
    }
    for (const player of [alice, bob, carol]) assert.equal(await rating(player), expected.get(player.username));
    // Points are conserved.
    assert.equal([...expected.values()].reduce((a, b) => a + b, 0), 3600);
  });

  test('games against the computer are not rated (a repair of one changes no rating either); unfinished games cannot be', async () => {
    const before = await rating(carol);
    const created = await carol.gql('mutation { createGame(computer: RANDOM, heaps: [1]) { gameId } }');
    const gameId = (created.body.data?.createGame as { gameId: string }).gameId;
    await carol.gql(MAKE_MOVE, { gameId, heap: 1, count: 1 });
    assert.equal(await rating(carol), before);
    // Already settled when it ended: nothing left to repair.
    const repaired = await carol.gql(RATE, { gameId });
    assert.equal(repaired.body.data?.rateGame, false, JSON.stringify(repaired.body));
    assert.equal(await rating(carol), before);
    const live = await createGame(alice, bob.username);
    assert.deepEqual(errorTypes(await alice.gql(RATE, { gameId: live.gameId })), ['GameNotOver']);
    assert.deepEqual(errorTypes(await carol.gql(RATE, { gameId: live.gameId })), ['NotAPlayer']);
  });

  test('the leaderboard lists rated players highest first, page by page', async () => {
    const ours = new Set([alice.username, bob.username, carol.username]);
    const seen: Array<{ username: string; rating: number }> = [];
    let nextToken: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const answer = await alice.gql(LEADERBOARD, { limit: 1, nextToken });
      assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
      const connection = answer.body.data?.leaderboard as { items: Array<{ username: string; rating: number }>; nextToken: string | null };
      assert.ok(connection.items.length <= 1);
      seen.push(...connection.items);
      nextToken = connection.nextToken;
      if (!nextToken) break;
    }
    const mine = seen.filter((entry) => ours.has(entry.username));
    assert.equal(mine.length, 3, 'each rated player once');
    for (const entry of mine) assert.equal(entry.rating, await rating([alice, bob, carol].find((p) => p.username === entry.username)!));
    const ratings = seen.map((entry) => entry.rating);
    assert.deepEqual(ratings, ratings.slice().sort((a, b) => b - a), 'highest first');
    assert.deepEqual(errorTypes(await alice.gql(LEADERBOARD, { limit: 0 })), ['InvalidInput']);
    assert.deepEqual(errorTypes(await alice.gql(LEADERBOARD, { nextToken: 'nope' })), ['InvalidInput']);
  });
});
