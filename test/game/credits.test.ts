/**
 * Issue 9, item 8: the inventory has a documented limit with its own error, a game won with a full
 * inventory still counts (without its prize), and the players' credits after a game's decisive write
 * are never silently lost: a failed write is retried in the same request, and rateGame applies what is
 * still missing later, each exactly once. DynamoDB failures are injected by a proxy in front of the
 * embedded DynamoDB, which the engine reaches through the AWS SDK as it would any endpoint.
 */
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, test } from 'vitest';
import { MAX_ITEMS, makeItem } from '../../game/items.js';
import type { RunningEngine } from '../../local/index.js';
import { startEmbeddedDynamo, type EmbeddedDynamo } from '../../local/dynamodb/embedded.js';
import { startTestEngine } from '../support/engine.js';
import { errorTypes, registerPlayer, storedPlayer, uniqueName, updateStoredPlayer, winByResignation, type Player } from './support.js';

const RATE = 'mutation R($gameId: ID!) { rateGame(gameId: $gameId) }';
const ADD_ITEM = 'mutation { addItem { itemId } }';

/**
 * How the proxy treats the next SDK calls that credit a win, one entry a call: 'fail' answers every attempt
 * with a 500 and forwards nothing; 'lose-answer' applies the first attempt, answers it 500, and fails the rest.
 */
let faults: Array<'fail' | 'lose-answer' | undefined> = [];
let callFault: 'fail' | 'lose-answer' | undefined;
let dynamo: EmbeddedDynamo;
let proxy: Server;
let engine: RunningEngine;

function forward(target: URL, req: { method?: string; url?: string; headers: Record<string, unknown> }, body: Buffer): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const upstream = request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers as Record<string, string> }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 500, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}

beforeAll(async () => {
  dynamo = await startEmbeddedDynamo({ dataDir: null });
  const target = new URL(dynamo.endpoint);
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const crediting = String(req.headers['x-amz-target']).endsWith('.UpdateItem') && body.includes('"gamesWon"');
      // The SDK tries a call several times (amz-sdk-request: attempt=n); a fault stands for every attempt of one call.
      const attempt = Number(/attempt=(\d+)/.exec(String(req.headers['amz-sdk-request']))?.[1] ?? 1);
      if (crediting && attempt === 1) callFault = faults.shift();
      const fault = !crediting ? undefined : attempt === 1 ? callFault : callFault && 'fail';
      const injected = () => {
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'InternalServerError' });
        res.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'injected failure' }));
      };
      if (fault === 'fail') return injected();
      forward(target, req, body).then(
        (answer) => {
          if (fault === 'lose-answer') return injected();
          res.writeHead(answer.status, answer.headers as Record<string, string>);
          res.end(answer.body);
        },
        () => injected(),
      );
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  engine = await startTestEngine({ descriptionPath: 'api.ts', amplifyOutputsPath: false, dynamodbEndpoint: `http://127.0.0.1:${port}` });
}, 120_000);

afterAll(async () => {
  await engine?.close();
  await new Promise((resolve) => proxy?.close(resolve));
  await dynamo?.close();
});

beforeEach(() => {
  faults = [];
});

async function profile(player: Player): Promise<Record<string, unknown>> {
  return storedPlayer({ endpoint: dynamo.endpoint, table: engine.tableNames.players }, player.username);
}

/** Gives a player `count` items behind the API's back (as many addItem calls would). */
async function fillInventory(player: Player, count: number): Promise<void> {
  const items = Array.from({ length: count }, (_, i) => makeItem(`filled-${i}`, i % 4, 5, '2026-01-01T00:00:00.000Z', 'FOUND'));
  await updateStoredPlayer({ endpoint: dynamo.endpoint, table: engine.tableNames.players }, player.username, 'SET #items = :items', marshall({ ':items': items }), { '#items': 'items' });
}

function prizes(record: Record<string, unknown>): number {
  return ((record.items as Array<{ source: string }> | undefined) ?? []).filter((item) => item.source === 'GAME_WON').length;
}

