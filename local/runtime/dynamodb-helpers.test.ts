import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import * as ddb from './dynamodb-helpers.js';

const { operations } = ddb;

describe('@aws-appsync/utils/dynamodb: single-item requests', () => {
  test('get with consistentRead and a nested projection', () => {
    assert.deepEqual(ddb.get({ key: { id: 'g1', sk: 2 }, consistentRead: true, projection: ['id', 'players', 'nested.list[1]', 'id'] }), {
      operation: 'GetItem',
      key: { id: { S: 'g1' }, sk: { N: 2 } },
      consistentRead: true,
      projection: {
        expression: '#attr0, #attr1, #attr2.#attr3[1], #attr0',
        expressionNames: { '#attr0': 'id', '#attr1': 'players', '#attr2': 'nested', '#attr3': 'list' },
      },
    });
    assert.deepEqual(ddb.get({ key: { id: 'g1' } }), { operation: 'GetItem', key: { id: { S: 'g1' } } });
  });

  test('put converts the item and compiles the condition', () => {
    assert.deepEqual(ddb.put({ key: { id: 'g1' }, item: { heaps: [5, 4, 5], tags: ddb.toStringSet(['a']) }, condition: { id: { attributeExists: false } }, _version: 3 }), {
      operation: 'PutItem',
      key: { id: { S: 'g1' } },
      attributeValues: { heaps: { L: [{ N: 5 }, { N: 4 }, { N: 5 }] }, tags: { SS: ['a'] } },
      condition: { expression: '(attribute_not_exists(#id))', expressionNames: { '#id': 'id' } },
      _version: 3,
    });
  });

  test('remove with a condition', () => {
    assert.deepEqual(ddb.remove({ key: { id: 'g1' }, condition: { owner: { eq: 'ann' } } }), {
      operation: 'DeleteItem',
      key: { id: { S: 'g1' } },
      condition: { expression: '(#owner = :owner_eq)', expressionNames: { '#owner': 'owner' }, expressionValues: { ':owner_eq': { S: 'ann' } } },
    });
  });

  test('bad input is a clear error', () => {
    assert.throws(() => ddb.get({} as never), /key must be an object/);
    assert.throws(() => ddb.put(null as never), /put\(\) input must be an object/);
  });
});

