/**
 * makeMove's settlement steps come last: a move that ends no game stops after the players' read without
 * running them, and a game-ending move still settles both players (read from the engine's request log).
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RunningEngine } from '../../local/index.js';
import { MAKE_MOVE, createGame, registerPlayer, startGameEngine, stopGameEngine, uniqueName, type Player } from './support.js';

let engine: RunningEngine;
let host: Player;
let guest: Player;
const logs: string[] = [];

beforeAll(async () => {
  engine = await startGameEngine((line) => logs.push(line));
  host = await registerPlayer(engine, uniqueName('host'));
  guest = await registerPlayer(engine, uniqueName('guest'));
});
afterAll(() => stopGameEngine(engine));

/** The pipeline steps the last makeMove request went through, by their step names (e.g. `5_readPlayers`). */
function stepsOfLastMove(): string[] {
  const lines = logs.map((line) => JSON.parse(line) as { resolvers?: Array<{ path: string; stages: Array<{ name: string }> }> });
  const move = lines.reverse().find((line) => line.resolvers?.some((resolver) => resolver.path === 'makeMove'));
  const stages = move?.resolvers?.find((resolver) => resolver.path === 'makeMove')?.stages ?? [];
  return stages.map((stage) => stage.name.replace(/^Mutation_makeMove_/, '')).filter((name) => /^\d_/.test(name));
}

test('a move that ends no game skips every settlement step; the last move settles both players', async () => {
  const game = await createGame(host, guest.username, [2]);
  const first = await guest.gql(MAKE_MOVE, { gameId: game.gameId, heap: 1, count: 1 });
  expect(first.body.errors).toBeUndefined();
  expect(stepsOfLastMove()).toEqual(['1_loadGame', '2_applyMove', '3_notify', '4_scheduleTurn', '5_readPlayers']);

  const last = await host.gql(MAKE_MOVE, { gameId: game.gameId, heap: 1, count: 1 });
  expect(last.body.data?.makeMove).toMatchObject({ status: 'FINISHED', winner: guest.username, loser: host.username });
  expect(stepsOfLastMove()).toEqual(['1_loadGame', '2_applyMove', '3_notify', '4_scheduleTurn', '5_readPlayers', '6_settleWinner', '7_settleLoser', '8_retryWinner', '9_retryLoser']);
  const me = 'query { me { stats { gamesPlayed gamesWon gamesLost } } }';
  expect((await guest.gql(me)).body.data?.me).toEqual({ stats: { gamesPlayed: 1, gamesWon: 1, gamesLost: 0 } });
  expect((await host.gql(me)).body.data?.me).toEqual({ stats: { gamesPlayed: 1, gamesWon: 0, gamesLost: 1 } });
});
