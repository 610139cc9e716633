/**
 * The DynamoDB data source against a scripted client, for answers no local store produces on demand:
 * unprocessed batch entries, transaction cancellations, unknown operations, an unreachable endpoint.
 * (Every operation against a real store is in test/integration/dynamodb-datasource.test.ts.)
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbDataSource } from './dynamodb.js';
import { createDynamoClient, sdkStore } from '../dynamodb/client.js';

interface SentCommand {
  name: string;
  input: Record<string, unknown>;
}

/** A client whose `send` records the command and answers with `reply(command)`. */
function scriptedClient(reply: (command: SentCommand) => unknown): { client: DynamoDBClient; sent: SentCommand[] } {
  const sent: SentCommand[] = [];
  const client = {
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      const entry = { name: command.constructor.name, input: command.input };
      sent.push(entry);
      const answer = reply(entry);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as DynamoDBClient;
  return { client, sent };
}

function awsError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400, requestId: 'REQ123' }, ...extra });
}

test('BatchGetItem reports unprocessed keys as plain JSON and leaves their slots null', async () => {
  const { client } = scriptedClient(() => ({
    Responses: { T: [{ id: { S: 'b' }, n: { N: '2' } }] },
    UnprocessedKeys: { T: { Keys: [{ id: { S: 'a' } }] } },
  }));
  const source = createDynamoDbDataSource({ store: sdkStore(client), tableName: 'T' });
  const outcome = await source.invoke({ operation: 'BatchGetItem', tables: { T: { keys: [{ id: { S: 'a' } }, { id: { S: 'b' } }] } } });
  assert.deepEqual(outcome, { result: { data: { T: [null, { id: 'b', n: 2 }] }, unprocessedKeys: { T: [{ id: 'a' }] } } });
});

test('BatchPutItem and BatchDeleteItem report what the store left unprocessed', async () => {
  const { client, sent } = scriptedClient((command) => {
    const requests = (command.input.RequestItems as Record<string, Array<Record<string, unknown>>>).T;
    return { UnprocessedItems: { T: [requests[1]] } };
  });
  const source = createDynamoDbDataSource({ store: sdkStore(client), tableName: 'T' });
  const put = await source.invoke({ operation: 'BatchPutItem', tables: { T: [{ id: { S: 'a' } }, { id: { S: 'b' }, n: { N: 1 } }] } });
  assert.deepEqual(put, { result: { data: { T: [{ id: 'a' }, null] }, unprocessedItems: { T: [{ id: 'b', n: 1 }] } } });
  const del = await source.invoke({ operation: 'BatchDeleteItem', tables: { T: [{ id: { S: 'a' } }, { id: { S: 'b' } }] } });
  assert.deepEqual(del, { result: { data: { T: [{ id: 'a' }, null] }, unprocessedKeys: { T: [{ id: 'b' }] } } });
  assert.deepEqual(sent.map((command) => command.name), ['BatchWriteItemCommand', 'BatchWriteItemCommand']);
  // Numbers given as JSON numbers reach the SDK as the strings it requires.
  const firstPut = (sent[0].input.RequestItems as Record<string, Array<{ PutRequest: { Item: unknown } }>>).T[1];
  assert.deepEqual(firstPut.PutRequest.Item, { id: { S: 'b' }, n: { N: '1' } });
});

test('a cancelled transaction maps its reasons, with the current item where the store returned one', async () => {
  const { client, sent } = scriptedClient(() =>
    awsError('TransactionCanceledException', 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]', {
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { id: { S: 'g' }, turn: { N: '4' } } }],
    }),
  );
  const source = createDynamoDbDataSource({ store: sdkStore(client), tableName: 'T' });
  const outcome = await source.invoke({
    operation: 'TransactWriteItems',
    transactItems: [
      { table: 'Other', operation: 'PutItem', key: { id: { S: 'x' } }, attributeValues: { v: { N: 1 } } },
      { table: 'T', operation: 'UpdateItem', key: { id: { S: 'g' } }, update: { expression: 'SET turn = :t', expressionValues: { ':t': { N: 5 } } }, condition: { expression: 'turn = :old', expressionValues: { ':old': { N: 3 } } } },
    ],
  });
  assert.equal(outcome.error?.type, 'DynamoDB:TransactionCanceledException');
  assert.match(outcome.error?.message ?? '', /^Transaction cancelled.*\(Service: DynamoDb, Status Code: 400, Request ID: REQ123\)$/);
  assert.deepEqual(outcome.result, {
    keys: null,
    cancellationReasons: [
      { type: 'None', message: null },
      { type: 'ConditionalCheckFailed', message: 'The conditional request failed', item: { id: 'g', turn: 4 } },
    ],
  });
  // Real table names pass through; the condition's and the update's values are merged; old values are asked for.
  const items = sent[0].input.TransactItems as Array<Record<string, Record<string, unknown>>>;
  assert.equal(items[0].Put.TableName, 'Other');
  assert.deepEqual(items[0].Put.Item, { id: { S: 'x' }, v: { N: '1' } });
  assert.deepEqual(items[1].Update.ExpressionAttributeValues, { ':t': { N: '5' }, ':old': { N: '3' } });
  assert.equal(items[1].Update.ReturnValuesOnConditionCheckFailure, 'ALL_OLD');
});

