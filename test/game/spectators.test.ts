/**
 * Spectators: public games are listed for any signed-in player (publicGames, an index query),
 * readable and followable by them (getGame, onMove); private games stay for their two players.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import type { RunningEngine } from '../../local/index.js';
import { GAME_FIELDS, GET_GAME, MAKE_MOVE, RESIGN, createGame, errorTypes, publicClient, type GameView, type Player, startGameWithPlayers, stopGameEngine, storedGame } from './support.js';
import { connectRealtime, type RealtimeConnection } from '../support/realtime.js';

const CREATE = `mutation C($opponent: String!, $visibility: Visibility) { createGame(opponent: $opponent, visibility: $visibility) { ${GAME_FIELDS} visibility } }`;
const PUBLIC_GAMES = 'query P($limit: Int, $nextToken: String) { publicGames(limit: $limit, nextToken: $nextToken) { items { gameId visibility status player1 player2 } nextToken } }';
const ON_MOVE = 'subscription M($gameId: ID!) { onMove(gameId: $gameId) { gameId heaps turn status } }';
const MOVE = 'mutation M($gameId: ID!, $heap: Int!, $count: Int!) { makeMove(gameId: $gameId, heap: $heap, count: $count) { gameId heaps turn status } }';

let engine: RunningEngine;
let alice: Player;
let bob: Player;
let carol: Player;
const sockets: WebSocket[] = [];
beforeAll(async () => {
  ({ engine, players: [alice, bob, carol] } = await startGameWithPlayers('alice', 'bob', 'carol'));
});
afterAll(() => stopGameEngine(engine, sockets));

async function create(visibility?: string): Promise<GameView & { visibility: string }> {
  const answer = await alice.gql(CREATE, { opponent: bob.username, visibility });
  assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
  return answer.body.data?.createGame as GameView & { visibility: string };
}

async function allPublicGames(player: Player, limit: number): Promise<Array<{ gameId: string; status: string }>> {
  const seen: Array<{ gameId: string; status: string }> = [];
  let nextToken: string | null = null;
  for (let page = 0; page < 50; page += 1) {
    const answer = await player.gql(PUBLIC_GAMES, { limit, nextToken });
    assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
    const connection = answer.body.data?.publicGames as { items: Array<{ gameId: string; status: string }>; nextToken: string | null };
    assert.ok(connection.items.length <= limit);
    seen.push(...connection.items);
    nextToken = connection.nextToken;
    if (!nextToken) break;
  }
  return seen;
}

async function connectAs(player: Player): Promise<RealtimeConnection> {
  const connection = await connectRealtime(engine.realtimeUrl, { host: new URL(engine.url).host, Authorization: player.idToken });
  sockets.push(connection.socket);
  return connection;
}

describe('public games', () => {
  test('games are private by default; public ones are listed live, newest first, page by page, and leave the list when they end', async () => {
    const hidden = await create();
    assert.equal(hidden.visibility, 'PRIVATE');
    const shown = [await create('PUBLIC'), await create('PUBLIC'), await create('PUBLIC')];
    shown.forEach((game) => assert.equal(game.visibility, 'PUBLIC'));
    const listed = await allPublicGames(carol, 2);
    const ids = listed.map((g) => g.gameId);
    assert.equal(ids.includes(hidden.gameId), false, 'a private game is never listed');
    const mine = ids.filter((id) => shown.some((g) => g.gameId === id));
    assert.deepEqual(mine, shown.map((g) => g.gameId).reverse(), 'each public game once, newest first');
    assert.ok(listed.every((g) => g.status === 'IN_PROGRESS'));

    await bob.gql(RESIGN, { gameId: shown[1].gameId });
    const after = (await allPublicGames(carol, 50)).map((g) => g.gameId);
    assert.equal(after.includes(shown[1].gameId), false, 'a finished game is no longer live');
    assert.ok(after.includes(shown[0].gameId) && after.includes(shown[2].gameId));
    // It left the index by losing its key (one index write), not by taking a finished one (a delete and a put).
    assert.equal((await storedGame(engine, shown[0].gameId)).publicStatus, 'PUBLIC#IN_PROGRESS');
    const finished = await storedGame(engine, shown[1].gameId);
    assert.equal(finished.visibility, 'PUBLIC');
    assert.equal('publicStatus' in finished, false);
  });

  test('a spectator reads a public game and receives its moves, but cannot play or get hints', async () => {
    const game = await create('PUBLIC');
    const read = await carol.gql(GET_GAME, { gameId: game.gameId });
    assert.equal(read.body.errors, undefined);
    assert.equal((read.body.data?.getGame as GameView).gameId, game.gameId);

    const spectator = await connectAs(carol);
    const watch = await spectator.subscribe(ON_MOVE, { gameId: game.gameId });
    assert.equal(watch.ack.type, 'start_ack');
    const moved = await bob.gql(MOVE, { gameId: game.gameId, heap: 2, count: 3 });
    assert.equal(moved.body.errors, undefined);
    const event = await spectator.next('data', watch.id);
    assert.deepEqual(event.payload?.data?.onMove, { gameId: game.gameId, heaps: [5, 1, 5], turn: alice.username, status: 'IN_PROGRESS' });

    assert.deepEqual(errorTypes(await carol.gql(MAKE_MOVE, { gameId: game.gameId, heap: 1, count: 1 })), ['NotAPlayer']);
    assert.deepEqual(errorTypes(await carol.gql(RESIGN, { gameId: game.gameId })), ['NotAPlayer']);
    assert.deepEqual(errorTypes(await carol.gql('query H($gameId: ID!) { hint(gameId: $gameId) { heap } }', { gameId: game.gameId })), ['NotAPlayer']);
  });

  test('a private game stays for its two players: no read, no subscription', async () => {
    const game = await createGame(alice, bob.username);
    assert.deepEqual(errorTypes(await carol.gql(GET_GAME, { gameId: game.gameId })), ['NotAPlayer']);
    const spectator = await connectAs(carol);
    const refused = await spectator.subscribe(ON_MOVE, { gameId: game.gameId });
    assert.equal(refused.ack.type, 'error');
    assert.equal(refused.ack.payload?.errors?.[0].errorType, 'Unauthorized');
  });

  test('listing needs a signed-in player and sane arguments', async () => {
    assert.deepEqual(errorTypes(await carol.gql(PUBLIC_GAMES, { limit: 0 })), ['InvalidInput']);
    assert.deepEqual(errorTypes(await carol.gql(PUBLIC_GAMES, { limit: 51 })), ['InvalidInput']);
    const badToken = await carol.gql(PUBLIC_GAMES, { nextToken: 'not-a-token' });
    assert.deepEqual(errorTypes(badToken), ['InvalidInput']);
    const anonymous = await publicClient(engine)(PUBLIC_GAMES, {});
    assert.ok(anonymous.body.errors?.length, 'API key callers are refused');
  });

  test('a rematch of a public game is public too', async () => {
    const game = await create('PUBLIC');
    await bob.gql(RESIGN, { gameId: game.gameId });
    const rematch = await alice.gql('mutation R($gameId: ID!) { rematch(gameId: $gameId) { gameId visibility } }', { gameId: game.gameId });
    const next = rematch.body.data?.rematch as { gameId: string; visibility: string };
    assert.equal(next.visibility, 'PUBLIC');
    assert.ok((await allPublicGames(carol, 50)).some((g) => g.gameId === next.gameId));
  });
});
