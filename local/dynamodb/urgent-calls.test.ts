/**
 * Urgent calls to the embedded store run to their answer without giving the event loop back; other calls
 * still take a turn per storage step; both give the same answers, and a call waiting on an item's lock still
 * completes.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Server } from 'node:http';
import { directStore } from './direct-store.js';
import { dynaliteWithInternals } from './embedded.js';
import { inProcessStore, type DynamoStore, type StoreOperation } from './store.js';

let server: Server;
let store: DynamoStore;

beforeAll(async () => {
  const made = dynaliteWithInternals({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server = made.server;
  store = directStore(made.internals, inProcessStore(server));
  for (const name of ['urgent-games', 'plain-games']) {
    await store.send('CreateTable', {
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'id', AttributeType: 'S' },
        { AttributeName: 'status', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [{ IndexName: 'byStatus', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }, { AttributeName: 'id', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
    });
  }
  // dynalite's zero delays still pass through a timer before the tables are ACTIVE.
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const statuses = await Promise.all(['urgent-games', 'plain-games'].map((name) => store.send('DescribeTable', { TableName: name }).then((output) => output.Table?.TableStatus)));
    if (statuses.every((status) => status === 'ACTIVE')) return;
    await new Promise((done) => setTimeout(done, 5));
  }
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

/** How many turns of the event loop (setImmediate rounds) pass before `call` settles. */
async function turnsDuring(call: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  let settled = false;
  const tick = () => {
    if (settled) return;
    turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  try {
    await call();
  } catch {
    // A refused call counts as well.
  } finally {
    settled = true;
  }
  return turns;
}

/** Moves game `id` to another status: the item is read, written, and its index entry moved. */
const finishGame = (table: string, id: string) => ({
  TableName: table,
  Key: { id: { S: id } },
  UpdateExpression: 'SET #status = :finished, #moves = #moves + :one',
  ConditionExpression: '#status = :playing',
  ExpressionAttributeNames: { '#status': 'status', '#moves': 'moves' },
  ExpressionAttributeValues: { ':finished': { S: 'FINISHED' }, ':playing': { S: 'PLAYING' }, ':one': { N: '1' } },
  ReturnValues: 'ALL_NEW',
  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
});

const newGame = (table: string, id: string) => ({ TableName: table, Item: { id: { S: id }, status: { S: 'PLAYING' }, moves: { N: '0' } } });

test('an urgent update answers without a turn of the event loop; a plain one takes a turn per step', async () => {
  await store.send('PutItem', newGame('urgent-games', 'g1'));
  await store.send('PutItem', newGame('plain-games', 'g1'));
  expect(await turnsDuring(() => store.send('UpdateItem', finishGame('urgent-games', 'g1'), { urgent: true }))).toBe(0);
  // Read the item, write it, move its index entry.
  expect(await turnsDuring(() => store.send('UpdateItem', finishGame('plain-games', 'g1')))).toBeGreaterThanOrEqual(3);
  // The flag does not stay behind for the next plain call.
  expect(await turnsDuring(() => store.send('GetItem', { TableName: 'urgent-games', Key: { id: { S: 'g1' } } }))).toBeGreaterThanOrEqual(1);
});

/** A call's answer or refusal, without the request id (which differs every time). */
async function outcome(operation: StoreOperation, input: object, urgent: boolean): Promise<unknown> {
  try {
    const { $metadata, ...answer } = (await store.send(operation, input, { urgent })) as { $metadata: unknown };
    return { answer, status: ($metadata as { httpStatusCode: number }).httpStatusCode };
  } catch (error) {
    const { $metadata, ...fields } = error as Error & { $metadata: { httpStatusCode: number } };
    return { error: (error as Error).name, message: (error as Error).message, fields, status: $metadata.httpStatusCode };
  }
}

test('urgent and plain calls give the same answers and refusals', async () => {
  const steps: Array<[StoreOperation, (table: string) => object]> = [
    ['PutItem', (table) => newGame(table, 'g2')],
    ['UpdateItem', (table) => finishGame(table, 'g2')],
    // Refused: the game is over; the old item comes back with the refusal.
    ['UpdateItem', (table) => finishGame(table, 'g2')],
    ['GetItem', (table) => ({ TableName: table, Key: { id: { S: 'g2' } }, ConsistentRead: true })],
    ['Query', (table) => ({ TableName: table, IndexName: 'byStatus', KeyConditionExpression: '#status = :s AND id = :id', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':s': { S: 'FINISHED' }, ':id': { S: 'g2' } } })],
    ['BatchGetItem', (table) => ({ RequestItems: { [table]: { Keys: [{ id: { S: 'g2' } }, { id: { S: 'none' } }] } } })],
    ['DeleteItem', (table) => ({ TableName: table, Key: { id: { S: 'g2' } }, ReturnValues: 'ALL_OLD' })],
    ['GetItem', (table) => ({ TableName: table, Key: { id: { S: 'g2' } } })],
  ];
  for (const [operation, input] of steps) {
    const urgent = await outcome(operation, input('urgent-games'), true);
    const plain = await outcome(operation, input('plain-games'), false);
    expect(JSON.stringify(urgent).replaceAll('urgent-games', 'TABLE'), operation).toBe(JSON.stringify(plain).replaceAll('plain-games', 'TABLE'));
  }
  expect(await outcome('UpdateItem', finishGame('urgent-games', 'g1'), true)).toMatchObject({ error: 'ConditionalCheckFailedException', status: 400 });
});

test('urgent calls on one item at once wait for its lock, and each applies once', async () => {
  await store.send('PutItem', { TableName: 'urgent-games', Item: { id: { S: 'counter' }, status: { S: 'PLAYING' }, moves: { N: '0' } } });
  const add = { TableName: 'urgent-games', Key: { id: { S: 'counter' } }, UpdateExpression: 'ADD #moves :one', ExpressionAttributeNames: { '#moves': 'moves' }, ExpressionAttributeValues: { ':one': { N: '1' } } };
  await Promise.all(Array.from({ length: 20 }, (_, index) => store.send('UpdateItem', add, { urgent: index % 2 === 0 })));
  const read = await store.send('GetItem', { TableName: 'urgent-games', Key: { id: { S: 'counter' } }, ConsistentRead: true });
  expect(read.Item?.moves).toEqual({ N: '20' });
});
