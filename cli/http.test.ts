/** cli/http.ts against a real loopback server: what is sent, what comes back, and a refused connection. */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { send } from './http.js';

let server: Server;
let url: string;
let seen: { method?: string; headers: IncomingMessage['headers']; body: string } | undefined;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen = { method: request.method, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      if (request.url === '/silent') return; // never answers
      response.statusCode = request.url === '/missing' ? 404 : 200;
      response.end(JSON.stringify({ echo: seen.body, note: 'naïve ✓' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('send', () => {
  test('a POST carries its headers and a body measured in bytes, and the answer is read whole', async () => {
    const body = JSON.stringify({ query: '{ me { username } }', name: 'Zoë' });
    const answer = await send(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'token' }, body });
    assert.equal(answer.status, 200);
    assert.equal(answer.ok, true);
    assert.deepEqual(JSON.parse(answer.text), { echo: body, note: 'naïve ✓' });
    assert.equal(seen?.method, 'POST');
    assert.equal(seen?.headers.authorization, 'token');
    assert.equal(seen?.headers['content-length'], String(Buffer.byteLength(body)));
  });

  test('a status outside 2xx is an answer, not an error', async () => {
    const answer = await send(`${url}/missing`);
    assert.equal(seen?.method, 'GET');
    assert.deepEqual([answer.status, answer.ok], [404, false]);
  });

  test('a refused connection rejects with the reason', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(send(`http://127.0.0.1:${port}/graphql`), /ECONNREFUSED/);
  });

  test('a server that never answers is given up after the time limit', async () => {
    await assert.rejects(send(`${url}/silent`, { timeoutMs: 200 }), /no answer within 0\.2 s/);
  });
});
