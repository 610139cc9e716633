import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import {
  GOOD_API_KEY,
  TestClient,
  base64,
  base64url,
  connectAmplifyStyle,
  connectReady,
  startHarness,
  startMessage,
  subscribeAs,
  type FakeField,
  type Harness,
} from './test-helpers.js';

const apiKeyHeaders = { host: '127.0.0.1', 'x-amz-date': '20261122T103007Z', 'x-api-key': GOOD_API_KEY };
const alice = { host: '127.0.0.1', Authorization: 'token-alice' };
const bob = { host: '127.0.0.1', Authorization: 'token-bob' };

const fields: Record<string, FakeField> = {
  onMove: { mutations: ['makeMove', 'resign'] },
  onSecret: { mutations: ['makeMove'], deny: true },
  onBadFilter: { mutations: ['makeMove'], filter: () => ({ filterGroup: [{ filters: [{ fieldName: 'a', operator: 'in', value: [1, 2, 3, 4, 5, 6] }] }] }) },
};

const onMove = 'subscription OnMove($gameId: ID) { onMove(gameId: $gameId) { gameId heaps } }';

/** Polls a condition the server reaches asynchronously (e.g. noticing a closed socket). */
async function eventually(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.fail(`never happened: ${what}`);
}

describe('handshake', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(fields, { connectionTimeoutMs: 123_000 });
  });
  afterAll(() => harness.close());

  test('aws-amplify v6 style: header subprotocol, graphql-ws answered, ack with connectionTimeoutMs, then ka', async () => {
    const client = await connectAmplifyStyle(harness, apiKeyHeaders);
    assert.equal(client.socket.protocol, 'graphql-ws');
    client.send({ type: 'connection_init' });
    assert.deepEqual(await client.next({ includeKeepAlive: true }), { type: 'connection_ack', payload: { connectionTimeoutMs: 123_000 } });
    assert.deepEqual(await client.next({ includeKeepAlive: true }), { type: 'ka' });
    assert.deepEqual(harness.backend.connectCalls.at(-1), apiKeyHeaders);
    client.close();
  });

  test('legacy style: base64 header and payload query parameters on /graphql', async () => {
    // A standard-base64 header with `+` and `/` and padding, as documented; `+` left unescaped on purpose.
    const headers = { ...apiKeyHeaders, note: '>>>???' };
    const encoded = base64(headers);
    assert.match(encoded, /[+/=]/);
    const url = `ws://127.0.0.1:${harness.port}/graphql?header=${encoded}&payload=e30=`;
    const client = await TestClient.connect(url, ['graphql-ws']);
    client.send({ type: 'connection_init' });
    await client.expect('connection_ack');
    assert.deepEqual(harness.backend.connectCalls.at(-1), headers);
    client.close();
  });

  test('legacy style with base64url in the query parameter', async () => {
    const client = await TestClient.connect(`${harness.url}?header=${base64url(alice)}&payload=e30=`, ['graphql-ws']);
    client.send({ type: 'connection_init' });
    await client.expect('connection_ack');
    assert.deepEqual(harness.backend.connectCalls.at(-1), alice);
    client.close();
  });

  test('bad credentials: upgrade accepted, connection_error 401 UnauthorizedException, then close', async () => {
    const client = await connectAmplifyStyle(harness, { host: '127.0.0.1', 'x-api-key': 'da2-wrong' });
    const frame = await client.expect('connection_error');
    assert.deepEqual(frame.payload?.errors, [
      { errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 },
    ]);
    await client.closed;
  });

  test('no credentials at all are handed to the backend, which refuses them', async () => {
    const client = await TestClient.connect(harness.url, ['graphql-ws']);
    const frame = await client.expect('connection_error');
    assert.equal(frame.payload?.errors?.[0].errorCode, 401);
    assert.deepEqual(harness.backend.connectCalls.at(-1), {});
    await client.closed;
  });

  test('no subprotocol: connection_error 400 NoProtocolError, then close', async () => {
    const client = await TestClient.connect(`${harness.url}?header=${base64url(apiKeyHeaders)}&payload=e30=`);
    const frame = await client.expect('connection_error');
    const [error] = frame.payload?.errors ?? [];
    assert.equal(error.errorType, 'NoProtocolError');
    assert.equal(error.errorCode, 400);
    await client.closed;
  });

  test('only other subprotocols offered: the handshake still completes so the client can read the error', async () => {
    const client = await TestClient.connect(harness.url, [`header-${base64url(apiKeyHeaders)}`]);
    const frame = await client.expect('connection_error');
    assert.equal(frame.payload?.errors?.[0].errorType, 'NoProtocolError');
    await client.closed;
  });

  test('an undecodable header: connection_error 400 BadRequestException', async () => {
    const client = await TestClient.connect(harness.url, ['graphql-ws', 'header-%%%not-base64']);
    const frame = await client.expect('connection_error');
    const [error] = frame.payload?.errors ?? [];
    assert.equal(error.errorType, 'BadRequestException');
    assert.equal(error.errorCode, 400);
    assert.match(error.message, /header subprotocol must be base64-encoded JSON/);
    await client.closed;
  });

  test('a backend that throws while authorizing yields connection_error 500, and the server carries on', async () => {
    const original = harness.backend.authorizeConnection;
    harness.backend.authorizeConnection = async () => {
      throw new Error('boom');
    };
    try {
      const client = await connectAmplifyStyle(harness, apiKeyHeaders);
      const frame = await client.expect('connection_error');
      assert.equal(frame.payload?.errors?.[0].errorCode, 500);
      assert.equal(frame.payload?.errors?.[0].errorType, 'InternalFailure');
      assert.doesNotMatch(frame.payload?.errors?.[0].message ?? '', /boom/);
    } finally {
      harness.backend.authorizeConnection = original;
    }
    const healthy = await connectReady(harness, apiKeyHeaders);
    healthy.close();
  });
});

