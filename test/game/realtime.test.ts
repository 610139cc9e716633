/**
 * The game's subscriptions over AppSync's WebSocket protocol: onMove only for the game's two
 * players (filtered by gameId), onInvite only for the invited player.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import type { RunningEngine } from '../../local/index.js';
import { createGame, type Player, startGameWithPlayers, stopGameEngine } from './support.js';
import { connectRealtime, type RealtimeConnection } from '../support/realtime.js';

let engine: RunningEngine;
let alice: Player;
let bob: Player;
let carol: Player;
const sockets: WebSocket[] = [];
beforeAll(async () => {
  ({ engine, players: [alice, bob, carol] } = await startGameWithPlayers('alice', 'bob', 'carol'));
});
afterAll(() => stopGameEngine(engine, sockets));

/** Connects as aws-amplify v6 does (auth in a subprotocol) with the player's id token. */
async function connectAs(player: Player): Promise<RealtimeConnection> {
  const connection = await connectRealtime(engine.realtimeUrl, { host: new URL(engine.url).host, Authorization: player.idToken });
  sockets.push(connection.socket);
  return connection;
}

const ON_MOVE = 'subscription M($gameId: ID!) { onMove(gameId: $gameId) { gameId heaps turn status winner loser } }';
const RESIGN_SELECTING_GAME_ID = 'mutation Resign($gameId: ID!) { resign(gameId: $gameId) { gameId heaps turn status winner loser } }';
const ON_INVITE = 'subscription { onInvite { gameId player1 player2 heaps } }';
// A published result holds only what the mutation selected, so these select what onMove asks for (gameId above all: it is the filter).
const MOVE_SELECTING_GAME_ID = 'mutation Move($gameId: ID!, $heap: Int!, $count: Int!) { makeMove(gameId: $gameId, heap: $heap, count: $count) { gameId heaps turn status winner loser } }';

describe('onMove', () => {
  test('both players follow their game; a stranger is refused; other games do not leak in', async () => {
    const game = await createGame(alice, bob.username);
    const other = await createGame(alice, carol.username);
    const aliceSocket = await connectAs(alice);
    const watch = await aliceSocket.subscribe(ON_MOVE, { gameId: game.gameId });
    assert.equal(watch.ack.type, 'start_ack');

    const carolSocket = await connectAs(carol);
    const refused = await carolSocket.subscribe(ON_MOVE, { gameId: game.gameId });
    assert.equal(refused.ack.type, 'error');
    assert.equal(refused.ack.payload?.errors?.[0].errorType, 'Unauthorized');
    const unknown = await carolSocket.subscribe(ON_MOVE, { gameId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' });
    assert.equal(unknown.ack.type, 'error');

    await carol.gql(MOVE_SELECTING_GAME_ID, { gameId: other.gameId, heap: 1, count: 1 });
    const moved = await bob.gql(MOVE_SELECTING_GAME_ID, { gameId: game.gameId, heap: 1, count: 2 });
    assert.equal(moved.body.errors, undefined);
    const event = await aliceSocket.next('data', watch.id);
    assert.deepEqual(event.payload?.data?.onMove, { gameId: game.gameId, heaps: [3, 4, 5], turn: alice.username, status: 'IN_PROGRESS', winner: null, loser: null });
    assert.equal(aliceSocket.frames.filter((f) => f.type === 'data').length, 0, "the move in carol's game was not delivered");

    await bob.gql(RESIGN_SELECTING_GAME_ID, { gameId: game.gameId });
    const over = await aliceSocket.next('data', watch.id);
    assert.deepEqual(over.payload?.data?.onMove, { gameId: game.gameId, heaps: [3, 4, 5], turn: null, status: 'FINISHED', winner: alice.username, loser: bob.username });
  });
});

describe('onInvite', () => {
  test('only the invited player hears of a new game', async () => {
    const bobSocket = await connectAs(bob);
    const carolSocket = await connectAs(carol);
    const bobWatch = await bobSocket.subscribe(ON_INVITE, {});
    const carolWatch = await carolSocket.subscribe(ON_INVITE, {});
    assert.equal(bobWatch.ack.type, 'start_ack');
    assert.equal(carolWatch.ack.type, 'start_ack');

    const forCarol = await createGame(alice, carol.username);
    const forBob = await createGame(alice, bob.username, [2, 3]);
    const bobEvent = await bobSocket.next('data', bobWatch.id);
    assert.deepEqual(bobEvent.payload?.data?.onInvite, { gameId: forBob.gameId, player1: alice.username, player2: bob.username, heaps: [2, 3] });
    const carolEvent = await carolSocket.next('data', carolWatch.id);
    assert.equal((carolEvent.payload?.data?.onInvite as { gameId: string }).gameId, forCarol.gameId);
    assert.equal(bobSocket.frames.filter((f) => f.type === 'data').length, 0, "carol's invitation did not reach bob");
    assert.equal(carolSocket.frames.filter((f) => f.type === 'data').length, 0, "bob's invitation did not reach carol");
  });
});
