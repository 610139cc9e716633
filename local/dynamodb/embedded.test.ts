import { test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startEmbeddedDynamo } from './embedded.js';
import { createDynamoClient, sdkStore } from './client.js';
import { ensureTables } from './tables.js';

const table = { name: 'things', config: { partitionKey: { name: 'id', type: 'S' as const } } };
const key = { id: { S: 'one' } };

async function writeThing(endpoint: string): Promise<void> {
  const client = createDynamoClient(endpoint);
  await ensureTables(sdkStore(client), [table]);
  await client.send(new PutItemCommand({ TableName: 'things', Item: { ...key, n: { N: '7' } } }));
  client.destroy();
}

async function readThing(endpoint: string): Promise<unknown> {
  const client = createDynamoClient(endpoint);
  const tables = await client.send(new ListTablesCommand({}));
  const item = tables.TableNames?.includes('things')
    ? (await client.send(new GetItemCommand({ TableName: 'things', Key: key }))).Item
    : undefined;
  client.destroy();
  return item;
}

test('listens on 127.0.0.1 and keeps data under <dataDir>/dynamodb across restarts', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'turnbase-dynamo-'));
  try {
    const first = await startEmbeddedDynamo({ dataDir });
    assert.match(first.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    await writeThing(first.endpoint);
    await first.close();
    assert.ok(readdirSync(join(dataDir, 'dynamodb')).length > 0);

    const second = await startEmbeddedDynamo({ dataDir });
    assert.deepEqual(await readThing(second.endpoint), { ...key, n: { N: '7' } });
    await second.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('in memory when dataDir is null: a restart starts empty', async () => {
  const first = await startEmbeddedDynamo({ dataDir: null });
  await writeThing(first.endpoint);
  assert.deepEqual(await readThing(first.endpoint), { ...key, n: { N: '7' } });
  await first.close();
  const second = await startEmbeddedDynamo({ dataDir: null });
  assert.notEqual(second.endpoint, '');
  assert.equal(await readThing(second.endpoint), undefined);
  await second.close();
});

test('close finishes while a client still holds a kept-alive connection', { timeout: 20_000 }, async () => {
  const store = await startEmbeddedDynamo({ dataDir: null });
  const client = createDynamoClient(store.endpoint);
  await client.send(new ListTablesCommand({}));
  await store.close();
  await assert.rejects(client.send(new ListTablesCommand({})));
  client.destroy();
});
