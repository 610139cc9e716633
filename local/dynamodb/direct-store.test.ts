/**
 * Dynalite's operations called directly answer exactly as its HTTP handler does (called in process),
 * against the same dynalite: outputs (binaries as bytes, key order), errors with their codes, messages
 * and fields, the transactions it does not implement, and a body over its size limit.
 */
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { answerCopy, directStore, normalizeOwned } from './direct-store.js';
import { dynaliteWithInternals } from './embedded.js';
import { JsonBytes } from './attributes.js';
import { inProcessStore, type DynamoStore, type StoreOperation } from './store.js';

let server: Server;
let direct: DynamoStore;
let handler: DynamoStore;

beforeAll(async () => {
  const made = dynaliteWithInternals({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server = made.server;
  handler = inProcessStore(server);
  direct = directStore(made.internals, handler);
  await handler.send('CreateTable', {
    TableName: 'direct',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  // The table is CREATING until dynalite's (zero) delay has passed.
  await new Promise((done) => setTimeout(done, 50));
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

/** Outcome of a call: the output or the failure, with everything but the random request id; bytes as arrays. */
async function outcome(store: DynamoStore, operation: StoreOperation, input: object): Promise<unknown> {
  const shape = (value: unknown): unknown => {
    if (value instanceof Uint8Array) return { bytes: [...value], jsonBytes: value instanceof JsonBytes };
    if (Array.isArray(value)) return value.map(shape);
    if (typeof value === 'object' && value !== null) return Object.entries(value).map(([key, member]) => [key, shape(member)]);
    return value;
  };
  const withoutId = (metadata: { httpStatusCode?: number; requestId?: string }) => ({ status: metadata.httpStatusCode, id: typeof metadata.requestId === 'string' ? metadata.requestId.length : metadata.requestId });
  try {
    const output = (await store.send(operation, input)) as unknown as Record<string, unknown>;
    const { $metadata, ...rest } = output;
    return { ok: shape(rest), metadata: withoutId($metadata as never) };
  } catch (error) {
    const { $metadata, ...fields } = error as Error & Record<string, unknown>;
    return { failed: (error as Error).name, message: (error as Error).message, fields: shape(fields), metadata: withoutId(($metadata ?? {}) as never), isError: error instanceof Error };
  }
}

/** Runs the call on the handler, then directly: each case is written so that running it twice gives the same answer. */
async function same(operation: StoreOperation, input: object): Promise<void> {
  const viaHandler = await outcome(handler, operation, input);
  const viaDirect = await outcome(direct, operation, input);
  assert.deepEqual(viaDirect, viaHandler, `${operation} ${JSON.stringify(input)}`);
}

const bytes = (text: string) => new JsonBytes(Buffer.from(text));

test('outputs are the same: writes, reads with binaries, updates, queries and table descriptions', async () => {
  const item = { pk: { S: 'p' }, sk: { S: 'a' }, n: { N: '1.50' }, b: { B: bytes('hello') }, bs: { BS: [bytes('x'), bytes('y')] }, l: { L: [{ S: 'B' }, { NULL: true }] }, m: { M: { B: { S: 'not bytes' } } } };
  await same('PutItem', { TableName: 'direct', Item: item });
  await handler.send('PutItem', { TableName: 'direct', Item: { pk: { S: 'p' }, sk: { S: 'b' } } });
  await same('PutItem', { TableName: 'direct', Item: { pk: { S: 'p' }, sk: { S: 'b' } }, ReturnValues: 'ALL_OLD' });
  await same('GetItem', { TableName: 'direct', Key: { pk: { S: 'p' }, sk: { S: 'a' } }, ConsistentRead: true });
  await same('GetItem', { TableName: 'direct', Key: { pk: { S: 'p' }, sk: { S: 'zz' } } });
  await same('GetItem', { TableName: 'direct', Key: { pk: { S: 'p' }, sk: { S: 'a' } }, ProjectionExpression: '#n, b, l[1]', ExpressionAttributeNames: { '#n': 'n' } });
  await same('UpdateItem', { TableName: 'direct', Key: { pk: { S: 'p' }, sk: { S: 'a' } }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '2' } }, ReturnValues: 'ALL_NEW' });
  await same('UpdateItem', { TableName: 'direct', Key: { pk: { S: 'p' }, sk: { S: 'a' } }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '2' } }, ReturnValues: 'UPDATED_OLD', ReturnConsumedCapacity: 'TOTAL' });
  await same('Query', { TableName: 'direct', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } }, Limit: 1 });
  await same('Query', { TableName: 'direct', KeyConditionExpression: 'pk = :p AND begins_with(sk, :a)', FilterExpression: 'attribute_exists(b)', ExpressionAttributeValues: { ':p': { S: 'p' }, ':a': { S: 'a' } }, ScanIndexForward: false });
  await same('Scan', { TableName: 'direct', Select: 'COUNT' });
  // One key: dynalite answers several in the order its reads finish.
  await same('BatchGetItem', { RequestItems: { direct: { Keys: [{ pk: { S: 'p' }, sk: { S: 'a' } }] } } });
  await same('BatchWriteItem', { RequestItems: { direct: [{ PutRequest: { Item: { pk: { S: 'q' }, sk: { S: 'a' } } } }] } });
  await same('DeleteItem', { TableName: 'direct', Key: { pk: { S: 'nobody' }, sk: { S: 'a' } }, ReturnValues: 'ALL_OLD' });
  await same('DescribeTable', { TableName: 'direct' });
});

