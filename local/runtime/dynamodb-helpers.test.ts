import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import * as ddb from './dynamodb-helpers.js';

const { operations } = ddb;

describe('@aws-appsync/utils/dynamodb: single-item requests', () => {
  test('get with consistentRead and a nested projection', () => {
    assert.deepEqual(ddb.get({ key: { id: 'g1', sk: 2 }, consistentRead: true, projection: ['id', 'players', 'nested.list[1]', 'id'] }), {
      operation: 'GetItem',
      key: { id: { S: 'g1' }, sk: { N: '2' } },
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
      attributeValues: { heaps: { L: [{ N: '5' }, { N: '4' }, { N: '5' }] }, tags: { SS: ['a'] } },
      condition: { expression: 'attribute_not_exists(#id)', expressionNames: { '#id': 'id' } },
      _version: 3,
    });
  });

  test('remove with a condition', () => {
    assert.deepEqual(ddb.remove({ key: { id: 'g1' }, condition: { owner: { eq: 'ann' } } }), {
      operation: 'DeleteItem',
      key: { id: { S: 'g1' } },
      condition: { expression: '#owner = :owner_eq', expressionNames: { '#owner': 'owner' }, expressionValues: { ':owner_eq': { S: 'ann' } } },
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
        expression: 'SET #attr0 = :val0, #attr1 = :val1, #attr2.#attr3 = :val2, #attr2.#attr4 = :val3 REMOVE #attr5',
        expressionNames: { '#attr0': 'status', '#attr1': 'winner', '#attr2': 'address', '#attr3': 'city', '#attr4': 'zip', '#attr5': 'note' },
        expressionValues: { ':val0': { S: 'OVER' }, ':val1': { NULL: null }, ':val2': { S: 'Oslo' }, ':val3': { S: '0150' } },
      },
    });
  });

  test('replace, add, increment, decrement', () => {
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
      expression: 'SET #attr0 = :val0, #attr1 = :val1 ADD #attr2 :val2, #attr3 :val3, #attr4 :val4, #attr5 :val5',
      expressionNames: { '#attr0': 'address', '#attr1': 'profile', '#attr2': 'score', '#attr3': 'tags', '#attr4': 'turn', '#attr5': 'lives' },
      expressionValues: {
        ':val0': { M: { city: { S: 'Oslo' } } },
        ':val1': { M: { nick: { S: 'n' } } },
        ':val2': { N: '5' },
        ':val3': { SS: ['x'] },
        ':val4': { N: '1' },
        ':val5': { N: '-2' },
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
      expression: 'SET #attr0 = list_append(#attr0, :val0), #attr1 = list_append(:val1, #attr1), #attr2[0] = :val2, #attr2[2] = :val3',
      expressionNames: { '#attr0': 'moves', '#attr1': 'log', '#attr2': 'heaps' },
      expressionValues: {
        ':val0': { L: [{ M: { heap: { N: '1' } } }] },
        ':val1': { L: [{ S: 'first' }] },
        ':val2': { N: '3' },
        ':val3': { N: '0' },
      },
    });
  });

  test('a plain list is SET whole, and the condition is compiled separately', () => {
    const request = ddb.update({ key: { id: 'g1' }, update: { heaps: [1, 2] }, condition: { turn: { eq: 4 }, status: { eq: 'ACTIVE' } } });
    assert.deepEqual(request, {
      operation: 'UpdateItem',
      key: { id: { S: 'g1' } },
      update: { expression: 'SET #attr0 = :val0', expressionNames: { '#attr0': 'heaps' }, expressionValues: { ':val0': { L: [{ N: '1' }, { N: '2' }] } } },
      condition: {
        expression: '(#turn = :turn_eq) AND (#status = :status_eq)',
        expressionNames: { '#turn': 'turn', '#status': 'status' },
        expressionValues: { ':turn_eq': { N: '4' }, ':status_eq': { S: 'ACTIVE' } },
      },
    });
  });

  test('an object that merely looks like an operation is a plain value', () => {
    const request = ddb.update({ key: { id: 'g1' }, update: { marker: { _type: 'remove' } } });
    assert.equal((request.update as { expression: string }).expression, 'SET #attr0.#attr1 = :val0');
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
      filter: { expression: '#player <> :player_ne', expressionNames: { '#player': 'player' }, expressionValues: { ':player_ne': { S: 'bot' } } },
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
      filter: { expression: '#open = :open_eq', expressionNames: { '#open': 'open' }, expressionValues: { ':open_eq': { BOOL: true } } },
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
      tables: { games: [{ id: { S: '1' }, n: { N: '1' } }], players: [{ name: { S: 'a' } }] },
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
          attributeValues: { n: { N: '1' } },
          condition: { expression: 'attribute_not_exists(#id)', expressionNames: { '#id': 'id' }, returnValuesOnConditionCheckFailure: false },
        },
        {
          table: 'games',
          key: { id: { S: '2' } },
          operation: 'UpdateItem',
          update: { expression: 'ADD #attr0 :val0', expressionNames: { '#attr0': 'n' }, expressionValues: { ':val0': { N: '1' } } },
        },
        { table: 'games', key: { id: { S: '3' } }, operation: 'DeleteItem' },
        {
          table: 'games',
          key: { id: { S: '4' } },
          operation: 'ConditionCheck',
          condition: { expression: '#open = :open_eq', expressionNames: { '#open': 'open' }, expressionValues: { ':open_eq': { BOOL: true } }, returnValuesOnConditionCheckFailure: false },
        },
      ],
    });
    assert.throws(() => ddb.transactWrite({ items: [{ putItem: { key: { id: '1' }, item: {} } }] } as never), /needs a table name/);
    assert.throws(() => ddb.transactWrite({ items: [{}] } as never), /exactly one of/);
  });

  test('typed sets', () => {
    assert.deepEqual(ddb.toStringSet(['a', 'b']), { SS: ['a', 'b'] });
    assert.deepEqual(ddb.toNumberSet([1, 2, 3]), { NS: ['1', '2', '3'] });
    assert.deepEqual(ddb.toBinarySet(['SGVsbG8=']), { BS: ['SGVsbG8='] });
    assert.throws(() => ddb.toNumberSet(null as never), /expects a list/);
  });
});
