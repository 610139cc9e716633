/**
 * Issue 9, item 3 end to end: players whose names are Object.prototype member names (or `__proto__`)
 * play like anyone else, and their notifications reach them.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import type { RunningEngine } from '../../local/index.js';
import { suggestMove } from '../../game/nim.js';
import { MAKE_MOVE, createGame, readOutbox, registerPlayer, startGameEngine, type GameView, type Player } from './support.js';

const NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', '__proto__'];

let engine: RunningEngine;
const players: Record<string, Player> = {};
beforeAll(async () => {
  engine = await startGameEngine();
  for (const name of NAMES) players[name] = await registerPlayer(engine, name);
});
afterAll(() => engine.close());

describe('players named like Object.prototype members', () => {
  test('each can create a game, be invited, and get the invite by SMS', async () => {
    for (const [index, name] of NAMES.entries()) {
      const opponent = NAMES[(index + 1) % NAMES.length];
      const game = await createGame(players[name], opponent);
      assert.equal(game.player1, name);
      assert.equal(game.player2, opponent);
      const sms = await readOutbox(engine, players[opponent].phoneNumber);
      assert.ok(
        sms.some((entry) => entry.message.includes(name)),
        `${opponent} got an SMS naming ${name}: ${JSON.stringify(sms)}`,
      );
    }
  });

  test('a whole game between __proto__ and constructor ends with the winner credited', async () => {
    let game: GameView = await createGame(players.__proto__, 'constructor', [1, 2]);
    while (game.status === 'IN_PROGRESS') {
      const choice = suggestMove(game.heaps)!;
      const answer = await players[game.turn!].gql(MAKE_MOVE, { gameId: game.gameId, heap: choice.heap, count: choice.count });
      assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
      game = answer.body.data?.makeMove as GameView;
    }
    const over = await readOutbox(engine, players[game.winner!].phoneNumber);
    assert.ok(over.some((entry) => /won|win/i.test(entry.message)), JSON.stringify(over));
  });
});
