import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { newTraceId, resolverRequestHeaders } from './request-headers.js';

const facts = (headers: Record<string, string | string[]>, extra: { encrypted?: boolean } = {}) => ({
  headers,
  peerAddress: '10.0.0.9',
  localPort: 4700,
  encrypted: extra.encrypted ?? false,
});

describe('ctx.request.headers', () => {
  test('keeps end-to-end headers, drops hop-by-hop ones and those Connection names', () => {
    const headers = resolverRequestHeaders(
      facts({ authorization: 'jwt', host: 'api.example', 'content-length': '12', connection: 'keep-alive, X-Private', 'x-private': 'p', te: 'trailers', upgrade: 'h2c', 'transfer-encoding': 'chunked' }),
    );
    assert.deepEqual(Object.keys(headers).sort(), ['authorization', 'content-length', 'host', 'x-amzn-trace-id', 'x-forwarded-for', 'x-forwarded-port', 'x-forwarded-proto']);
  });

  test("x-forwarded-for is the client's list followed by the peer; proto and port name how the engine was reached", () => {
    assert.equal(resolverRequestHeaders(facts({}))['x-forwarded-for'], '10.0.0.9');
    const forwarded = resolverRequestHeaders(facts({ 'x-forwarded-for': '198.51.100.1, 198.51.100.2' }, { encrypted: true }));
    assert.equal(forwarded['x-forwarded-for'], '198.51.100.1, 198.51.100.2, 10.0.0.9');
    assert.equal(forwarded['x-forwarded-proto'], 'https');
    assert.equal(forwarded['x-forwarded-port'], '4700');
  });

  test("a client's trace id is kept; otherwise each request gets a new X-Ray root id", () => {
    assert.equal(resolverRequestHeaders(facts({ 'x-amzn-trace-id': 'Root=1-5f512f51-fac632066c5e848ae714' }))['x-amzn-trace-id'], 'Root=1-5f512f51-fac632066c5e848ae714');
    const a = resolverRequestHeaders(facts({}))['x-amzn-trace-id'];
    const b = resolverRequestHeaders(facts({}))['x-amzn-trace-id'];
    assert.notEqual(a, b);
    assert.equal(newTraceId(0x5f512f51 * 1000 + 999).slice(0, 16), 'Root=1-5f512f51-');
  });

  test('trace ids stay well formed and distinct across many requests (past a refill of their random pool)', () => {
    const ids = Array.from({ length: 1000 }, () => newTraceId(0));
    for (const id of ids) assert.match(id, /^Root=1-00000000-[0-9a-f]{24}$/);
    assert.equal(new Set(ids).size, ids.length);
  });
});
