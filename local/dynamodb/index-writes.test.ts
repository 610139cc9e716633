/**
 * An item's index entries are written in one round (index-writes.ts): the new entries are put without
 * waiting for the old ones to be deleted, the entries are the ones dynalite lists, and an item moved
 * within an index is found under its new key only.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { startEmbeddedDynamo, type EmbeddedDynamo } from './embedded.js';
import { dynaliteDb, installIndexWritesInOneRound } from './index-writes.js';

describe("dynalite's updateIndexes, as the engine runs it", () => {
  const table = {
    TableName: 'games',
    KeySchema: [{ AttributeName: 'gameId', KeyType: 'HASH' }],
    AttributeDefinitions: [
      { AttributeName: 'gameId', AttributeType: 'S' },
      { AttributeName: 'status', AttributeType: 'S' },
    ],
    GlobalSecondaryIndexes: [{ IndexName: 'byStatus', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
  };

  /** A store whose index writes answer on a later turn, as dynalite's do; it records the order of events. */
  function recordingStore() {
    const events: string[] = [];
    const indexDb = {
      put: (key: string, _item: unknown, done: () => void) => {
        events.push(`put ${key}`);
        setImmediate(() => (events.push(`done put ${key}`), done()));
      },
      del: (key: string, done: () => void) => {
        events.push(`del ${key}`);
        setImmediate(() => (events.push(`done del ${key}`), done()));
      },
    };
    return { events, store: { getIndexDb: () => indexDb } };
  }

  test('the new entry is put in the same round as the old one is deleted', async () => {
    installIndexWritesInOneRound();
    const db = dynaliteDb();
    const { events, store } = recordingStore();
    const before = { gameId: { S: 'g1' }, status: { S: 'IN_PROGRESS' } };
    const after = { gameId: { S: 'g1' }, status: { S: 'FINISHED' } };
    const expected = db.getIndexActions(table.GlobalSecondaryIndexes, before, after, table);
    assert.equal(expected.deletes.length, 1);
    assert.equal(expected.puts.length, 1);
    await new Promise<void>((resolve, reject) => db.updateIndexes(store, table, before, after, (error) => (error ? reject(error as Error) : resolve())));
    assert.deepEqual(events, [`del ${expected.deletes[0].key}`, `put ${expected.puts[0].key}`, `done del ${expected.deletes[0].key}`, `done put ${expected.puts[0].key}`]);
  });

  test('an item that stays where it was is put again; with no item at all, the callback comes at once', async () => {
    installIndexWritesInOneRound();
    const db = dynaliteDb();
    const { events, store } = recordingStore();
    const item = { gameId: { S: 'g2' }, status: { S: 'IN_PROGRESS' } };
    await new Promise<void>((resolve) => db.updateIndexes(store, table, item, item, () => resolve()));
    assert.deepEqual(
      events.filter((event) => !event.startsWith('done')),
      db.getIndexActions(table.GlobalSecondaryIndexes, item, item, table).puts.map((put) => `put ${put.key}`),
    );
    let calledBack = false;
    db.updateIndexes(store, table, null, null, () => (calledBack = true));
    assert.ok(calledBack);
  });

  test('a failed write calls back once, with its error', async () => {
    installIndexWritesInOneRound();
    const failing = { put: (_key: string, _item: unknown, done: (error?: Error) => void) => setImmediate(() => done(new Error('disk full'))), del: (_key: string, done: (error?: Error) => void) => setImmediate(() => done(new Error('disk full'))) };
    const calls: unknown[] = [];
    const before = { gameId: { S: 'g3' }, status: { S: 'IN_PROGRESS' } };
    const after = { gameId: { S: 'g3' }, status: { S: 'FINISHED' } };
    dynaliteDb().updateIndexes({ getIndexDb: () => failing }, table, before, after, (error) => calls.push(error));
    await new Promise((done) => setTimeout(done, 20));
    assert.equal(calls.length, 1);
    assert.match(String(calls[0]), /disk full/);
  });
});

describe('an item moved within an index', () => {
  let dynamo: EmbeddedDynamo;
  beforeAll(async () => {
    dynamo = await startEmbeddedDynamo({ dataDir: null });
    await dynamo.store.send('CreateTable', {
      TableName: 'moving',
      AttributeDefinitions: [
        { AttributeName: 'id', AttributeType: 'S' },
        { AttributeName: 'status', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [{ IndexName: 'byStatus', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if ((await dynamo.store.send('DescribeTable', { TableName: 'moving' })).Table?.TableStatus === 'ACTIVE') break;
      await new Promise((done) => setTimeout(done, 5));
    }
  });
  afterAll(() => dynamo.close());

  const byStatus = async (status: string) =>
    (await dynamo.store.send('Query', { TableName: 'moving', IndexName: 'byStatus', KeyConditionExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: status } } })).Items;

  test('is found under its new key only, with its new attributes; taken out of the index, it is found nowhere', async () => {
    await dynamo.store.send('PutItem', { TableName: 'moving', Item: { id: { S: 'a' }, status: { S: 'OPEN' }, n: { N: '1' } } });
    await dynamo.store.send('UpdateItem', { TableName: 'moving', Key: { id: { S: 'a' } }, UpdateExpression: 'SET #s = :s, n = :n', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'DONE' }, ':n': { N: '2' } } });
    assert.deepEqual(await byStatus('OPEN'), []);
    assert.deepEqual(await byStatus('DONE'), [{ id: { S: 'a' }, status: { S: 'DONE' }, n: { N: '2' } }]);
    await dynamo.store.send('UpdateItem', { TableName: 'moving', Key: { id: { S: 'a' } }, UpdateExpression: 'REMOVE #s', ExpressionAttributeNames: { '#s': 'status' } });
    assert.deepEqual(await byStatus('DONE'), []);
    await dynamo.store.send('DeleteItem', { TableName: 'moving', Key: { id: { S: 'a' } } });
    assert.equal((await dynamo.store.send('Scan', { TableName: 'moving' })).Count, 0);
  });
});