describe('update(): every operation', () => {
  test('plain values, null and nested objects are SET; remove() is REMOVE', () => {
    const request = ddb.update({
      key: { id: 'g1' },
      update: { status: 'OVER', winner: null, address: { city: 'Oslo', zip: '0150' }, note: operations.remove() },
    });
    assert.deepEqual(request, {
      operation: 'UpdateItem',
      key: { id: { S: 'g1' } },
      update: {
        expression: 'SET #expName_1 = :expValue_1, #expName_2 = :expValue_2, #expName_3.#expName_4 = :expValue_3, #expName_3.#expName_5 = :expValue_4 REMOVE #expName_6',
        expressionNames: { '#expName_1': 'status', '#expName_2': 'winner', '#expName_3': 'address', '#expName_4': 'city', '#expName_5': 'zip', '#expName_6': 'note' },
        expressionValues: { ':expValue_1': { S: 'OVER' }, ':expValue_2': { NULL: null }, ':expValue_3': { S: 'Oslo' }, ':expValue_4': { S: '0150' } },
      },
    });
  });

  test('replace, add, increment, decrement are SET, as AppSync compiles them (add is no DynamoDB ADD)', () => {
    const request = ddb.update({
      key: { id: 'g1' },
      update: {
        address: operations.replace({ city: 'Oslo' }),
        profile: operations.add({ nick: 'n' }),
        score: operations.add(5),
        tags: operations.add(ddb.toStringSet(['x'])),
        turn: operations.increment(),
        lives: operations.decrement(2),
      },
    });
    assert.deepEqual(request.update, {
      expression:
        'SET #expName_1 = :expValue_1, #expName_2 = :expValue_2, #expName_3 = :expValue_3, #expName_4 = :expValue_4, #expName_5 = #expName_5 + :expValue_5, #expName_6 = #expName_6 - :expValue_6',
      expressionNames: { '#expName_1': 'address', '#expName_2': 'profile', '#expName_3': 'score', '#expName_4': 'tags', '#expName_5': 'turn', '#expName_6': 'lives' },
      expressionValues: {
        ':expValue_1': { M: { city: { S: 'Oslo' } } },
        ':expValue_2': { M: { nick: { S: 'n' } } },
        ':expValue_3': { N: 5 },
        ':expValue_4': { SS: ['x'] },
        ':expValue_5': { N: 1 },
        ':expValue_6': { N: 2 },
      },
    });
  });

  test('append, prepend and updateListItem', () => {
    const request = ddb.update({
      key: { id: 'g1' },
      update: {
        moves: operations.append([{ heap: 1 }]),
        log: operations.prepend(['first']),
        heaps: [operations.updateListItem(3, 0), operations.updateListItem(0, 2)],
      },
    });
    assert.deepEqual(request.update, {
      expression: 'SET #expName_1 = list_append(#expName_1, :expValue_1), #expName_2 = list_append(:expValue_2, #expName_2), #expName_3[0] = :expValue_3, #expName_3[2] = :expValue_4',
      expressionNames: { '#expName_1': 'moves', '#expName_2': 'log', '#expName_3': 'heaps' },
      expressionValues: {
        ':expValue_1': { L: [{ M: { heap: { N: 1 } } }] },
        ':expValue_2': { L: [{ S: 'first' }] },
        ':expValue_3': { N: 3 },
        ':expValue_4': { N: 0 },
      },
    });
  });

  test('a plain list is SET whole, and the condition is compiled separately', () => {
    const request = ddb.update({ key: { id: 'g1' }, update: { heaps: [1, 2] }, condition: { turn: { eq: 4 }, status: { eq: 'ACTIVE' } } });
    assert.deepEqual(request, {
      operation: 'UpdateItem',
      key: { id: { S: 'g1' } },
      update: { expression: 'SET #expName_1 = :expValue_1', expressionNames: { '#expName_1': 'heaps' }, expressionValues: { ':expValue_1': { L: [{ N: 1 }, { N: 2 }] } } },
      condition: {
        expression: '(#turn = :turn_eq) AND (#status = :status_eq)',
        expressionNames: { '#turn': 'turn', '#status': 'status' },
        expressionValues: { ':turn_eq': { N: 4 }, ':status_eq': { S: 'ACTIVE' } },
      },
    });
  });

  test('operation markers have AppSync shapes and are recognised by shape; other objects are plain values', () => {
    assert.deepEqual(operations.increment(10), { type: 'OPERATION_INCREMENT', by: 10 });
    assert.deepEqual(operations.append([1]), { type: 'OPERATION_APPEND', items: [1] });
    const viaStash = JSON.parse(JSON.stringify(operations.remove())) as unknown;
    assert.equal((ddb.update({ key: { id: 'g1' }, update: { gone: viaStash } }).update as { expression: string }).expression, 'REMOVE #expName_1');
    const request = ddb.update({ key: { id: 'g1' }, update: { marker: { type: 'remove' } } });
    assert.equal((request.update as { expression: string }).expression, 'SET #expName_1.#expName_2 = :expValue_1');
  });

  test('empty updates and bad operands are errors', () => {
    assert.throws(() => ddb.update({ key: { id: 'g1' }, update: {} }), /at least one attribute/);
    assert.throws(() => ddb.update({ key: { id: 'g1' }, update: { n: operations.increment('x' as never) } }), /expects a number/);
    assert.throws(() => ddb.update({ key: { id: 'g1' }, update: { l: [operations.updateListItem(1, -1)] } }), /non-negative integer index/);
  });
});

describe('query, scan, sync', () => {
  test('query builds the key condition, filter, projection and options', () => {
    const request = ddb.query({
      query: { gameId: { eq: 'g1' }, createdAt: { between: ['a', 'b'] } },
      filter: { player: { ne: 'bot' } },
      index: 'byGame',
      limit: 10,
      nextToken: 'tok',
      scanIndexForward: false,
      consistentRead: false,
      select: 'ALL_ATTRIBUTES',
      projection: ['id'],
    });
    assert.deepEqual(request, {
      operation: 'Query',
      query: {
        expression: '(#gameId = :gameId_eq) AND (#createdAt BETWEEN :createdAt_between_0 AND :createdAt_between_1)',
        expressionNames: { '#gameId': 'gameId', '#createdAt': 'createdAt' },
        expressionValues: { ':gameId_eq': { S: 'g1' }, ':createdAt_between_0': { S: 'a' }, ':createdAt_between_1': { S: 'b' } },
      },
      index: 'byGame',
      nextToken: 'tok',
      limit: 10,
      scanIndexForward: false,
      consistentRead: false,
      select: 'ALL_ATTRIBUTES',
      filter: { expression: '(#player <> :player_ne)', expressionNames: { '#player': 'player' }, expressionValues: { ':player_ne': { S: 'bot' } } },
      projection: { expression: '#attr0', expressionNames: { '#attr0': 'id' } },
    });
  });

  test('query rejects operators a key condition cannot use, and an empty key condition', () => {
    assert.throws(() => ddb.query({ query: { id: { ne: 1 } } } as never), /cannot be used in a key condition/);
    assert.throws(() => ddb.query({ query: {} }), /needs a key condition/);
  });

  test('scan and sync leave out unset options', () => {
    assert.deepEqual(ddb.scan({ limit: 5, nextToken: null, segment: 0, totalSegments: 2 }), { operation: 'Scan', limit: 5, totalSegments: 2, segment: 0 });
    assert.deepEqual(ddb.scan({ filter: { open: { eq: true } } }), {
      operation: 'Scan',
      filter: { expression: '(#open = :open_eq)', expressionNames: { '#open': 'open' }, expressionValues: { ':open_eq': { BOOL: true } } },
    });
    assert.deepEqual(ddb.sync({ limit: 10, lastSync: 1700000000000, basePartitionKey: 'pk', deltaIndexName: 'delta' }), {
      operation: 'Sync',
      basePartitionKey: 'pk',
      deltaIndexName: 'delta',
      limit: 10,
      lastSync: 1700000000000,
    });
  });
});