describe('inventory limit', () => {
  test(`addItem fills the inventory up to ${MAX_ITEMS} items, then answers InventoryFull and changes nothing`, async () => {
    const player = await registerPlayer(engine, uniqueName('hoarder'));
    await fillInventory(player, MAX_ITEMS - 1);
    const last = await player.gql(ADD_ITEM);
    assert.equal(last.body.errors, undefined, JSON.stringify(last.body.errors));
    const refused = await player.gql(ADD_ITEM);
    assert.deepEqual(errorTypes(refused), ['InventoryFull']);
    assert.match(String(refused.body.errors?.[0].message), new RegExp(`${MAX_ITEMS}`));
    assert.equal(((await profile(player)).items as unknown[]).length, MAX_ITEMS);
  });

  test('a game won with a full inventory counts as a win; the prize is forfeited, not an error', async () => {
    const [winner, loser] = [await registerPlayer(engine, uniqueName('full')), await registerPlayer(engine, uniqueName('empty'))];
    await fillInventory(winner, MAX_ITEMS);
    await winByResignation(winner, loser);
    const record = await profile(winner);
    assert.equal(record.gamesWon, 1);
    assert.equal(record.prizesForfeited, 1);
    assert.equal((record.items as unknown[]).length, MAX_ITEMS);
    assert.equal((await profile(loser)).gamesLost, 1);
  });
});

describe('credits after the decisive write', () => {
  test('a credit write that fails is retried by the pipeline: the winner is credited once', async () => {
    const [winner, loser] = [await registerPlayer(engine, uniqueName('retried')), await registerPlayer(engine, uniqueName('loser'))];
    faults = ['fail'];
    await winByResignation(winner, loser);
    assert.deepEqual(faults, [], 'the faults were used');
    const record = await profile(winner);
    assert.equal(record.gamesWon, 1);
    assert.equal(prizes(record), 1);
  });

  test('a credit written but answered with an error is not counted again by the retries', async () => {
    const [winner, loser] = [await registerPlayer(engine, uniqueName('written')), await registerPlayer(engine, uniqueName('loser'))];
    faults = ['lose-answer'];
    const gameId = await winByResignation(winner, loser);
    assert.deepEqual(faults, []);
    const record = await profile(winner);
    assert.equal(record.gamesWon, 1);
    assert.equal(record.gamesPlayed, 1);
    assert.equal(prizes(record), 1);
    assert.deepEqual([...(record.settled as Set<string>)], [gameId]);
    assert.equal(record.settledCount, 1);
  });

  test('a credit that fails in the request too is applied by rateGame later, exactly once', async () => {
    const [winner, loser] = [await registerPlayer(engine, uniqueName('later')), await registerPlayer(engine, uniqueName('loser'))];
    faults = ['fail', 'fail'];
    const gameId = await winByResignation(winner, loser);
    assert.deepEqual(faults, []);
    assert.equal((await profile(winner)).gamesWon ?? 0, 0, 'not credited yet');
    assert.equal((await profile(loser)).gamesLost, 1, "the loser's side did not depend on the winner's");

    const repaired = await loser.gql(RATE, { gameId });
    assert.equal(repaired.body.data?.rateGame, true, JSON.stringify(repaired.body));
    const again = await winner.gql(RATE, { gameId });
    assert.equal(again.body.data?.rateGame, false);
    const record = await profile(winner);
    assert.equal(record.gamesWon, 1);
    assert.equal(record.gamesPlayed, 1);
    assert.equal(prizes(record), 1);
    assert.equal((await profile(loser)).gamesLost, 1);
  });

  test("a win against the computer whose credit failed in the request is repaired by rateGame, exactly once", async () => {
    const player = await registerPlayer(engine, uniqueName('solo'));
    const created = await player.gql('mutation { createGame(computer: RANDOM, heaps: [2]) { gameId } }');
    const gameId = (created.body.data?.createGame as { gameId: string }).gameId;
    faults = ['fail', 'fail'];
    // One object left for the computer, which must take it and lose.
    const moved = await player.gql('mutation M($gameId: ID!) { makeMove(gameId: $gameId, heap: 1, count: 1) { winner } }', { gameId });
    assert.equal((moved.body.data?.makeMove as { winner: string }).winner, player.username, JSON.stringify(moved.body));
    assert.deepEqual(faults, []);
    assert.equal((await profile(player)).gamesWon ?? 0, 0, 'not credited yet');

    const repaired = await player.gql(RATE, { gameId });
    assert.equal(repaired.body.data?.rateGame, true, JSON.stringify(repaired.body));
    assert.equal((await player.gql(RATE, { gameId })).body.data?.rateGame, false);
    const record = await profile(player);
    assert.equal(record.gamesWon, 1);
    assert.equal(record.gamesPlayed, 1);
    assert.equal(prizes(record), 1);
    assert.equal(record.ratingPoints, undefined, 'games against the computer are unrated');
  });
});
