/**
 * The computer opponent and hints over GraphQL: the perfect computer wins every game it can,
 * its reply arrives in the same request and reaches onMove subscribers, the random computer plays
 * legal moves, and hints are winning moves whenever one exists.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import type { RunningEngine } from '../../local/index.js';
import { COMPUTER, isWinningPosition, randomMove, totalObjects } from '../../game/nim.js';
import { GAME_FIELDS, MAKE_MOVE, errorTypes, publicClient, registerPlayer, replayedHeaps, startGameEngine, uniqueName, type GameView, type Player } from './support.js';
import { connectRealtime } from '../support/realtime.js';

const CREATE_VS_COMPUTER = `mutation C($computer: ComputerLevel, $heaps: [Int!], $opponent: String) {
  createGame(computer: $computer, heaps: $heaps, opponent: $opponent) { ${GAME_FIELDS} computer lastMove { player heap count } }
}`;
const HINT = 'query H($gameId: ID!) { hint(gameId: $gameId) { winning heap count } }';

let engine: RunningEngine;
let alice: Player;
let bob: Player;
const sockets: WebSocket[] = [];
beforeAll(async () => {
  engine = await startGameEngine();
  alice = await registerPlayer(engine, uniqueName('alice'));
  bob = await registerPlayer(engine, uniqueName('bob'));
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await engine.close();
});

async function vsComputer(player: Player, computer: string, heaps?: number[]): Promise<GameView & { computer?: string }> {
  const answer = await player.gql(CREATE_VS_COMPUTER, { computer, heaps });
  assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
  return answer.body.data?.createGame as GameView & { computer?: string };
}

async function move(player: Player, gameId: string, heap: number, count: number): Promise<GameView> {
  const answer = await player.gql(MAKE_MOVE, { gameId, heap, count });
  assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
  return answer.body.data?.makeMove as GameView;
}

async function stats(username: string) {
  const answer = await publicClient(engine)('query U($u: String!) { getUser(username: $u) { stats { gamesPlayed gamesWon gamesLost } } }', { u: username });
  return (answer.body.data?.getUser as { stats: { gamesPlayed: number; gamesWon: number; gamesLost: number } }).stats;
}

describe('a game against the computer', () => {
  test('the caller moves first, the computer is player2, and no invitation is sent to it', async () => {
    const game = await vsComputer(alice, 'PERFECT', [1, 2, 3]);
    assert.equal(game.player1, alice.username);
    assert.equal(game.player2, COMPUTER);
    assert.equal(game.computer, 'PERFECT');
    assert.equal(game.turn, alice.username);
    assert.deepEqual(game.moves, []);
  });

  test('the perfect computer wins from the position the player leaves it, whatever the player does', async () => {
    // 1, 2, 3 has nim-sum 0: the player to move (alice) loses against perfect play.
    const before = await stats(alice.username);
    let game: GameView = await vsComputer(alice, 'PERFECT', [1, 2, 3]);
    let seed = 3;
    for (let turn = 0; game.status === 'IN_PROGRESS'; turn += 1) {
      assert.ok(turn < 20, 'the game ends');
      assert.equal(game.turn, alice.username, 'after each request it is the player’s turn again');
      seed = (seed * 7 + 5) % 97;
      const choice = randomMove(game.heaps, seed / 97, ((seed * 3) % 97) / 97)!;
      const movesBefore = game.moves.length;
      game = await move(alice, game.gameId, choice.heap, choice.count);
      assert.equal(game.moves[movesBefore].player, alice.username);
      if (game.status === 'IN_PROGRESS') {
        // The computer's reply came in the same request, and leaves alice a lost position again.
        assert.equal(game.moves.length, movesBefore + 2);
        assert.equal(game.moves[movesBefore + 1].player, COMPUTER);
        assert.equal(isWinningPosition(game.heaps), false, `the computer left ${game.heaps}`);
      }
      assert.deepEqual(replayedHeaps(game), game.heaps, 'history and heaps agree');
    }
    assert.equal(game.winner, COMPUTER);
    assert.equal(game.loser, alice.username);
    assert.equal(game.endReason, 'LAST_OBJECT_TAKEN');
    const after = await stats(alice.username);
    assert.deepEqual(after, { gamesPlayed: before.gamesPlayed + 1, gamesWon: before.gamesWon, gamesLost: before.gamesLost + 1 });
  });

  test('the random computer plays legal moves until the game ends', async () => {
    let game: GameView = await vsComputer(alice, 'RANDOM', [4, 4, 4]);
    for (let turn = 0; game.status === 'IN_PROGRESS'; turn += 1) {
      assert.ok(turn < 20, 'the game ends');
      const heap = game.heaps.findIndex((h) => h > 0) + 1;
      game = await move(alice, game.gameId, heap, 1);
      assert.deepEqual(replayedHeaps(game), game.heaps);
      game.moves.forEach((m, i) => assert.equal(m.player, i % 2 === 0 ? alice.username : COMPUTER));
    }
    assert.equal(totalObjects(game.heaps), 0);
    assert.ok([alice.username, COMPUTER].includes(game.winner!));
  });

  test('the computer’s reply reaches onMove subscribers with the player’s move', async () => {
    const game = await vsComputer(alice, 'PERFECT', [3, 4, 5]);
    const connection = await connectRealtime(engine.realtimeUrl, { host: new URL(engine.url).host, Authorization: alice.idToken });
    sockets.push(connection.socket);
    const watch = await connection.subscribe('subscription M($gameId: ID!) { onMove(gameId: $gameId) { gameId heaps turn lastMove { player heap count } } }', { gameId: game.gameId });
    assert.equal(watch.ack.type, 'start_ack');
    const answer = await alice.gql('mutation M($gameId: ID!) { makeMove(gameId: $gameId, heap: 1, count: 1) { gameId heaps turn lastMove { player heap count } } }', { gameId: game.gameId });
    assert.equal(answer.body.errors, undefined);
    const event = await connection.next('data', watch.id);
    const seen = event.payload?.data?.onMove as { heaps: number[]; turn: string; lastMove: { player: string } };
    assert.equal(seen.lastMove.player, COMPUTER);
    assert.equal(seen.turn, alice.username);
    assert.equal(totalObjects(seen.heaps), 12 - 1 - (answer.body.data?.makeMove as { lastMove: { count: number } }).lastMove.count);
  });

  test('bad requests are refused with a clear error and create nothing', async () => {
    const both = await alice.gql(CREATE_VS_COMPUTER, { computer: 'PERFECT', opponent: bob.username });
    assert.deepEqual(errorTypes(both), ['InvalidGame']);
    const neither = await alice.gql(CREATE_VS_COMPUTER, {});
    assert.deepEqual(errorTypes(neither), ['InvalidGame']);
    const level = await alice.gql(CREATE_VS_COMPUTER, { computer: 'GENIUS' });
    assert.ok(level.body.errors?.length);
    const asName = await alice.gql(CREATE_VS_COMPUTER, { opponent: COMPUTER });
    assert.deepEqual(errorTypes(asName), ['UserNotFound'], 'the computer is reached only through `computer`');
  });
});

describe('hint', () => {
  test('from every winning position the hint wins; from a lost one it says so', async () => {
    const game = await vsComputer(alice, 'PERFECT', [3, 5, 7]);
    const hint = await alice.gql(HINT, { gameId: game.gameId });
    assert.equal(hint.body.errors, undefined);
    const suggested = hint.body.data?.hint as { winning: boolean; heap: number; count: number };
    assert.equal(suggested.winning, true);
    const after = game.heaps.map((h, i) => (i === suggested.heap - 1 ? h - suggested.count : h));
    assert.equal(isWinningPosition(after), false, `${game.heaps} -> ${after} leaves the computer lost`);

    // Following the hints every turn beats even the perfect computer.
    let current: GameView = game;
    for (let turn = 0; current.status === 'IN_PROGRESS'; turn += 1) {
      assert.ok(turn < 20);
      const next = (await alice.gql(HINT, { gameId: current.gameId })).body.data?.hint as { winning: boolean; heap: number; count: number };
      assert.equal(next.winning, true);
      current = await move(alice, current.gameId, next.heap, next.count);
    }
    assert.equal(current.winner, alice.username);

    const lost = await vsComputer(alice, 'PERFECT', [1, 2, 3]);
    const none = (await alice.gql(HINT, { gameId: lost.gameId })).body.data?.hint as { winning: boolean; heap: number; count: number };
    assert.equal(none.winning, false);
    assert.ok(none.count >= 1 && none.count <= lost.heaps[none.heap - 1], 'still a legal move');
  });

  test('only the player to move gets a hint', async () => {
    const game = await vsComputer(alice, 'PERFECT', [2, 2]);
    assert.deepEqual(errorTypes(await bob.gql(HINT, { gameId: game.gameId })), ['NotAPlayer']);
    assert.deepEqual(errorTypes(await alice.gql(HINT, { gameId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' })), ['GameNotFound']);
    const person = await alice.gql(`mutation { createGame(opponent: "${bob.username}") { gameId } }`);
    const personGame = (person.body.data?.createGame as { gameId: string }).gameId;
    assert.deepEqual(errorTypes(await alice.gql(HINT, { gameId: personGame })), ['NotYourTurn']);
    await alice.gql('mutation R($gameId: ID!) { resign(gameId: $gameId) { gameId } }', { gameId: game.gameId });
    assert.deepEqual(errorTypes(await alice.gql(HINT, { gameId: game.gameId })), ['GameOver']);
  });
});