describe('batch and transaction requests', () => {
  test('batchGet, batchPut, batchDelete', () => {
    assert.deepEqual(ddb.batchGet({ tables: { games: { keys: [{ id: '1' }, { id: '2' }], consistentRead: true, projection: ['id'] } } }), {
      operation: 'BatchGetItem',
      tables: {
        games: { keys: [{ id: { S: '1' } }, { id: { S: '2' } }], consistentRead: true, projection: { expression: '#attr0', expressionNames: { '#attr0': 'id' } } },
      },
    });
    assert.deepEqual(ddb.batchPut({ tables: { games: [{ id: '1', n: 1 }], players: [{ name: 'a' }] } }), {
      operation: 'BatchPutItem',
      tables: { games: [{ id: { S: '1' }, n: { N: 1 } }], players: [{ name: { S: 'a' } }] },
    });
    assert.deepEqual(ddb.batchDelete({ tables: { games: [{ id: '1' }] } }), { operation: 'BatchDeleteItem', tables: { games: [{ id: { S: '1' } }] } });
    assert.throws(() => ddb.batchPut({ tables: { games: 'x' } } as never), /tables.games must be a list/);
  });

  test('transactGet', () => {
    assert.deepEqual(ddb.transactGet({ items: [{ table: 'games', key: { id: '1' }, projection: ['id'] }, { table: 'games', key: { id: '2' } }] }), {
      operation: 'TransactGetItems',
      transactItems: [
        { table: 'games', key: { id: { S: '1' } }, projection: { expression: '#attr0', expressionNames: { '#attr0': 'id' } } },
        { table: 'games', key: { id: { S: '2' } } },
      ],
    });
  });

  test('transactWrite covers put, update, delete and condition check', () => {
    const request = ddb.transactWrite({
      items: [
        { putItem: { table: 'games', key: { id: '1' }, item: { n: 1 }, condition: { id: { attributeExists: false } } } },
        { updateItem: { table: 'games', key: { id: '2' }, update: { n: operations.increment() } } },
        { deleteItem: { table: 'games', key: { id: '3' } } },
        { conditionCheck: { table: 'games', key: { id: '4' }, condition: { open: { eq: true } } } },
      ],
    });
    assert.deepEqual(request, {
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table: 'games',
          key: { id: { S: '1' } },
          operation: 'PutItem',
          attributeValues: { n: { N: 1 } },
          condition: { expression: '(attribute_not_exists(#id))', expressionNames: { '#id': 'id' }, returnValuesOnConditionCheckFailure: false },
        },
        {
          table: 'games',
          key: { id: { S: '2' } },
          operation: 'UpdateItem',
          update: { expression: 'SET #expName_1 = #expName_1 + :expValue_1', expressionNames: { '#expName_1': 'n' }, expressionValues: { ':expValue_1': { N: 1 } } },
        },
        { table: 'games', key: { id: { S: '3' } }, operation: 'DeleteItem' },
        {
          table: 'games',
          key: { id: { S: '4' } },
          operation: 'ConditionCheck',
          condition: { expression: '(#open = :open_eq)', expressionNames: { '#open': 'open' }, expressionValues: { ':open_eq': { BOOL: true } }, returnValuesOnConditionCheckFailure: false },
        },
      ],
    });
    assert.throws(() => ddb.transactWrite({ items: [{ putItem: { key: { id: '1' }, item: {} } }] } as never), /needs a table name/);
    assert.throws(() => ddb.transactWrite({ items: [{}] } as never), /exactly one of/);
  });

  test('typed sets', () => {
    assert.deepEqual(ddb.toStringSet(['a', 'b']), { SS: ['a', 'b'] });
    assert.deepEqual(ddb.toNumberSet([1, 2, 3]), { NS: [1, 2, 3] });
    assert.deepEqual(ddb.toBinarySet(['SGVsbG8=']), { BS: ['SGVsbG8='] });
    assert.throws(() => ddb.toNumberSet(null as never), /expects a list/);
  });
});
