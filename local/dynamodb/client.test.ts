/**
 * The in-process store (dynalite's handler called directly) and the signed HTTP store (no SDK) answer
 * exactly as the SDK over HTTP does against the same dynalite: outputs, binaries, and errors with their
 * codes and fields.
 */
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import { createDynamoClient, sdkStore, type DynamoStore } from './client.js';
import { JsonBytes } from './attributes.js';
import { httpStore } from './http-store.js';
import { startEmbeddedDynamo, type EmbeddedDynamo } from './embedded.js';
import { ensureTables } from './tables.js';

let dynamo: EmbeddedDynamo;
let client: ReturnType<typeof createDynamoClient>;
let stores: Array<[string, DynamoStore]>;
let signed: ReturnType<typeof httpStore>;
const TableName = 'client-test';

beforeAll(async () => {
  dynamo = await startEmbeddedDynamo({ dataDir: null });
  client = createDynamoClient(dynamo.endpoint);
  // Waits until the table is ACTIVE: dynalite answers CreateTable while the table is still CREATING.
  await ensureTables(dynamo.store, [{ name: TableName, config: { partitionKey: { name: 'id', type: 'S' } } }]);
  signed = httpStore(dynamo.endpoint, 'us-east-1', { accessKeyId: 'local', secretAccessKey: 'local' });
  stores = [
    ['in process', dynamo.store],
    ['SDK over HTTP', sdkStore(client)],
    ['signed HTTP', signed],
  ];
});
afterAll(async () => {
  client.destroy();
  signed.close();
  await dynamo.close();
});

/** Bytes as arrays of numbers, whichever class holds them, so outputs compare by content. */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return [...value];
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** What a failure carries that the data source reads. */
async function failureOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number; requestId?: string }; Item?: unknown };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, hasRequestId: typeof e.$metadata?.requestId === 'string', Item: e.Item };
  }
  assert.fail('expected the call to fail');
}

test('items, numbers and binaries come back in the same shapes', async () => {
  const answers = [];
  for (const [name, store] of stores) {
    const id = { S: `item-${name}` };
    await store.send('PutItem', { TableName, Item: { id, n: { N: '1.50' }, bin: { B: JsonBytes.fromBase64('AAEC') }, set: { BS: [JsonBytes.fromBase64('AQ==')] } } });
    const updated = await store.send('UpdateItem', { TableName, Key: { id }, UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: { ':one': { N: '1' } }, ReturnValues: 'ALL_NEW' });
    const read = await store.send('GetItem', { TableName, Key: { id }, ConsistentRead: true });
    assert.equal(updated.$metadata.httpStatusCode, 200, name);
    assert.ok(read.Item?.bin.B instanceof Uint8Array, name);
    answers.push({ updated: { ...updated.Attributes, id: undefined }, read: { ...read.Item, id: undefined } });
  }
  const [inProcess, sdk, http] = answers.map((answer) => plain(answer) as { read: { bin: { B: number[] } } });
  assert.deepEqual(inProcess, sdk);
  assert.deepEqual(http, sdk);
  assert.deepEqual(inProcess.read.bin.B, [0, 1, 2]);
});

test('a failed condition, a validation error, a missing table and an unknown operation fail alike', async () => {
  const failures = [];
  for (const [, store] of stores) {
    await store.send('PutItem', { TableName, Item: { id: { S: 'taken' }, v: { N: '1' } } });
    failures.push([
      await failureOf(store.send('PutItem', { TableName, Item: { id: { S: 'taken' } }, ConditionExpression: 'attribute_not_exists(id)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })),
      await failureOf(store.send('UpdateItem', { TableName, Key: { id: { S: 'taken' } }, UpdateExpression: 'SET #v = :v' })),
      await failureOf(store.send('GetItem', { TableName: 'no-such-table', Key: { id: { S: 'x' } } })),
      await failureOf(store.send('TransactGetItems', { TransactItems: [{ Get: { TableName, Key: { id: { S: 'taken' } } } }] })),
    ]);
  }
  assert.deepEqual(failures[0], failures[1]);
  assert.deepEqual(failures[2], failures[1]);
  assert.deepEqual(
    failures[0].map((f) => [f.name, f.status, f.hasRequestId]),
    [
      ['ConditionalCheckFailedException', 400, true],
      ['ValidationException', 400, true],
      ['ResourceNotFoundException', 400, true],
      ['UnknownOperationException', 400, true],
    ],
  );
});
