/**
 * The signed HTTP store: its SigV4 signature is the one AWS computes (checked with the engine's own
 * verifier, written from the specification), and it retries what the SDK retries.
 */
import { afterEach, test } from 'vitest';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSigV4Verifier } from '../auth/sigv4.js';
import { httpStore } from './http-store.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
let server: Server | undefined;
let store: ReturnType<typeof httpStore> | undefined;

afterEach(async () => {
  store?.close();
  server?.closeAllConnections();
  if (server) await new Promise((done) => server!.close(done));
  server = store = undefined;
});

/** A stand-in endpoint: each request gets the next answer of `answers` (the last one repeats). */
async function endpoint(answers: Array<{ status: number; body: string }>, seen: Array<{ req: IncomingMessage; body: string }>): Promise<string> {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ req, body: Buffer.concat(chunks).toString('utf8') });
      const answer = answers[Math.min(seen.length, answers.length) - 1];
      res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': `request-${seen.length}` });
      res.end(answer.body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('the request is signed as SigV4 for dynamodb and carries the target and the JSON as given', async () => {
  const seen: Array<{ req: IncomingMessage; body: string }> = [];
  store = httpStore(await endpoint([{ status: 200, body: '{"Item":{"id":{"S":"a"}}}' }], seen), 'eu-west-1', credentials);
  const answer = await store.send('GetItem', { TableName: 'T', Key: { id: { S: 'a' } } });
  assert.deepEqual(answer.Item, { id: { S: 'a' } });
  assert.deepEqual(answer.$metadata, { httpStatusCode: 200, requestId: 'request-1' });
  const [{ req, body }] = seen;
  assert.equal(req.headers['x-amz-target'], 'DynamoDB_20120810.GetItem');
  assert.deepEqual(JSON.parse(body), { TableName: 'T', Key: { id: { S: 'a' } } });
  const verifier = createSigV4Verifier({ region: 'eu-west-1', service: 'dynamodb', credentials: () => [{ ...credentials, userArn: 'arn:aws:iam::1:user/x', accountId: '1' }] });
  const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]));
  const identity = verifier.verify({ method: 'POST', path: '/', query: '', headers, body }, ['127.0.0.1']);
  assert.equal(identity.username, 'AKIDEXAMPLE');
});

test('a 5xx answer is tried again, a failed condition is not, and failures look like the SDK\'s', async () => {
  const seen: Array<{ req: IncomingMessage; body: string }> = [];
  const busy = { status: 503, body: '{"__type":"com.amazonaws.dynamodb.v20120810#ServiceUnavailable","message":"busy"}' };
  store = httpStore(await endpoint([busy, { status: 200, body: '{}' }], seen), 'us-east-1', credentials);
  await store.send('PutItem', { TableName: 'T', Item: { id: { S: 'a' } } });
  assert.equal(seen.length, 2);
  // As the SDK marks them: one invocation id for the call, its attempts numbered.
  assert.deepEqual(seen.map(({ req }) => req.headers['amz-sdk-request']), ['attempt=1; max=3', 'attempt=2; max=3']);
  assert.equal(seen[0].req.headers['amz-sdk-invocation-id'], seen[1].req.headers['amz-sdk-invocation-id']);

  seen.length = 0;
  const failed = { status: 400, body: '{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed","Item":{"id":{"S":"a"}}}' };
  store.close();
  await new Promise((done) => server!.close(done));
  store = httpStore(await endpoint([failed], seen), 'us-east-1', credentials);
  const error = await store.send('PutItem', { TableName: 'T', Item: { id: { S: 'a' } } }).catch((e: unknown) => e as Error & { Item?: unknown; $metadata?: unknown });
  assert.equal(seen.length, 1);
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'ConditionalCheckFailedException');
  assert.equal(error.message, 'The conditional request failed');
  assert.deepEqual(error.Item, { id: { S: 'a' } });
  assert.deepEqual(error.$metadata, { httpStatusCode: 400, requestId: 'request-1' });
});