test('failures are the same: conditions, validation, unknown tables, expression errors', async () => {
  const key = { pk: { S: 'p' }, sk: { S: 'a' } };
  await same('UpdateItem', { TableName: 'direct', Key: key, UpdateExpression: 'SET n = :n', ConditionExpression: 'n > :n', ExpressionAttributeValues: { ':n': { N: '9' } }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
  await same('PutItem', { TableName: 'direct', Item: key, ConditionExpression: 'attribute_not_exists(pk)' });
  await same('GetItem', { TableName: 'missing', Key: key });
  await same('GetItem', { TableName: 'x', Key: key });
  await same('GetItem', { TableName: 'direct', Key: { pk: { S: 'p' } } });
  await same('UpdateItem', { TableName: 'direct', Key: key, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '1' }, ':unused': { S: 'u' } } });
  await same('UpdateItem', { TableName: 'direct', Key: key, UpdateExpression: 'SET n = :n +', ExpressionAttributeValues: { ':n': { N: '1' } } });
  await same('UpdateItem', { TableName: 'direct', Key: key, UpdateExpression: 'SET n = :n + :s', ExpressionAttributeValues: { ':n': { N: '1' }, ':s': { S: 'text' } } });
  await same('Query', { TableName: 'direct', KeyConditionExpression: 'sk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } } });
  await same('Query', { TableName: 'direct', KeyConditionExpression: 'pk = :p AND sk BETWEEN :b AND :a', ExpressionAttributeValues: { ':p': { S: 'p' }, ':a': { S: 'a' }, ':b': { S: 'b' } } });
  await same('PutItem', { TableName: 'direct', Item: { pk: { N: '1' }, sk: { S: 'a' } } });
  await same('PutItem', { TableName: 'direct', Item: { ...key, big: { S: 'x'.repeat(410 * 1024) } } });
});

test('transactions, which dynalite does not implement, and a body over the size limit are answered as by the handler', async () => {
  await same('TransactWriteItems', { TransactItems: [{ Put: { TableName: 'direct', Item: { pk: { S: 't' }, sk: { S: 't' } } } }] });
  await same('PutItem', { TableName: 'direct', Item: { pk: { S: 'p' }, sk: { S: 'huge' }, big: { S: 'x'.repeat(16 * 1024 * 1024) } } });
});

test('an answer normalized in place equals its copy, odd members included', () => {
  const answers = (): unknown[] => [
    { Item: { b: { B: Buffer.from('x').toString('base64') }, bs: { BS: ['eQ==', 'eg=='] }, B: { S: 'a name' }, n: { N: '1' } }, Count: -0, Gone: undefined, Ratio: Number.NaN },
    { Items: [{ l: { L: [{ B: 'eA==' }, { NULL: true }] } }], When: new Date(0) },
    { List: [1, undefined, 'two'] },
  ];
  const copies = answers().map((answer) => answerCopy(answer));
  const normalized = answers().map((answer) => normalizeOwned(answer));
  const shape = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_key, member: unknown) => (member instanceof JsonBytes ? { bytes: [...member] } : member)));
  assert.deepEqual(normalized.map(shape), copies.map(shape));
  assert.deepEqual(normalized.map((answer) => JSON.stringify(Object.keys(answer as object))), copies.map((answer) => JSON.stringify(Object.keys(answer as object))));
  assert.ok((normalized[0] as { Item: { b: { B: unknown } } }).Item.b.B instanceof JsonBytes);
});