describe('keep-alive', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(fields, { keepAliveIntervalMs: 15 });
  });
  afterAll(() => harness.close());

  test('ka follows the ack and then keeps coming on the interval', async () => {
    const client = await connectAmplifyStyle(harness, apiKeyHeaders);
    client.send({ type: 'connection_init' });
    assert.equal((await client.next({ includeKeepAlive: true })).type, 'connection_ack');
    for (let count = 0; count < 4; count += 1) assert.equal((await client.next({ includeKeepAlive: true })).type, 'ka');
    client.close();
  });

  test('a client that skips connection_init still gets keep-alives once it subscribes', async () => {
    const client = await connectAmplifyStyle(harness, apiKeyHeaders);
    client.send(startMessage('s1', onMove, { gameId: 'g1' }, alice));
    assert.equal((await client.expect('start_ack')).id, 's1');
    await client.expect('ka');
    await client.expect('ka');
    client.close();
  });
});

describe('messages', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(fields);
  });
  afterAll(() => harness.close());

  test('connection_init is optional: start right after connecting is acknowledged', async () => {
    const client = await connectAmplifyStyle(harness, apiKeyHeaders);
    assert.deepEqual(await subscribeAs(client, 'sub-1', onMove, { gameId: 'g1' }, alice), { id: 'sub-1', type: 'start_ack' });
    client.close();
  });

  test('start (payload.data parsed twice) → start_ack → data → stop → complete', async () => {
    const client = await connectReady(harness, apiKeyHeaders);
    assert.deepEqual(await subscribeAs(client, 'sub-1', onMove, { gameId: 'g1' }, alice), { id: 'sub-1', type: 'start_ack' });
    const call = harness.backend.subscribeCalls.at(-1);
    assert.equal(call?.query, onMove);
    assert.deepEqual(call?.variables, { gameId: 'g1' });
    harness.backend.publish('makeMove', { gameId: 'g1', heaps: [4, 4, 5], secret: 'not selected' });
    assert.deepEqual(await client.next(), { id: 'sub-1', type: 'data', payload: { data: { onMove: { gameId: 'g1', heaps: [4, 4, 5] } } } });
    client.send({ id: 'sub-1', type: 'stop' });
    assert.deepEqual(await client.next(), { id: 'sub-1', type: 'complete' });
    assert.equal(harness.realtime.broadcast({ mutationField: 'makeMove', result: { gameId: 'g1', heaps: [3, 4, 5] } }).delivered, 0);
    client.close();
  });

  test('each start is authorized from its own extensions.authorization', async () => {
    const client = await connectReady(harness, apiKeyHeaders);
    const denied = await subscribeAs(client, 'no-auth', onMove, {}, {});
    assert.equal(denied.type, 'error');
    assert.equal(denied.id, 'no-auth');
    assert.equal(denied.payload?.errors?.[0].errorType, 'UnauthorizedException');
    assert.equal((await subscribeAs(client, 'as-bob', onMove, {}, bob)).type, 'start_ack');
    assert.deepEqual(harness.backend.subscribeCalls.at(-1)?.authorization, bob);
    client.close();
  });

  test('a resolver that denies the subscription yields an error frame with Unauthorized', async () => {
    const client = await connectReady(harness, apiKeyHeaders);
    const frame = await subscribeAs(client, 'secret', 'subscription { onSecret { gameId } }', {}, alice);
    assert.deepEqual(frame, {
      id: 'secret',
      type: 'error',
      payload: { errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access onSecret on type Subscription' }] },
    });
    assert.equal(harness.realtime.subscriptionCount(), 0);
    client.close();
  });

  test('malformed JSON gets an error frame without id, and the connection keeps working', async () => {
    const client = await connectReady(harness, apiKeyHeaders);
    client.send('{"type": "start", ');
    const frame = await client.next();
    assert.equal(frame.type, 'error');
    assert.equal(frame.id, undefined);
    assert.equal(frame.payload?.errors?.[0].errorType, 'BadRequestException');
    assert.match(frame.payload?.errors?.[0].message ?? '', /not valid JSON/);
    assert.equal((await subscribeAs(client, 'after', onMove, {}, alice)).type, 'start_ack');
    client.close();
  });

  test('JSON that is not a message object, and an unknown type, get BadRequestException error frames', async () => {
    const client = await connectReady(harness, apiKeyHeaders);
    client.send('[1,2,3]');
    assert.equal((await client.expect('error')).payload?.errors?.[0].errorType, 'BadRequestException');
    client.send({ id: 'x1', type: 'subscribe' });
    const frame = await client.expect('error');
    assert.equal(frame.id, 'x1');
    assert.match(frame.payload?.errors?.[0].message ?? '', /Unknown message type "subscribe"/);
    client.close();
  });

  test('a non-subscription operation gets UnsupportedOperation', async () => {
    const client = await connectReady(harness, apiKeyHeaders);
    const frame = await subscribeAs(client, 'q1', 'query { games { id } }', {}, alice);
    assert.deepEqual(frame, {
      id: 'q1',
      type: 'error',
      payload: { errors: [{ errorType: 'UnsupportedOperation', message: 'query not supported through the realtime channel' }] },
    });
    client.close();
  });

  test('two operations in one start get DuplicatedOperationError', async () => {
    const client = await connectReady(harness, apiKeyHeaders);
    const query = 'subscription A { onMove { gameId } } subscription B { onMove { heaps } }';
    const frame = await subscribeAs(client, 'two', query, {}, alice);
    assert.equal(frame.type, 'error');
    assert.equal(frame.payload?.errors?.[0].errorType, 'DuplicatedOperationError');
    client.close();
  });

  test('a duplicate id is refused and the first subscription keeps receiving', async () => {
    const client = await connectReady(harness, apiKeyHeaders);
    assert.equal((await subscribeAs(client, 'same', onMove, { gameId: 'g7' }, alice)).type, 'start_ack');
    const frame = await subscribeAs(client, 'same', onMove, { gameId: 'g8' }, alice);
    assert.equal(frame.type, 'error');
    assert.equal(frame.id, 'same');
    assert.equal(frame.payload?.errors?.[0].errorType, 'DuplicatedOperationError');
    assert.match(frame.payload?.errors?.[0].message ?? '', /already in use/);
    harness.backend.publish('makeMove', { gameId: 'g7', heaps: [1] });
    assert.deepEqual((await client.expect('data')).payload, { data: { onMove: { gameId: 'g7', heaps: [1] } } });
    client.close();
  });

  test('bad start payloads get BadRequestException with the id', async () => {
    const client = await connectReady(harness, apiKeyHeaders);
    const cases: Array<[unknown, RegExp]> = [
      [{ data: { query: onMove }, extensions: { authorization: alice } }, /payload\.data: a JSON string/],
      [{ data: '{"query":', extensions: { authorization: alice } }, /payload\.data is not valid JSON/],
      [{ data: '{"variables":{}}', extensions: { authorization: alice } }, /non-empty string "query"/],
      [{ data: JSON.stringify({ query: onMove, variables: [1] }), extensions: { authorization: alice } }, /"variables" must be an object/],
      [undefined, /payload\.data/],
    ];
    for (const [index, [payload, message]] of cases.entries()) {
      client.send({ id: `bad-${index}`, type: 'start', payload });
      const frame = await client.expect('error');
      assert.equal(frame.id, `bad-${index}`);
      assert.equal(frame.payload?.errors?.[0].errorType, 'BadRequestException');
      assert.match(frame.payload?.errors?.[0].message ?? '', message);
    }
    client.send({ type: 'start', payload: { data: JSON.stringify({ query: onMove }) } });
    const noId = await client.expect('error');
    assert.equal(noId.id, undefined);
    assert.match(noId.payload?.errors?.[0].message ?? '', /needs a non-empty string "id"/);
    client.close();
  });

  test('an invalid filter from the subscription resolver is refused with an error frame', async () => {
    const client = await connectReady(harness, apiKeyHeaders);
    const frame = await subscribeAs(client, 'f1', 'subscription { onBadFilter { gameId } }', {}, alice);
    assert.equal(frame.type, 'error');
    assert.match(frame.payload?.errors?.[0].message ?? '', /Invalid subscription filter: .*exceeds maximum value limit of 5/);
    assert.equal(harness.realtime.subscriptionCount(), 0);
    client.close();
  });

  test('a stop that arrives while the start is still running ends it with complete and no start_ack', async () => {
    const client = await connectReady(harness, apiKeyHeaders);
    let release = () => {};
    harness.backend.subscribeGate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const callsBefore = harness.backend.subscribeCalls.length;
    client.send(startMessage('racing', onMove, {}, alice));
    await eventually(() => harness.backend.subscribeCalls.length === callsBefore + 1, 'the backend saw the start');
    client.send({ id: 'racing', type: 'stop' });
    // Frames are handled in order, so this marker's answer proves the stop was seen before the release.
    client.send({ id: 'marker', type: 'stop' });
    assert.deepEqual(await client.next(), { id: 'marker', type: 'complete' });
    harness.backend.subscribeGate = null;
    release();
    assert.deepEqual(await client.next(), { id: 'racing', type: 'complete' });
    assert.equal(harness.realtime.subscriptionCount(), 0);
    client.close();
  });

  test('a stop for an unknown id is answered with complete', async () => {
    const client = await connectReady(harness, apiKeyHeaders);
    client.send({ id: 'never-started', type: 'stop' });
    assert.deepEqual(await client.next(), { id: 'never-started', type: 'complete' });
    client.close();
  });

  test('closing the socket removes its subscriptions and the connection', async () => {
    await eventually(() => harness.realtime.connectionCount() === 0, 'earlier tests\' sockets closed');
    const client = await connectReady(harness, apiKeyHeaders);
    const before = harness.realtime.subscriptionCount();
    await subscribeAs(client, 'a', onMove, { gameId: 'gone' }, alice);
    await subscribeAs(client, 'b', onMove, {}, alice);
    assert.equal(harness.realtime.subscriptionCount(), before + 2);
    client.close();
    await client.closed;
    await eventually(() => harness.realtime.subscriptionCount() === before, 'subscriptions removed');
    await eventually(() => harness.realtime.connectionCount() === 0, 'connection removed');
    assert.equal(harness.realtime.broadcast({ mutationField: 'makeMove', result: { gameId: 'gone' } }).listeners, 0);
  });
});

