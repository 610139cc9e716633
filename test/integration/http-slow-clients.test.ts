/**
 * Issue 9, item 9: a client dribbling its headers or its body is cut off, a body past the limit is answered 413 and
 * never read to its end, and a client that goes away mid-body costs one quiet log line, not a stack trace.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { RunningEngine } from '../../local/index.js';
import { startTestEngine } from '../support/engine.js';

const LIMIT = 4096;
let engine: RunningEngine;
const logs: string[] = [];
beforeAll(async () => {
  engine = await startTestEngine({ maxBodyBytes: LIMIT, log: (line) => logs.push(line) });
});
afterAll(() => engine.close());

async function open(server = engine): Promise<{ socket: Socket; received: () => string; closed: Promise<unknown> }> {
  const { port } = new URL(server.url);
  const socket = connect(Number(port), '127.0.0.1');
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  socket.on('error', () => {});
  const closed = new Promise((resolve) => socket.once('close', resolve));
  await once(socket, 'connect');
  return { socket, received: () => text, closed };
}

describe('slow and oversized clients', () => {
  for (const framing of ['content-length', 'chunked'] as const) {
    test(`a 100 MB body (${framing}) gets 413 and the connection is dropped before the body is read`, async () => {
      const total = 100 * 1024 * 1024;
      const { socket, received, closed } = await open();
      const length = framing === 'content-length' ? `Content-Length: ${total}` : 'Transfer-Encoding: chunked';
      socket.write(`POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n${length}\r\n\r\n`);
      const chunk = Buffer.alloc(256 * 1024, 'a');
      let sent = 0;
      while (!socket.destroyed && sent < total) {
        const frame = framing === 'chunked' ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk;
        if (!socket.write(frame)) await new Promise((resolve) => socket.once('drain', resolve).once('close', resolve));
        sent += chunk.length;
      }
      await closed;
      assert.match(received(), /^HTTP\/1\.1 413 /);
      assert.match(received(), /PayloadTooLargeException/);
      assert.ok(sent < total, `the server read all ${sent} bytes instead of dropping the connection`);
    }, 60_000);
  }

  test('a client that goes away mid-body is one quiet log line, no stack trace', async () => {
    logs.length = 0;
    const { socket } = await open();
    socket.write('POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":');
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    for (let waited = 0; !logs.some((line) => line.includes('client closed')) && waited < 10_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const related = logs.filter((line) => /client closed|aborted|ECONNRESET/.test(line));
    assert.equal(related.length, 1, logs.join('\n'));
    assert.equal((JSON.parse(related[0]) as { level: string }).level, 'info');
    assert.ok(!logs.some((line) => line.includes('"level":"error"') || /\s+at /.test(line)), logs.join('\n'));
  });
});

describe('the header time limit', () => {
  let headerLimited: RunningEngine;
  beforeAll(async () => {
    // The default limit is 10 s (local/http/server.test.ts); the same rule with a 1 s limit keeps the test short. The
    // whole-request limit is far away, so only the header limit can cut this client off in time.
    headerLimited = await startTestEngine({ httpTimeouts: { headersMs: 1_000, requestMs: 120_000, checkIntervalMs: 100 } });
  });
  afterAll(() => headerLimited.close());

  test('a client dribbling its headers is cut off', async () => {
    const { socket, closed } = await open(headerLimited);
    const started = Date.now();
    socket.write('POST /graphql HTTP/1.1\r\nHost: localhost\r\n');
    // One header line every 100 ms, for ever: only the server's header timeout ends this.
    const dribble = setInterval(() => socket.write('X-Slow: y\r\n'), 100);
    try {
      await closed;
    } finally {
      clearInterval(dribble);
    }
    const took = Date.now() - started;
    assert.ok(took >= 900 && took < 20_000, `closed after ${took} ms`);
  }, 40_000);
});

describe('the whole-request time limit', () => {
  let quick: RunningEngine;
  beforeAll(async () => {
    // The default limit is 30 s (local/http/server.test.ts); the same rule with a 2 s limit keeps the test short.
    quick = await startTestEngine({ httpTimeouts: { headersMs: 1_000, requestMs: 2_000, checkIntervalMs: 100 } });
  });
  afterAll(() => quick.close());

  test('a client sending its body a byte at a time is answered 408 and cut off once the request has taken too long', async () => {
    const { socket, received, closed } = await open(quick);
    const started = Date.now();
    // Headers at once, so only the whole-request limit can end this.
    socket.write('POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n');
    const dribble = setInterval(() => socket.write(' '), 100);
    try {
      await closed;
    } finally {
      clearInterval(dribble);
    }
    const took = Date.now() - started;
    assert.match(received(), /^HTTP\/1\.1 408 /);
    // Not cut off by the header limit (1 s) instead, nor left open for long past the request limit.
    assert.ok(took >= 1_900 && took < 15_000, `closed after ${took} ms`);
  }, 30_000);
});

describe('shutting down', () => {
  test('a client holding a half-sent request open does not hold the engine\'s shutdown', async () => {
    // Limits far beyond the test's own time: only the shutdown itself can end these connections.
    const server = await startTestEngine({ httpTimeouts: { headersMs: 120_000, requestMs: 120_000 } });
    const half = await open(server);
    half.socket.write('POST /graphql HTTP/1.1\r\nHost: localhost\r\n');
    const upgrading = await open(server);
    upgrading.socket.write('GET /graphql/realtime HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n');
    await server.close({ graceMs: 100 });
    await Promise.all([half.closed, upgrading.closed]);
  }, 20_000);
});
