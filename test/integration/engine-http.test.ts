/** AppSync's HTTP surface: request forms, status codes, error shapes and limits (reference §1). */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { RunningEngine } from '../../local/index.js';
import { post, startTestEngine } from '../support/engine.js';

let engine: RunningEngine;
beforeAll(async () => {
  engine = await startTestEngine({ limits: { maxDepth: 2, maxAliases: 3, maxTokens: 200 }, maxBodyBytes: 4096 });
});
afterAll(() => engine.close());

const withKey = () => ({ 'x-api-key': engine.apiKey });

describe('request forms', () => {
  test('application/json with variables runs the resolver and sees ctx.env', async () => {
    const answer = await post(engine.graphqlUrl, { query: 'query Q($m: String!) { echo(message: $m) }', variables: { m: 'hi' } }, withKey());
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { data: { echo: 'hello: hi' } });
  });

  test('application/graphql carries the query as the body', async () => {
    const response = await fetch(engine.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/graphql', ...withKey() }, body: '{ echo(message: "raw") }' });
    assert.deepEqual(await response.json(), { data: { echo: 'hello: raw' } });
  });

  test('GET with query-string parameters', async () => {
    const url = `${engine.graphqlUrl}?query=${encodeURIComponent('query($m: String!) { echo(message: $m) }')}&variables=${encodeURIComponent('{"m":"get"}')}`;
    const response = await fetch(url, { headers: withKey() });
    assert.deepEqual(await response.json(), { data: { echo: 'hello: get' } });
  });

  test('operationName picks one of several operations', async () => {
    const query = 'query A { echo(message: "a") } query B { echo(message: "b") }';
    const answer = await post(engine.graphqlUrl, { query, operationName: 'B' }, withKey());
    assert.deepEqual(answer.body, { data: { echo: 'hello: b' } });
  });

  test('CORS preflight allows the headers AppSync clients send', async () => {
    const response = await fetch(engine.graphqlUrl, { method: 'OPTIONS', headers: { origin: 'http://app.example', 'access-control-request-method': 'POST' } });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const allowed = response.headers.get('access-control-allow-headers') ?? '';
    for (const header of ['x-api-key', 'authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-user-agent']) assert.match(allowed, new RegExp(header));
  });

  test("an answer carries what a browser reads on it, and the preflight's own headers only on the preflight", async () => {
    const answer = await post(engine.graphqlUrl, { query: '{ echo(message: "cors") }' }, withKey());
    assert.equal(answer.headers.get('access-control-allow-origin'), '*');
    assert.match(answer.headers.get('access-control-expose-headers') ?? '', /x-amzn-errortype/);
    for (const preflightOnly of ['access-control-allow-methods', 'access-control-allow-headers', 'access-control-max-age']) assert.equal(answer.headers.get(preflightOnly), null, preflightOnly);
  });
});

describe('malformed requests answer 400 MalformedHttpRequestException', () => {
  const cases: Array<[string, string, string]> = [
    ['an empty body', '', 'Request body is empty.'],
    ['unparseable JSON', '{"query": ', 'Unable to parse GraphQL query.'],
    ['an empty object', '{}', 'Unable to parse GraphQL query.'],
    ['an array', '[]', 'Unable to parse GraphQL query.'],
    ['variables that are not an object', '{"query":"{ echo(message: \\"x\\") }","variables":[1]}', 'Variables must be a JSON object.'],
  ];
  for (const [name, body, message] of cases) {
    test(name, async () => {
      const answer = await post(engine.graphqlUrl, body, withKey());
      assert.equal(answer.status, 400);
      assert.equal(answer.headers.get('x-amzn-errortype'), 'MalformedHttpRequestException');
      assert.deepEqual(answer.body, { errors: [{ errorType: 'MalformedHttpRequestException', message }] });
    });
  }

  test('a body over the size limit answers 413 and runs nothing', async () => {
    const answer = await post(engine.graphqlUrl, { query: `{ echo(message: "${'x'.repeat(5000)}") }` }, withKey());
    assert.equal(answer.status, 413);
    assert.equal(answer.headers.get('x-amzn-errortype'), 'PayloadTooLargeException');
  });
});