describe('limits', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness(fields, { maxFrameBytes: 4096 });
  });
  afterAll(() => harness.close());

  test('the 101st subscription on a connection gets MaxSubscriptionsReachedError; a stop frees a slot', async () => {
    const client = await connectReady(harness, apiKeyHeaders);
    for (let index = 0; index < 100; index += 1) client.send(startMessage(`s${index}`, onMove, { gameId: `g${index}` }, alice));
    for (let index = 0; index < 100; index += 1) assert.equal((await client.next()).type, 'start_ack');
    const refused = await subscribeAs(client, 's100', onMove, {}, alice);
    assert.deepEqual(refused, {
      id: 's100',
      type: 'error',
      payload: { errors: [{ errorType: 'MaxSubscriptionsReachedError', message: 'Max number of 100 subscriptions reached' }] },
    });
    client.send({ id: 's0', type: 'stop' });
    await client.expect('complete');
    assert.equal((await subscribeAs(client, 's100', onMove, {}, alice)).type, 'start_ack');
    // Another connection has its own budget.
    const other = await connectReady(harness, apiKeyHeaders);
    assert.equal((await subscribeAs(other, 's0', onMove, {}, alice)).type, 'start_ack');
    client.close();
    other.close();
  });

  test('an oversized frame gets LimitExceededError with its id, and the connection keeps working', async () => {
    const client = await connectReady(harness, apiKeyHeaders);
    const huge = `subscription { onMove { gameId } } # ${'x'.repeat(5000)}`;
    client.send(startMessage('big', huge, {}, alice));
    const frame = await client.expect('error');
    assert.equal(frame.id, 'big');
    assert.equal(frame.payload?.errors?.[0].errorType, 'LimitExceededError');
    assert.match(frame.payload?.errors?.[0].message ?? '', /exceeds the limit of 4096 bytes/);
    assert.equal((await subscribeAs(client, 'small', onMove, {}, alice)).type, 'start_ack');
    client.close();
  });

  test('a frame beyond the hard ceiling closes only that socket (1009); others keep working', async () => {
    const watcher = await connectReady(harness, apiKeyHeaders);
    await subscribeAs(watcher, 'w', onMove, { gameId: 'g-ceiling' }, alice);
    const flooder = await connectReady(harness, apiKeyHeaders);
    flooder.send('x'.repeat(2 * 1024 * 1024));
    assert.equal((await flooder.closed).code, 1009);
    harness.backend.publish('makeMove', { gameId: 'g-ceiling', heaps: [2] });
    assert.equal((await watcher.expect('data')).id, 'w');
    watcher.close();
  });

  test('a second client keeps working while the first sends garbage', async () => {
    const good = await connectReady(harness, apiKeyHeaders);
    assert.equal((await subscribeAs(good, 'g', onMove, { gameId: 'g-good' }, alice)).type, 'start_ack');
    const bad = await connectReady(harness, apiKeyHeaders);
    const garbage = ['', 'null', '42', '"start"', '{"type":null}', '{"type":"start"}', '{"type":"start","id":{}}', '{"type":"stop"}',
      '{"type":"start","id":"z","payload":{"data":"null"}}', '{"type":"start","id":"y","payload":{"data":"{\\"query\\":\\"subscription {\\"}","extensions":{"authorization":"nope"}}}',
      '\u0000\u0001\u0002', '{"type":"connection_init","payload":{"a":'];
    for (const text of garbage) bad.send(text);
    bad.socket.send(Buffer.from([0xff, 0xfe, 0x00]), { binary: true });
    for (let index = 0; index < garbage.length + 1; index += 1) assert.equal((await bad.next()).type, 'error');
    harness.backend.publish('makeMove', { gameId: 'g-good', heaps: [0, 0, 1] });
    assert.deepEqual((await good.expect('data')).payload, { data: { onMove: { gameId: 'g-good', heaps: [0, 0, 1] } } });
    assert.equal((await subscribeAs(bad, 'recovered', onMove, {}, alice)).type, 'start_ack');
    good.close();
    bad.close();
  });
});

