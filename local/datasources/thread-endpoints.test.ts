/**
 * A function on the event thread reaches a thread endpoint without the engine's port: its request is
 * answered by the endpoint's handler on this thread; a request for another path on the same kept-alive
 * connection goes on to the port over TCP; a connection opened for another path is a plain TCP one.
 */
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEventThread } from './event-worker.js';

/** Posts each of the event's requests in turn on one kept-alive agent and records the answers. */
const HANDLER = `
import http from 'node:http';
import { writeFileSync } from 'node:fs';
export async function handler(event) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const answers = [];
  for (const path of event.paths) {
    answers.push(await new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: event.port, path, method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body }));
      });
      req.on('error', reject);
      req.end('Action=Publish&Message=' + path);
    }));
  }
  agent.destroy();
  writeFileSync(event.out, JSON.stringify(answers));
}
`;

let dir: string;
let port: Server;
const overTcp: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'thread-endpoints-'));
  writeFileSync(join(dir, 'index.mjs'), HANDLER);
  port = createServer((req, res) => {
    overTcp.push(req.url ?? '');
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end(`tcp ${req.url}`));
  });
  port.listen(0, '127.0.0.1');
  await once(port, 'listening');
});
afterAll(async () => {
  port.close();
  rmSync(dir, { recursive: true, force: true });
});

test("the endpoint's requests are answered on this thread, other paths over TCP", async () => {
  const { port: number } = port.address() as AddressInfo;
  const handled: Array<{ body: string; contentType: string }> = [];
  const thread = createEventThread([
    {
      url: `http://127.0.0.1:${number}/sns`,
      handle: async (body, contentType) => {
        handled.push({ body, contentType });
        return { status: 200, headers: { 'content-type': 'text/xml' }, body: `<answer>${handled.length}</answer>` };
      },
    },
  ]);
  try {
    const run = thread.runner({ name: 'notify', moduleUrl: pathToFileURL(join(dir, 'index.mjs')).href, environment: {}, timeoutSeconds: 5 });
    const out = join(dir, 'answers.json');
    assert.deepEqual(await run({ out, port: number, paths: ['/sns', '/sns/', '/other', '/sns'] }), { result: null });
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), [
      { status: 200, type: 'text/xml', body: '<answer>1</answer>' },
      { status: 200, type: 'text/xml', body: '<answer>2</answer>' },
      { status: 200, type: 'text/plain', body: 'tcp /other' },
      { status: 200, type: 'text/xml', body: '<answer>3</answer>' },
    ]);
    assert.deepEqual(handled.map((request) => request.body), ['Action=Publish&Message=/sns', 'Action=Publish&Message=/sns/', 'Action=Publish&Message=/sns']);
    assert.equal(handled[0].contentType, 'application/x-www-form-urlencoded');
    assert.deepEqual(overTcp, ['/other']);

    // A connection opened for another path is TCP all along, /sns on it included.
    overTcp.length = 0;
    assert.deepEqual(await run({ out, port: number, paths: ['/first', '/sns'] }), { result: null });
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), [
      { status: 200, type: 'text/plain', body: 'tcp /first' },
      { status: 200, type: 'text/plain', body: 'tcp /sns' },
    ]);
    assert.deepEqual(overTcp, ['/first', '/sns']);
  } finally {
    await thread.close();
  }
});
