/**
 * Graceful shutdown of `npm start` (issue 9): on SIGTERM/SIGINT the engine refuses new work (503, upgrades
 * refused), finishes the requests in flight, closes WebSockets with 1001, flushes its stores and exits 0;
 * a second signal exits at once; a request that never finishes is cut off after the grace period.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import WebSocket from 'ws';
import { connectRealtime } from '../support/realtime.js';
import { copyFixtureApi, startCli, type RunningCli } from '../support/cli.js';

interface Answer {
  status: number;
  errorType?: string;
  body: string;
}

/** A POST on a connection of its own (no pooled keep-alive socket that the server may just have closed). */
function post(url: string, apiKey: string, body: string): { req: ClientRequest; answer: Promise<Answer> } {
  const req = request(url, {
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'content-length': Buffer.byteLength(body) },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, errorType: res.headers['x-amzn-errortype'] as string | undefined, body: text }));
    });
  });
  return { req, answer };
}

async function send(url: string, apiKey: string, body: string): Promise<Answer> {
  const { req, answer } = post(url, apiKey, body);
  req.end(body);
  return answer;
}

const echo = JSON.stringify({ query: 'query { echo(message: "hi") }' });
const addBook = (id: string) => JSON.stringify({ query: `mutation { addBook(id: "${id}", title: "Kept") { id title } }` });

/** Starts a request and sends only part of its body: the server is handling it until the rest arrives. */
async function inFlight(cli: RunningCli, body: string): Promise<{ finish(): Promise<Answer>; answer: Promise<Answer> }> {
  const { req, answer } = post(cli.graphqlUrl, cli.apiKey, body);
  req.write(body.slice(0, 10));
  // A full round trip on another connection after the partial one: by then the server has read its headers.
  assert.equal((await send(cli.graphqlUrl, cli.apiKey, echo)).status, 200);
  await new Promise((resolve) => setTimeout(resolve, 200));
  return {
    answer,
    finish() {
      req.end(body.slice(10));
      return answer;
    },
  };
}

function realtimeUrl(cli: RunningCli): string {
  return `${cli.graphqlUrl.replace(/^http/, 'ws')}/realtime`;
}

function authorization(cli: RunningCli): Record<string, string> {
  return { host: new URL(cli.graphqlUrl).host, 'x-api-key': cli.apiKey };
}

describe('graceful shutdown', () => {
  let copy: ReturnType<typeof copyFixtureApi>;
  let dataDir: string;
  beforeAll(() => {
    copy = copyFixtureApi();
    dataDir = mkdtempSync(join(tmpdir(), 'turnbase-shutdown-'));
  });
  afterAll(() => {
    copy.remove();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('SIGTERM: in-flight answered, new requests 503, upgrades refused, WebSockets closed with 1001, state kept, exit 0', async () => {
    const cli = await startCli(['--data-dir', dataDir, '--port', '0', '--quiet'], copy.dir);
    try {
      const realtime = await connectRealtime(realtimeUrl(cli), authorization(cli));
      const closed = once(realtime.socket, 'close') as Promise<[number, Buffer]>;
      const pending = await inFlight(cli, addBook('b-shutdown'));
      const exited = once(cli.child, 'exit') as Promise<[number | null, string | null]>;

      cli.child.kill('SIGTERM');
      await cli.waitFor(/SIGTERM: shutting down/);

      const refused = await send(cli.graphqlUrl, cli.apiKey, echo);
      assert.equal(refused.status, 503);
      assert.equal(refused.errorType, 'ServiceUnavailableException');
      const upgrade = new WebSocket(realtimeUrl(cli), ['graphql-ws']);
      const [, response] = (await once(upgrade, 'unexpected-response')) as [unknown, { statusCode: number }];
      assert.equal(response.statusCode, 503);

      const answered = await pending.finish();
      assert.equal(answered.status, 200);
      assert.deepEqual(JSON.parse(answered.body), { data: { addBook: { id: 'b-shutdown', title: 'Kept' } } });

      const [code] = await closed;
      assert.equal(code, 1001);
      const [exitCode] = await exited;
      assert.equal(exitCode, 0, cli.output());
      assert.match(cli.output(), /Stopped\./);
    } finally {
      await cli.stop();
    }

    // The write acknowledged during the shutdown is on disk: a restart on the same data directory reads it.
    const again = await startCli(['--data-dir', dataDir, '--port', '0', '--quiet'], copy.dir);
    try {
      const read = await send(again.graphqlUrl, again.apiKey, JSON.stringify({ query: 'query { getBook(id: "b-shutdown") { title } }' }));
      assert.deepEqual(JSON.parse(read.body), { data: { getBook: { title: 'Kept' } } });
    } finally {
      await again.stop();
    }
  }, 120_000);

  test('a second signal exits at once, without waiting for the request in flight', async () => {
    // A grace far longer than the test's own timeout: only the second signal can end the process in time.
    const cli = await startCli(['--memory', '--port', '0', '--quiet', '--shutdown-grace', '3600'], copy.dir);
    try {
      const pending = await inFlight(cli, echo);
      pending.answer.catch(() => undefined);
      const exited = once(cli.child, 'exit') as Promise<[number | null, string | null]>;
      cli.child.kill('SIGTERM');
      await cli.waitFor(/SIGTERM: shutting down/);
      cli.child.kill('SIGINT');
      const [exitCode] = await exited;
      assert.equal(exitCode, 1);
      assert.match(cli.output(), /SIGINT again: exiting now/);
      await assert.rejects(pending.answer);
    } finally {
      await cli.stop();
    }
  }, 60_000);

  test('a request that never finishes is cut off after the grace period, and the engine still exits 0', async () => {
    const cli = await startCli(['--memory', '--port', '0', '--quiet', '--shutdown-grace', '1'], copy.dir);
    try {
      const pending = await inFlight(cli, echo);
      const exited = once(cli.child, 'exit') as Promise<[number | null, string | null]>;
      cli.child.kill('SIGINT');
      await assert.rejects(pending.answer);
      const [exitCode] = await exited;
      assert.equal(exitCode, 0, cli.output());
    } finally {
      await cli.stop();
    }
  }, 60_000);
});