describe('slow consumers', () => {
  test('a client that stops reading is dropped once too much is queued; others keep receiving', async () => {
    const harness = await startHarness(fields, { maxBufferedBytes: 64 * 1024 });
    const reader = await connectReady(harness, apiKeyHeaders);
    await subscribeAs(reader, 'r', onMove, { gameId: 'g-slow' }, alice);
    const sleeper = await connectReady(harness, apiKeyHeaders);
    await subscribeAs(sleeper, 's', onMove, { gameId: 'g-slow' }, alice);
    sleeper.socket.pause();
    const heaps = Array.from({ length: 10_000 }, (_, index) => index);
    for (let round = 0; round < 500 && harness.realtime.connectionCount() === 2; round += 1) {
      harness.backend.publish('makeMove', { gameId: 'g-slow', heaps });
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(harness.realtime.connectionCount(), 1);
    assert.ok(harness.logs.some((line) => line.includes('unread bytes queued')));
    assert.equal((await reader.expect('data')).id, 'r');
    sleeper.socket.resume();
    reader.close();
    await harness.close();
  });
});

describe('shutdown', () => {
  test('close() ends every connection with 1001 and stops listening to the backend', async () => {
    const harness = await startHarness(fields);
    const client = await connectReady(harness, apiKeyHeaders);
    await subscribeAs(client, 's', onMove, {}, alice);
    assert.equal(harness.backend.listenerCount(), 2);
    await harness.close();
    assert.equal((await client.closed).code, 1001);
    assert.equal(harness.backend.listenerCount(), 0);
    assert.equal(harness.realtime.connectionCount(), 0);
  });

  test('rejects nonsense options with a clear error', async () => {
    await assert.rejects(startHarness(fields, { maxSubscriptions: 0 }), /maxSubscriptions must be a positive number/);
  });
});