test('a store without the operation gets a message naming it and the way out', async () => {
  const { client } = scriptedClient(() => awsError('UnknownOperationException', 'UnknownError'));
  const source = createDynamoDbDataSource({ store: sdkStore(client), tableName: 'T' });
  const outcome = await source.invoke({ operation: 'TransactGetItems', transactItems: [{ table: 'T', key: { id: { S: 'a' } } }] });
  assert.deepEqual(outcome, {
    result: null,
    error: {
      type: 'DynamoDB:UnknownOperationException',
      message:
        'TransactGetItems is not supported by this DynamoDB store (the embedded DynamoDB, dynalite, has no TransactGetItems); point TURNBASE_DYNAMODB_ENDPOINT at DynamoDB Local to use it',
    },
  });
});

test('a failed condition reads the current item when the store did not return it', async () => {
  const { client, sent } = scriptedClient((command) =>
    command.name === 'PutItemCommand' ? awsError('ConditionalCheckFailedException', 'The conditional request failed') : { Item: { id: { S: 'a' }, owner: { S: 'first' } } },
  );
  const source = createDynamoDbDataSource({ store: sdkStore(client), tableName: 'T' });
  const outcome = await source.invoke({ operation: 'PutItem', key: { id: { S: 'a' } }, attributeValues: { owner: { S: 'second' } }, condition: { expression: 'attribute_not_exists(id)' } });
  assert.deepEqual(outcome, {
    result: { id: 'a', owner: 'first' },
    error: { type: 'DynamoDB:ConditionalCheckFailedException', message: 'The conditional request failed (Service: DynamoDb, Status Code: 400, Request ID: REQ123)' },
  });
  assert.deepEqual(sent.map((command) => command.name), ['PutItemCommand', 'GetItemCommand']);
  assert.equal(sent[1].input.ConsistentRead, true);
});

test('a failed condition uses the item the store returned, without another read', async () => {
  const { client, sent } = scriptedClient(() =>
    awsError('ConditionalCheckFailedException', 'The conditional request failed', { Item: { id: { S: 'a' }, owner: { S: 'first' } } }),
  );
  const source = createDynamoDbDataSource({ store: sdkStore(client), tableName: 'T' });
  const outcome = await source.invoke({ operation: 'DeleteItem', key: { id: { S: 'a' } }, condition: { expression: 'attribute_not_exists(id)' } });
  assert.deepEqual(outcome.result, { id: 'a', owner: 'first' });
  assert.equal(outcome.error?.type, 'DynamoDB:ConditionalCheckFailedException');
  assert.equal(sent.length, 1);
});

test('an unreachable endpoint is an error outcome, not an exception', async () => {
  const client = createDynamoClient('http://127.0.0.1:1');
  const source = createDynamoDbDataSource({ store: sdkStore(client), tableName: 'T' });
  const outcome = await source.invoke({ operation: 'GetItem', key: { id: { S: 'a' } } });
  client.destroy();
  assert.equal(outcome.result, null);
  assert.equal(outcome.error?.type, 'DynamoDB:NetworkingError');
  assert.match(outcome.error?.message ?? '', /^The DynamoDB store could not be reached: .*ECONNREFUSED/);
});

test('a Custom conditionalCheckFailedHandler and _version are refused, not ignored', async () => {
  const { client, sent } = scriptedClient(() => ({}));
  const source = createDynamoDbDataSource({ store: sdkStore(client), tableName: 'T' });
  const custom = await source.invoke({
    operation: 'PutItem',
    key: { id: { S: 'a' } },
    condition: { expression: 'attribute_not_exists(id)', conditionalCheckFailedHandler: { strategy: 'Custom', lambdaArn: 'arn:aws:lambda:x' } },
  });
  assert.equal(custom.error?.type, 'DynamoDB:UnsupportedOperationException');
  assert.match(custom.error?.message ?? '', /strategy "Custom" is not supported/);
  const versioned = await source.invoke({ operation: 'UpdateItem', key: { id: { S: 'a' } }, update: { expression: 'SET a = :a', expressionValues: { ':a': { S: 'x' } } }, _version: 3 });
  assert.equal(versioned.error?.type, 'DynamoDB:UnsupportedOperationException');
  assert.equal(sent.length, 0);
});
