/** Issue 9, item 5: the iterators dynalite leaves open after a paged Query are closed, and queries still work. */
import assert from 'node:assert/strict';
import { CreateTableCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, test } from 'vitest';
import { createDynamoClient } from './client.js';
import { startEmbeddedDynamo, type EmbeddedDynamo } from './embedded.js';
import { openIteratorCount, reapIterators } from './iterator-reaper.js';

let dynamo: EmbeddedDynamo;
beforeAll(async () => {
  dynamo = await startEmbeddedDynamo({ dataDir: null });
  const client = createDynamoClient(dynamo.endpoint);
  await client.send(
    new CreateTableCommand({
      TableName: 'paged',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  // ACTIVE a moment after the call returns (at once on a quiet machine, not always under load).
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1 }, { TableName: 'paged' });
  client.destroy();
  for (const sk of ['a', 'b', 'c', 'd']) await dynamo.store.send('PutItem', { TableName: 'paged', Item: { pk: { S: 'p' }, sk: { S: sk } } });
});
afterAll(() => dynamo.close());

const firstPage = () => dynamo.store.send('Query', { TableName: 'paged', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } }, Limit: 1 });

test('paged queries leave no iterator open once reaped, and keep answering', async () => {
  for (let i = 0; i < 50; i += 1) assert.deepEqual((await firstPage()).Items, [{ pk: { S: 'p' }, sk: { S: 'a' } }]);
  reapIterators(0);
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(openIteratorCount(), 0);
  const page = await firstPage();
  assert.deepEqual(page.LastEvaluatedKey, { pk: { S: 'p' }, sk: { S: 'a' } });
});
