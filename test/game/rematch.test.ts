/**
 * rematch: a finished game starts a new one between the same two, the other player moving first,
 * with an invitation (onInvite and the outbox); asking again, from either player or at the same
 * moment, never starts a second rematch.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import type { RunningEngine } from '../../local/index.js';
import { COMPUTER, isWinningPosition } from '../../game/nim.js';
import { GAME_FIELDS, GET_GAME, RESIGN, createGame, errorTypes, readOutbox, replayedHeaps, type GameView, type Player, startGameWithPlayers, stopGameEngine } from './support.js';
import { connectRealtime } from '../support/realtime.js';

const REMATCH = `mutation R($gameId: ID!) { rematch(gameId: $gameId) { ${GAME_FIELDS} computer rematchOf rematchGameId } }`;
type RematchView = GameView & { computer: string | null; rematchOf: string | null; rematchGameId: string | null };

let engine: RunningEngine;
let alice: Player;
let bob: Player;
let carol: Player;
const sockets: WebSocket[] = [];
beforeAll(async () => {
  ({ engine, players: [alice, bob, carol] } = await startGameWithPlayers('alice', 'bob', 'carol'));
});
afterAll(() => stopGameEngine(engine, sockets));

async function finishedGame(heaps?: number[]): Promise<GameView> {
  const game = await createGame(alice, bob.username, heaps);
  const resigned = await bob.gql(RESIGN, { gameId: game.gameId });
  assert.equal(resigned.body.errors, undefined);
  return resigned.body.data?.resign as GameView;
}

async function rematch(player: Player, gameId: string): Promise<RematchView> {
  const answer = await player.gql(REMATCH, { gameId });
  assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
  return answer.body.data?.rematch as RematchView;
}

describe('rematch', () => {
  test('the same two players and heaps, the other player moves first, and the old game points to it', async () => {
    const old = await finishedGame([2, 3, 4]);
    const next = await rematch(bob, old.gameId);
    assert.notEqual(next.gameId, old.gameId);
    assert.equal(next.player1, bob.username);
    assert.equal(next.player2, alice.username);
    assert.equal(next.turn, alice.username, 'the other player moves first');
    assert.deepEqual(next.heaps, [2, 3, 4]);
    assert.equal(next.status, 'IN_PROGRESS');
    assert.equal(next.rematchOf, old.gameId);
    const oldNow = (await alice.gql(`query G($gameId: ID!) { getGame(gameId: $gameId) { rematchGameId } }`, { gameId: old.gameId })).body.data?.getGame as { rematchGameId: string };
    assert.equal(oldNow.rematchGameId, next.gameId);
  });

  test('asking again, from either player, gives the same game, even after moves in it', async () => {
    const old = await finishedGame();
    const first = await rematch(alice, old.gameId);
    const moved = await bob.gql('mutation M($gameId: ID!) { makeMove(gameId: $gameId, heap: 1, count: 1) { gameId } }', { gameId: first.gameId });
    assert.equal(moved.body.errors, undefined);
    const again = await rematch(bob, old.gameId);
    const retried = await rematch(alice, old.gameId);
    assert.equal(again.gameId, first.gameId);
    assert.equal(retried.gameId, first.gameId);
    assert.equal(again.player1, alice.username, 'still the game alice started');
    assert.deepEqual(retried.heaps, [4, 4, 5], 'the stored game as it is now');
  });

  test('both players asking at the same moment start one rematch', async () => {
    for (let round = 0; round < 5; round += 1) {
      const old = await finishedGame();
      const answers = await Promise.all([alice, bob, alice, bob].map((p) => p.gql(REMATCH, { gameId: old.gameId })));
      const ids = new Set(answers.filter((a) => !a.body.errors).map((a) => (a.body.data?.rematch as RematchView).gameId));
      assert.equal(ids.size, 1, 'one rematch');
      answers.filter((a) => a.body.errors).forEach((a) => assert.deepEqual(errorTypes(a), ['GameChanged']));
      // Those told to ask again get the same game.
      assert.equal((await rematch(bob, old.gameId)).gameId, [...ids][0]);
      const games = await alice.gql('query { myGames(limit: 50) { items { gameId rematchOf } } }');
      const rematches = (games.body.data?.myGames as { items: Array<{ rematchOf: string | null }> }).items.filter((g) => g.rematchOf === old.gameId);
      assert.equal(rematches.length, 1, 'exactly one game is a rematch of it');
    }
  });

  test('the invited player hears of it once: onInvite and one GAME_INVITE', async () => {
    const old = await finishedGame();
    const connection = await connectRealtime(engine.realtimeUrl, { host: new URL(engine.url).host, Authorization: bob.idToken });
    sockets.push(connection.socket);
    const watch = await connection.subscribe('subscription { onInvite { gameId player1 player2 rematchOf } }', {});
    assert.equal(watch.ack.type, 'start_ack');
    const next = await rematch(alice, old.gameId);
    const event = await connection.next('data', watch.id);
    assert.deepEqual(event.payload?.data?.onInvite, { gameId: next.gameId, player1: alice.username, player2: bob.username, rematchOf: old.gameId });
    await rematch(bob, old.gameId);
    await engine.settled();
    const invites = (await readOutbox(engine, bob.username)).filter((m) => m.message.includes(next.gameId) && m.attributes.event === 'GAME_INVITE');
    assert.equal(invites.length, 1);
  });

  test('a rematch against the computer: the computer opens, then it is the person’s turn', async () => {
    const created = await alice.gql(`mutation { createGame(computer: PERFECT, heaps: [1, 2, 3]) { gameId } }`);
    const gameId = (created.body.data?.createGame as { gameId: string }).gameId;
    await alice.gql(RESIGN, { gameId });
    const next = await rematch(alice, gameId);
    assert.equal(next.player2, COMPUTER);
    assert.equal(next.computer, 'PERFECT');
    assert.equal(next.turn, alice.username);
    assert.equal(next.moves.length, 1);
    assert.equal(next.moves[0].player, COMPUTER);
    assert.deepEqual(replayedHeaps(next), next.heaps);
    // 1, 2, 3 is lost for the player to move: this time the computer opens from it, so alice can win.
    assert.equal(isWinningPosition(next.heaps), true);
  });

  test('refused for a game still being played, for strangers and for unknown games, creating nothing', async () => {
    const live = await createGame(alice, bob.username);
    assert.deepEqual(errorTypes(await alice.gql(REMATCH, { gameId: live.gameId })), ['GameNotOver']);
    const old = await finishedGame();
    assert.deepEqual(errorTypes(await carol.gql(REMATCH, { gameId: old.gameId })), ['NotAPlayer']);
    assert.deepEqual(errorTypes(await alice.gql(REMATCH, { gameId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' })), ['GameNotFound']);
    const oldNow = (await alice.gql(GET_GAME.replace('moves {', 'rematchGameId moves {'), { gameId: old.gameId })).body.data?.getGame as { rematchGameId: string | null };
    assert.equal(oldNow.rematchGameId, null);
  });
});
