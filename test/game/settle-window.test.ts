/**
 * Issue 9: a player's record stays bounded however many games the player finishes. The games
 * settled on a record are remembered in two sets of at most SETTLED_WINDOW ids that rotate
 * (resolvers/_lib/settle.ts); here the window is 2 (the engine's AppSync environment), so a few
 * games drive several rotations. A repair inside the window never counts a game twice, a repair of
 * a game the record may have forgotten is refused, and a record of the older scheme (unbounded
 * creditedGames and ratedGames) is neither counted twice nor kept: its first settle write removes them.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { RunningEngine } from '../../local/index.js';
import { startTestEngine } from '../support/engine.js';
import { errorTypes, registerPlayer, storedPlayer, uniqueName, updateStoredPlayer, winByResignation, type Player } from './support.js';

const WINDOW = 2;
const RATE = 'mutation R($gameId: ID!) { rateGame(gameId: $gameId) }';
const RATING = 'query U($u: String!) { getUser(username: $u) { rating stats { gamesPlayed gamesWon gamesLost } } }';

let engine: RunningEngine;
beforeAll(async () => {
  engine = await startTestEngine({ descriptionPath: 'api.ts', amplifyOutputsPath: false, environment: { SETTLED_WINDOW: String(WINDOW) } });
}, 120_000);
afterAll(() => engine?.close());

interface Stored {
  gamesPlayed?: number;
  gamesWon?: number;
  gamesLost?: number;
  ratingPoints?: number;
  settled?: Set<string>;
  settledPrevious?: Set<string>;
  settledCount?: number;
  settledSince?: string;
  forgottenBefore?: string;
  creditedGames?: Set<string>;
  ratedGames?: Set<string>;
  items?: unknown[];
}

async function stored(player: Player): Promise<Stored> {
  return (await storedPlayer({ endpoint: engine.dynamodbEndpoint, table: engine.tableNames.players }, player.username)) as Stored;
}

function ids(set: Set<string> | undefined): string[] {
  return [...(set ?? [])].sort();
}

async function publicView(player: Player): Promise<unknown> {
  const answer = await player.gql(RATING, { u: player.username });
  return answer.body.data?.getUser;
}

describe('the settled window', () => {
  test(`after more than twice ${WINDOW} games each set holds at most ${WINDOW} ids, the latest games always among them, and every game counted once`, async () => {
    const [a, b] = [await registerPlayer(engine, uniqueName('often')), await registerPlayer(engine, uniqueName('rival'))];
    const games: string[] = [];
    for (let n = 1; n <= 3 * WINDOW + 1; n += 1) {
      games.push(await (n % 2 === 1 ? winByResignation(a, b) : winByResignation(b, a)));
      const record = await stored(a);
      const current = ids(record.settled);
      const previous = ids(record.settledPrevious);
      assert.ok(current.length <= WINDOW && previous.length <= WINDOW, `after game ${n}: ${current.length} + ${previous.length} ids`);
      assert.equal(record.settledCount, current.length);
      // The newest WINDOW games are always remembered, whatever the rotation did.
      for (const gameId of games.slice(-WINDOW)) assert.ok(current.includes(gameId) || previous.includes(gameId), `game ${gameId} remembered after game ${n}`);
      assert.equal(record.gamesPlayed, n);
    }
    const record = await stored(a);
    assert.equal(record.gamesWon, WINDOW * 2);
    assert.equal(record.gamesLost, WINDOW + 1);
    assert.ok(record.forgottenBefore && record.settledSince && record.forgottenBefore < record.settledSince);
    assert.equal((await stored(b)).gamesPlayed, 3 * WINDOW + 1);
  });

  test('a repair of a game still in the window is not counted again; one the record may have forgotten is refused and changes nothing', async () => {
    const [a, b] = [await registerPlayer(engine, uniqueName('repairs')), await registerPlayer(engine, uniqueName('other'))];
    const games: string[] = [];
    for (let n = 0; n < 2 * WINDOW + 1; n += 1) games.push(await winByResignation(a, b));
    const before = [await publicView(a), await publicView(b)];
    const prizes = ((await stored(a)).items ?? []).length;

    for (const gameId of games.slice(-WINDOW)) {
      const repaired = await a.gql(RATE, { gameId });
      assert.equal(repaired.body.data?.rateGame, false, JSON.stringify(repaired.body));
    }
    // The first game left both sets two rotations ago.
    const forgotten = await b.gql(RATE, { gameId: games[0] });
    assert.deepEqual(errorTypes(forgotten), ['GameTooOld']);
    assert.match(String(forgotten.body.errors?.[0].message), /can no longer be checked or repaired/);
    assert.deepEqual([await publicView(a), await publicView(b)], before);
    assert.equal(((await stored(a)).items ?? []).length, prizes);
  });

  test("a record of the older scheme: a game in its creditedGames is not counted again, and the record's first settle write removes the old sets", async () => {
    const [a, b] = [await registerPlayer(engine, uniqueName('veteran')), await registerPlayer(engine, uniqueName('newbie'))];
    const old = await winByResignation(a, b);
    // As the older scheme left it: the game counted in the stats and the rating, remembered in the unbounded sets only.
    await updateStoredPlayer({ endpoint: engine.dynamodbEndpoint, table: engine.tableNames.players }, a.username, 'SET creditedGames = :game, ratedGames = :game REMOVE settled, settledCount, settledSince', { ':game': { SS: [old] } });
    const before = await publicView(a);
    const repaired = await a.gql(RATE, { gameId: old });
    assert.equal(repaired.body.data?.rateGame, false, JSON.stringify(repaired.body));
    assert.deepEqual(await publicView(a), before);

    const next = await winByResignation(a, b);
    const record = await stored(a);
    assert.equal(record.creditedGames, undefined);
    assert.equal(record.ratedGames, undefined);
    assert.deepEqual(ids(record.settled), [next]);
    assert.equal(record.gamesWon, 2);
    assert.deepEqual(errorTypes(await a.gql(RATE, { gameId: old })), ['GameTooOld']);
    assert.equal((await a.gql(RATE, { gameId: next })).body.data?.rateGame, false);
    assert.equal((await stored(a)).gamesWon, 2);
  });
});