describe('odd requests never take the engine down', () => {
  /** Sends raw bytes and resolves with whatever comes back before the socket closes. */
  function raw(text: string): Promise<string> {
    const { hostname, port } = new URL(engine.url);
    return new Promise((resolve) => {
      const socket = connect(Number(port), hostname, () => socket.end(text));
      let answer = '';
      socket.on('data', (chunk) => (answer += String(chunk)));
      socket.on('close', () => resolve(answer));
      socket.on('error', () => resolve(answer));
    });
  }

  test('an unparseable URL, as a request or as a WebSocket upgrade', async () => {
    const plain = await raw('GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.match(plain, /^HTTP\/1\.1 400/);
    await raw('GET //[ HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
    const after = await post(engine.graphqlUrl, { query: '{ echo(message: "alive") }' }, withKey());
    assert.deepEqual(after.body, { data: { echo: 'hello: alive' } });
  });

  test('a form-encoded POST to /graphql is a malformed GraphQL request, not an SNS call', async () => {
    const response = await fetch(engine.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...withKey() }, body: 'Action=Publish&Message=hi' });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('x-amzn-errortype'), 'MalformedHttpRequestException');
  });
});

describe('request-level auth answers 401 UnauthorizedException', () => {
  const cases: Array<[string, Record<string, string>, string]> = [
    ['no credentials', {}, 'Valid authorization header not provided.'],
    ['an unknown API key', { 'x-api-key': 'da2-aaaaaaaaaaaaaaaaaaaaaaaaaa' }, 'You are not authorized to make this call.'],
  ];
  for (const [name, headers, message] of cases) {
    test(name, async () => {
      const answer = await post(engine.graphqlUrl, { query: '{ echo(message: "x") }' }, headers);
      assert.equal(answer.status, 401);
      assert.equal(answer.headers.get('x-amzn-errortype'), 'UnauthorizedException');
      assert.deepEqual(answer.body, { errors: [{ errorType: 'UnauthorizedException', message }] });
    });
  }
});

describe('GraphQL errors answer 200 with errors[]', () => {
  test('a syntax error has locations and no errorType', async () => {
    const answer = await post(engine.graphqlUrl, { query: '{ echo(message: "x") ' }, withKey());
    assert.equal(answer.status, 200);
    assert.equal(answer.body.data, null);
    const [error] = answer.body.errors ?? [];
    assert.equal(error.errorType, undefined);
    assert.equal(error.path, null);
    assert.deepEqual(error.locations, [{ line: 1, column: 22, sourceName: null }]);
    assert.match(String(error.message), /Syntax Error/);
  });

  test('an unknown field is a validation error', async () => {
    const answer = await post(engine.graphqlUrl, { query: '{ nope }' }, withKey());
    assert.equal(answer.status, 200);
    assert.match(String(answer.body.errors?.[0].message), /Cannot query field "nope" on type "Query"/);
  });

  test('query depth over the limit is refused before any resolver runs', async () => {
    const within = await post(engine.graphqlUrl, { query: '{ info { fieldName } }' }, withKey());
    assert.equal(within.body.errors, undefined);
    const answer = await post(engine.graphqlUrl, { query: '{ listBooks { items { id } } }' }, withKey());
    assert.equal(answer.status, 200);
    assert.equal(answer.body.data, null);
    assert.match(String(answer.body.errors?.[0].message), /depth limit of 2 exceeded/);
  });

  test('aliases over the limit are refused', async () => {
    const answer = await post(engine.graphqlUrl, { query: '{ a: echo(message: "1") b: echo(message: "2") c: echo(message: "3") d: echo(message: "4") }' }, withKey());
    assert.equal(answer.body.data, null);
    assert.match(String(answer.body.errors?.[0].message), /Aliases limit of 3 exceeded/);
  });

  test('tokens over the limit are refused', async () => {
    const fields = Array.from({ length: 250 }, () => 'fieldName').join(' ');
    const answer = await post(engine.graphqlUrl, { query: `{ info { ${fields} } }` }, withKey());
    assert.equal(answer.body.data, null);
    assert.match(String(answer.body.errors?.[0].message), /token limit of 200/);
  });

  test('a subscription over HTTP is refused with a pointer to the real-time endpoint', async () => {
    const answer = await post(engine.graphqlUrl, { query: 'subscription { onAddBook { id } }' }, withKey());
    assert.equal(answer.body.errors?.[0].errorType, 'UnsupportedOperation');
  });
});
