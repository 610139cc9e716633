/**
 * The DynamoDB data source end to end against a real store: dynalite in memory, or the endpoint in
 * TURNBASE_DYNAMODB_ENDPOINT (DynamoDB Local in CI). Requests are shaped like the ones APPSYNC_JS resolvers
 * return (reference §4); results are checked in the plain JSON shape AppSync hands to response handlers.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { createDynamoDbDataSource } from '../../local/datasources/dynamodb.js';
import type { DataSource, DataSourceOutcome } from '../../local/datasources/contract.js';
import { ensureTables } from '../../local/dynamodb/tables.js';
import { startTestDynamo, type TestDynamo } from '../support/dynamo.js';

let dynamo: TestDynamo;
let games: DataSource;
let scores: DataSource;
let gamesTable: string;
let scoresTable: string;

const conditionFailedMessage = /^The conditional request failed \(Service: DynamoDb, Status Code: 400, Request ID: \S+\)$/;

beforeAll(async () => {
  dynamo = await startTestDynamo();
  gamesTable = dynamo.tableName('games');
  scoresTable = dynamo.tableName('scores');
  await ensureTables(dynamo.store, [
    { name: gamesTable, config: { partitionKey: { name: 'id', type: 'S' } } },
    {
      name: scoresTable,
      config: {
        partitionKey: { name: 'player', type: 'S' },
        sortKey: { name: 'at', type: 'N' },
        indexes: { byGame: { partitionKey: { name: 'game', type: 'S' }, sortKey: { name: 'points', type: 'N' } } },
      },
    },
  ]);
  games = createDynamoDbDataSource({ store: dynamo.store, tableName: gamesTable });
  scores = createDynamoDbDataSource({ store: dynamo.store, tableName: scoresTable });
});

afterAll(async () => {
  await dynamo.close();
});

function ok(outcome: DataSourceOutcome): unknown {
  assert.equal(outcome.error, undefined, `unexpected error: ${JSON.stringify(outcome.error)}`);
  return outcome.result;
}

const put = (id: string, attributeValues: Record<string, unknown>, condition?: Record<string, unknown>) =>
  games.invoke({ operation: 'PutItem', key: { id: { S: id } }, attributeValues, ...(condition ? { condition } : {}) });
const get = (id: string) => games.invoke({ operation: 'GetItem', key: { id: { S: id } }, consistentRead: true });

describe('GetItem and PutItem', () => {
  test('PutItem returns the stored item and GetItem reads it back as plain JSON', async () => {
    const stored = ok(
      await put('types', {
        text: { S: 'hello' },
        count: { N: 1234 },
        countAsText: { N: '56.5' },
        flag: { BOOL: true },
        nothing: { NULL: null },
        bytes: { B: Buffer.from('hi there').toString('base64') },
        tags: { SS: ['b', 'a'] },
        ranks: { NS: [3, '1'] },
        list: { L: [{ S: 'x' }, { N: 2 }] },
        map: { M: { inner: { S: 'y' }, deep: { M: { n: { N: 7 } } } } },
      }),
    );
    assert.deepEqual(stored, {
      id: 'types',
      text: 'hello',
      count: 1234,
      countAsText: 56.5,
      flag: true,
      nothing: null,
      bytes: Buffer.from('hi there').toString('base64'),
      tags: ['b', 'a'],
      ranks: [3, 1],
      list: ['x', 2],
      map: { inner: 'y', deep: { n: 7 } },
    });
    const read = ok(await get('types')) as Record<string, unknown>;
    // Sets come back in the store's order, so compare them sorted.
    assert.deepEqual([...(read.tags as string[])].sort(), ['a', 'b']);
    assert.deepEqual([...(read.ranks as number[])].sort(), [1, 3]);
    const { tags: _tags, ranks: _ranks, ...rest } = read;
    const { tags: _t, ranks: _r, ...expected } = stored as Record<string, unknown>;
    assert.deepEqual(rest, expected);
  });

  test('GetItem of a missing item is null', async () => {
    assert.equal(ok(await get('nobody')), null);
  });

  test('GetItem applies a projection', async () => {
    ok(await put('projected', { a: { S: 'A' }, b: { S: 'B' } }));
    const read = ok(
      await games.invoke({
        operation: 'GetItem',
        key: { id: { S: 'projected' } },
        projection: { expression: '#a, id', expressionNames: { '#a': 'a' } },
      }),
    );
    assert.deepEqual(read, { id: 'projected', a: 'A' });
  });

  test('a failed PutItem condition reports the current item as result', async () => {
    ok(await put('taken', { owner: { S: 'first' } }));
    const outcome = await put('taken', { owner: { S: 'second' } }, { expression: 'attribute_not_exists(id)' });
    assert.equal(outcome.error?.type, 'DynamoDB:ConditionalCheckFailedException');
    assert.match(outcome.error?.message ?? '', conditionFailedMessage);
    assert.deepEqual(outcome.result, { id: 'taken', owner: 'first' });
    assert.deepEqual(ok(await get('taken')), { id: 'taken', owner: 'first' });
  });

  test('a failed PutItem condition on an item that already equals the new one is a success', async () => {
    ok(await put('same', { owner: { S: 'me' }, n: { N: 1 } }));
    const outcome = await put('same', { owner: { S: 'me' }, n: { N: '1.0' } }, { expression: 'attribute_not_exists(id)' });
    assert.deepEqual(ok(outcome), { id: 'same', owner: 'me', n: 1 });
  });

  test('equalsIgnore leaves attributes out of the idempotency comparison', async () => {
    ok(await put('stamped', { owner: { S: 'me' }, updatedAt: { S: '2024-01-01' } }));
    const condition = { expression: 'attribute_not_exists(id)', equalsIgnore: ['updatedAt'] };
    const ignored = await put('stamped', { owner: { S: 'me' }, updatedAt: { S: '2025-05-05' } }, condition);
    assert.deepEqual(ok(ignored), { id: 'stamped', owner: 'me', updatedAt: '2024-01-01' });
    const differs = await put('stamped', { owner: { S: 'you' }, updatedAt: { S: '2025-05-05' } }, condition);
    assert.equal(differs.error?.type, 'DynamoDB:ConditionalCheckFailedException');
    assert.deepEqual(differs.result, { id: 'stamped', owner: 'me', updatedAt: '2024-01-01' });
  });

  test('a condition that holds lets the write through, with placeholders', async () => {
    ok(await put('versioned', { version: { N: 1 } }));
    const outcome = await put('versioned', { version: { N: 2 } }, {
      expression: '#v = :expected',
      expressionNames: { '#v': 'version' },
      expressionValues: { ':expected': { N: 1 } },
    });
    assert.deepEqual(ok(outcome), { id: 'versioned', version: 2 });
  });
});

describe('UpdateItem', () => {
  test('returns the whole item after the update', async () => {
    ok(await put('counter', { heaps: { L: [{ N: 5 }, { N: 4 }] }, turn: { N: 0 }, name: { S: 'c' } }));
    const updated = ok(
      await games.invoke({
        operation: 'UpdateItem',
        key: { id: { S: 'counter' } },
        update: {
          expression: 'SET #turn = #turn + :one, #heaps[1] = :zero REMOVE #name',
          expressionNames: { '#turn': 'turn', '#heaps': 'heaps', '#name': 'name' },
          expressionValues: { ':one': { N: 1 }, ':zero': { N: 0 } },
        },
      }),
    );
    assert.deepEqual(updated, { id: 'counter', heaps: [5, 0], turn: 1 });
  });

  test('merges the placeholders of update and condition; a failed condition gives the current item', async () => {
    ok(await put('race', { turn: { N: 3 } }));
    const move = (expected: number) =>
      games.invoke({
        operation: 'UpdateItem',
        key: { id: { S: 'race' } },
        update: { expression: 'SET #turn = :next', expressionNames: { '#turn': 'turn' }, expressionValues: { ':next': { N: expected + 1 } } },
        condition: { expression: '#turn = :expected', expressionNames: { '#turn': 'turn' }, expressionValues: { ':expected': { N: expected } } },
      });
    assert.deepEqual(ok(await move(3)), { id: 'race', turn: 4 });
    const stale = await move(3);
    assert.equal(stale.error?.type, 'DynamoDB:ConditionalCheckFailedException');
    assert.match(stale.error?.message ?? '', conditionFailedMessage);
    assert.deepEqual(stale.result, { id: 'race', turn: 4 });
  });

  test('has no idempotency shortcut: a failed condition is reported even if the item already looks updated', async () => {
    ok(await put('done', { state: { S: 'FINISHED' } }));
    const outcome = await games.invoke({
      operation: 'UpdateItem',
      key: { id: { S: 'done' } },
      update: { expression: 'SET #s = :finished', expressionNames: { '#s': 'state' }, expressionValues: { ':finished': { S: 'FINISHED' } } },
      condition: { expression: '#s = :playing', expressionNames: { '#s': 'state' }, expressionValues: { ':playing': { S: 'PLAYING' } } },
    });
    assert.equal(outcome.error?.type, 'DynamoDB:ConditionalCheckFailedException');
    assert.deepEqual(outcome.result, { id: 'done', state: 'FINISHED' });
  });

  test('the same placeholder with two different values is refused before reaching the store', async () => {
    const outcome = await games.invoke({
      operation: 'UpdateItem',
      key: { id: { S: 'race' } },
      update: { expression: 'SET #t = :v', expressionNames: { '#t': 'turn' }, expressionValues: { ':v': { N: 1 } } },
      condition: { expression: '#t = :v', expressionNames: { '#t': 'turn' }, expressionValues: { ':v': { N: 2 } } },
    });
    assert.equal(outcome.error?.type, 'DynamoDB:ValidationException');
    assert.match(outcome.error?.message ?? '', /:v/);
  });
});

describe('DeleteItem', () => {
  test('returns the deleted item, and null when nothing was there', async () => {
    ok(await put('doomed', { x: { N: 1 } }));
    const del = () => games.invoke({ operation: 'DeleteItem', key: { id: { S: 'doomed' } } });
    assert.deepEqual(ok(await del()), { id: 'doomed', x: 1 });
    assert.equal(ok(await del()), null);
    assert.equal(ok(await get('doomed')), null);
  });

  test('a failed condition on an item that is already gone is a success (idempotency rule)', async () => {
    const outcome = await games.invoke({ operation: 'DeleteItem', key: { id: { S: 'never' } }, condition: { expression: 'attribute_exists(id)' } });
    assert.equal(ok(outcome), null);
  });

  test('a failed condition on an existing item keeps it and reports it', async () => {
    ok(await put('kept', { owner: { S: 'alice' } }));
    const outcome = await games.invoke({
      operation: 'DeleteItem',
      key: { id: { S: 'kept' } },
      condition: { expression: '#o = :me', expressionNames: { '#o': 'owner' }, expressionValues: { ':me': { S: 'bob' } } },
    });
    assert.equal(outcome.error?.type, 'DynamoDB:ConditionalCheckFailedException');
    assert.deepEqual(outcome.result, { id: 'kept', owner: 'alice' });
    assert.deepEqual(ok(await get('kept')), { id: 'kept', owner: 'alice' });
  });
});

describe('Query and Scan', () => {
  beforeAll(async () => {
    const items = [
      { player: 'ann', at: 1, game: 'g1', points: 10 },
      { player: 'ann', at: 2, game: 'g2', points: 30 },
      { player: 'ann', at: 3, game: 'g1', points: 20 },
      { player: 'ann', at: 4, game: 'g2', points: 5 },
      { player: 'ann', at: 5, game: 'g1', points: 40 },
      { player: 'ben', at: 1, game: 'g1', points: 15 },
    ];
    for (const item of items) {
      ok(
        await scores.invoke({
          operation: 'PutItem',
          key: { player: { S: item.player }, at: { N: item.at } },
          attributeValues: { game: { S: item.game }, points: { N: item.points } },
        }),
      );
    }
  });

  const annQuery = { expression: '#p = :p', expressionNames: { '#p': 'player' }, expressionValues: { ':p': { S: 'ann' } } };

  test('pages with nextToken until it is null, in sort-key order', async () => {
    const seen: number[] = [];
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const page = ok(await scores.invoke({ operation: 'Query', query: annQuery, limit: 2, nextToken })) as {
        items: Array<{ at: number }>;
        nextToken: string | null;
        scannedCount: number;
      };
      pages += 1;
      assert.ok(page.items.length <= 2);
      assert.equal(page.scannedCount, page.items.length);
      seen.push(...page.items.map((item) => item.at));
      nextToken = page.nextToken;
      assert.ok(nextToken === null || typeof nextToken === 'string');
      assert.ok(pages < 10, 'pagination does not end');
    } while (nextToken !== null);
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
    assert.ok(pages >= 3);
  });

  test('scanIndexForward false and a filter', async () => {
    const page = ok(
      await scores.invoke({
        operation: 'Query',
        query: annQuery,
        scanIndexForward: false,
        filter: { expression: '#g = :g', expressionNames: { '#g': 'game' }, expressionValues: { ':g': { S: 'g1' } } },
      }),
    ) as { items: Array<{ at: number }>; nextToken: string | null; scannedCount: number };
    assert.deepEqual(page.items.map((item) => item.at), [5, 3, 1]);
    assert.equal(page.scannedCount, 5);
    assert.equal(page.nextToken, null);
  });

  test('queries a global secondary index', async () => {
    const page = ok(
      await scores.invoke({
        operation: 'Query',
        index: 'byGame',
        query: {
          expression: '#g = :g AND #pts > :min',
          expressionNames: { '#g': 'game', '#pts': 'points' },
          expressionValues: { ':g': { S: 'g1' }, ':min': { N: 12 } },
        },
      }),
    ) as { items: Array<{ player: string; points: number }> };
    assert.deepEqual(page.items.map((item) => [item.player, item.points]), [['ben', 15], ['ann', 20], ['ann', 40]]);
  });

  test('a nextToken that was not issued here is a clear ValidationException', async () => {
    for (const nextToken of ['not-a-token', Buffer.from('{"tag":"other"}').toString('base64'), 42]) {
      const outcome = await scores.invoke({ operation: 'Query', query: annQuery, nextToken });
      assert.equal(outcome.error?.type, 'DynamoDB:ValidationException');
      assert.match(outcome.error?.message ?? '', /nextToken/);
      assert.equal(outcome.result, null);
    }
  });

  test('Scan pages through the whole table', async () => {
    const seen: string[] = [];
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const page = ok(await scores.invoke({ operation: 'Scan', limit: 4, nextToken })) as {
        items: Array<{ player: string; at: number }>;
        nextToken: string | null;
        scannedCount: number;
      };
      pages += 1;
      seen.push(...page.items.map((item) => `${item.player}${item.at}`));
      nextToken = page.nextToken;
      assert.ok(pages < 10, 'pagination does not end');
    } while (nextToken !== null);
    assert.deepEqual(seen.sort(), ['ann1', 'ann2', 'ann3', 'ann4', 'ann5', 'ben1']);
    assert.ok(pages >= 2);
  });

  test('Scan with a filter counts what it scanned, not what it kept', async () => {
    const page = ok(
      await scores.invoke({
        operation: 'Scan',
        filter: { expression: '#pts >= :min', expressionNames: { '#pts': 'points' }, expressionValues: { ':min': { N: 30 } } },
      }),
    ) as { items: Array<{ points: number }>; scannedCount: number };
    assert.deepEqual(page.items.map((item) => item.points).sort((a, b) => a - b), [30, 40]);
    assert.equal(page.scannedCount, 6);
  });

  test('Scan in segments covers the table once', async () => {
    const seen: string[] = [];
    for (const segment of [0, 1]) {
      const page = ok(await scores.invoke({ operation: 'Scan', segment, totalSegments: 2 })) as { items: Array<{ player: string; at: number }> };
      seen.push(...page.items.map((item) => `${item.player}${item.at}`));
    }
    assert.deepEqual(seen.sort(), ['ann1', 'ann2', 'ann3', 'ann4', 'ann5', 'ben1']);
  });
});

describe('batch operations', () => {
  test('BatchPutItem, BatchGetItem in key order with null for missing keys, BatchDeleteItem', async () => {
    const written = ok(
      await games.invoke({
        operation: 'BatchPutItem',
        tables: {
          [gamesTable]: [
            { id: { S: 'b1' }, n: { N: 1 } },
            { id: { S: 'b2' }, n: { N: 2 } },
            { id: { S: 'b3' }, n: { N: 3 } },
          ],
        },
      }),
    );
    assert.deepEqual(written, {
      data: { [gamesTable]: [{ id: 'b1', n: 1 }, { id: 'b2', n: 2 }, { id: 'b3', n: 3 }] },
      unprocessedItems: { [gamesTable]: [] },
    });

    const read = ok(
      await games.invoke({
        operation: 'BatchGetItem',
        tables: { [gamesTable]: { keys: [{ id: { S: 'b3' } }, { id: { S: 'missing' } }, { id: { S: 'b1' } }], consistentRead: true } },
      }),
    );
    assert.deepEqual(read, {
      data: { [gamesTable]: [{ id: 'b3', n: 3 }, null, { id: 'b1', n: 1 }] },
      unprocessedKeys: { [gamesTable]: [] },
    });

    const deleted = ok(
      await games.invoke({ operation: 'BatchDeleteItem', tables: { [gamesTable]: [{ id: { S: 'b1' } }, { id: { S: 'b2' } }] } }),
    );
    assert.deepEqual(deleted, { data: { [gamesTable]: [{ id: 'b1' }, { id: 'b2' }] }, unprocessedKeys: { [gamesTable]: [] } });
    assert.equal(ok(await get('b1')), null);
    assert.deepEqual(ok(await get('b3')), { id: 'b3', n: 3 });
  });

  test('BatchGetItem spans tables by their real names', async () => {
    const read = ok(
      await games.invoke({
        operation: 'BatchGetItem',
        tables: {
          [gamesTable]: { keys: [{ id: { S: 'b3' } }] },
          [scoresTable]: { keys: [{ player: { S: 'ben' }, at: { N: 1 } }], projection: { expression: 'player, #at, points', expressionNames: { '#at': 'at' } } },
        },
      }),
    );
    assert.deepEqual(read, {
      data: { [gamesTable]: [{ id: 'b3', n: 3 }], [scoresTable]: [{ player: 'ben', at: 1, points: 15 }] },
      unprocessedKeys: { [gamesTable]: [], [scoresTable]: [] },
    });
  });

  test('a batch naming a table that does not exist answers the store error', async () => {
    const outcome = await games.invoke({ operation: 'BatchGetItem', tables: { [dynamo.tableName('nope')]: { keys: [{ id: { S: 'x' } }] } } });
    assert.equal(outcome.error?.type, 'DynamoDB:ResourceNotFoundException');
    assert.match(outcome.error?.message ?? '', /\(Service: DynamoDb, Status Code: 400, Request ID: \S+\)$/);
  });
});

describe('transactions', () => {
  const writeRequest = () => ({
    operation: 'TransactWriteItems',
    transactItems: [
      { table: gamesTable, operation: 'PutItem', key: { id: { S: 't1' } }, attributeValues: { n: { N: 1 } }, condition: { expression: 'attribute_not_exists(id)' } },
      { table: gamesTable, operation: 'UpdateItem', key: { id: { S: 'b3' } }, update: { expression: 'SET n = n + :one', expressionValues: { ':one': { N: 1 } } } },
    ],
  });

  test('TransactWriteItems and TransactGetItems: a clear error on dynalite, real transactions elsewhere', async () => {
    const outcome = await games.invoke(writeRequest());
    if (dynamo.embedded) {
      assert.equal(outcome.error?.type, 'DynamoDB:UnknownOperationException');
      assert.match(outcome.error?.message ?? '', /^TransactWriteItems is not supported .*dynalite.*TURNBASE_DYNAMODB_ENDPOINT/);
      assert.equal(ok(await get('t1')), null);
      const read = await games.invoke({ operation: 'TransactGetItems', transactItems: [{ table: gamesTable, key: { id: { S: 'b3' } } }] });
      assert.equal(read.error?.type, 'DynamoDB:UnknownOperationException');
      assert.match(read.error?.message ?? '', /^TransactGetItems is not supported/);
      return;
    }
    assert.deepEqual(ok(outcome), { keys: [{ id: 't1' }, { id: 'b3' }], cancellationReasons: null });
    const read = ok(
      await games.invoke({
        operation: 'TransactGetItems',
        transactItems: [
          { table: gamesTable, key: { id: { S: 't1' } } },
          { table: gamesTable, key: { id: { S: 'absent' } } },
          { table: gamesTable, key: { id: { S: 'b3' } }, projection: { expression: '#n', expressionNames: { '#n': 'n' } } },
        ],
      }),
    );
    assert.deepEqual(read, { items: [{ id: 't1', n: 1 }, null, { n: 4 }], cancellationReasons: null });

    // Run again: the put's condition now fails, so nothing is written and the reasons say which item failed.
    const again = await games.invoke(writeRequest());
    assert.equal(again.error?.type, 'DynamoDB:TransactionCanceledException');
    const result = again.result as { keys: unknown; cancellationReasons: Array<{ type: string; item?: unknown }> };
    assert.equal(result.keys, null);
    assert.deepEqual(result.cancellationReasons.map((reason) => reason.type), ['ConditionalCheckFailed', 'None']);
    assert.deepEqual(result.cancellationReasons[0].item, { id: 't1', n: 1 });
    assert.deepEqual(ok(await get('b3')), { id: 'b3', n: 4 });
  });

  test('a ConditionCheck item without a condition is refused', async () => {
    const outcome = await games.invoke({
      operation: 'TransactWriteItems',
      transactItems: [{ table: gamesTable, operation: 'ConditionCheck', key: { id: { S: 'b3' } } }],
    });
    assert.equal(outcome.error?.type, 'DynamoDB:ValidationException');
    assert.match(outcome.error?.message ?? '', /transactItems\[0\]\.condition is required/);
  });
});

describe('bad requests and store errors', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['not an object', 'GetItem', /must be an object/],
    ['unknown operation', { operation: 'Explode' }, /Unknown DynamoDB operation "Explode"/],
    ['missing key', { operation: 'GetItem' }, /key is required/],
    ['untyped key value', { operation: 'GetItem', key: { id: 'plain' } }, /key\.id is not a valid DynamoDB attribute value/],
    ['two type tags', { operation: 'PutItem', key: { id: { S: 'a' } }, attributeValues: { x: { S: 'a', N: 1 } } }, /attributeValues\.x/],
    ['non-numeric N', { operation: 'PutItem', key: { id: { S: 'a' } }, attributeValues: { x: { N: true } } }, /N takes a number/],
    ['UpdateItem without update', { operation: 'UpdateItem', key: { id: { S: 'a' } } }, /update is required/],
    ['Query without query', { operation: 'Query' }, /query is required/],
    ['negative limit', { operation: 'Scan', limit: -1 }, /limit must be an integer/],
    ['empty batch', { operation: 'BatchGetItem', tables: {} }, /at least one table/],
  ];
  for (const [name, request, message] of cases) {
    test(`${name} → ValidationException`, async () => {
      const outcome = await games.invoke(request);
      assert.equal(outcome.error?.type, 'DynamoDB:ValidationException');
      assert.match(outcome.error?.message ?? '', message);
      assert.equal(outcome.result, null);
    });
  }

  test('Sync answers a clear unsupported error', async () => {
    const outcome = await games.invoke({ operation: 'Sync', limit: 10 });
    assert.equal(outcome.error?.type, 'DynamoDB:UnsupportedOperationException');
    assert.match(outcome.error?.message ?? '', /Sync needs a versioned data source/);
  });

  test('a rejected request from the store carries its AWS error code', async () => {
    const outcome = await games.invoke({
      operation: 'UpdateItem',
      key: { id: { S: 'x' } },
      update: { expression: 'SET #a = :v', expressionNames: { '#a': 'a' }, expressionValues: {} },
    });
    assert.equal(outcome.error?.type, 'DynamoDB:ValidationException');
    assert.match(outcome.error?.message ?? '', /:v/);
    assert.match(outcome.error?.message ?? '', /\(Service: DynamoDb, Status Code: 400, Request ID: \S+\)$/);
  });

  test('a data source bound to a missing table answers ResourceNotFoundException', async () => {
    const missing = createDynamoDbDataSource({ store: dynamo.store, tableName: dynamo.tableName('missing') });
    const outcome = await missing.invoke({ operation: 'GetItem', key: { id: { S: 'x' } } });
    assert.equal(outcome.error?.type, 'DynamoDB:ResourceNotFoundException');
    assert.equal(outcome.result, null);
  });
});
