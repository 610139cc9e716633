/**
 * The README's Amplify snippet is examples/amplify-client.ts: this runs that program against a real engine
 * (it signs in, reads its profile, and receives an invite over the real-time endpoint) and checks that the
 * README shows exactly the file's marked lines, so the two cannot drift apart.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RunningEngine } from '../../local/index.js';
import { tracked } from '../support/child-processes.js';
import { startTestEngine } from '../support/engine.js';
import { CreateGameDocument, LoginDocument, RegisterDocument, requestData } from '../../client/index.js';

const examplePath = 'examples/amplify-client.ts';
const password = 'Sup3rsecret';
let engine: RunningEngine;
let folder: string;
/** The test's relay, closed with the engine (the example's process is `tracked`, so it is stopped even after a timeout). */
let relay: Server | undefined;

async function register(username: string, phoneNumber: string): Promise<void> {
  const input = { username, password, email: `${username}@example.com`, phoneNumber, height: 70, weight: 160 };
  await requestData(engine.graphqlUrl, RegisterDocument, { input }, { 'x-api-key': engine.apiKey });
}

beforeAll(async () => {
  engine = await startTestEngine({ descriptionPath: 'api.ts', tablePrefix: `ex${Date.now()}-` });
  folder = mkdtempSync(join(tmpdir(), 'turnbase-example-'));
  await register('alice', '+15555550111');
  await register('bob', '+15555550112');
});

afterAll(async () => {
  relay?.close();
  await engine.close();
  rmSync(folder, { recursive: true, force: true });
});

/** The lines between each `// README:begin` and `// README:end` of the example, joined. */
function markedLines(source: string): string {
  const regions = [...source.matchAll(/\/\/ README:begin\n([\s\S]*?)\/\/ README:end\n/g)].map((match) => match[1]);
  expect(regions.length).toBeGreaterThan(0);
  return regions.join('\n');
}

test("the README's Amplify snippet is the example's marked code, verbatim", () => {
  const snippet = markedLines(readFileSync(examplePath, 'utf8'));
  const blocks = [...readFileSync('README.md', 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
  expect(blocks).toContain(snippet);
});

/**
 * A TCP relay to the engine's port that holds what a WebSocket client sends for `delayMs` (in order), as a slow
 * uplink would: a subscription's `start` then reaches the engine well after the client sent it.
 */
async function slowWebSocketUplink(delayMs: number): Promise<{ port: number; server: Server }> {
  const target = Number(new URL(engine.graphqlUrl).port);
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: target });
    let webSocket: boolean | null = null;
    client.on('data', (chunk) => {
      webSocket ??= /^upgrade:\s*websocket/im.test(chunk.toString('latin1'));
      if (webSocket) setTimeout(() => upstream.write(chunk), delayMs);
      else upstream.write(chunk);
    });
    client.on('end', () => setTimeout(() => upstream.end(), webSocket ? delayMs : 0));
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, server };
}

// Over a slow link, an invite sent as soon as the app has called subscribe() would come before the engine has the
// subscription: the example says it is listening only once the engine has acknowledged it.
test('the example signs in with aws-amplify, reads its profile and receives an invite live', async () => {
  const uplink = await slowWebSocketUplink(200);
  relay = uplink.server;
  const outputs = engine.amplifyOutputs as { data: { url: string } };
  const url = new URL(outputs.data.url);
  url.port = String(uplink.port);
  const outputsFile = join(folder, 'amplify_outputs.json');
  writeFileSync(outputsFile, JSON.stringify({ ...outputs, data: { ...outputs.data, url: url.toString() } }));
  const child = tracked(spawn(process.execPath, ['--import', 'tsx', examplePath, 'alice', password, outputsFile], { stdio: ['ignore', 'pipe', 'pipe'] }));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error(`the example ended early: ${stderr}`);
    return JSON.parse(line.value) as Record<string, { username?: string; gameId?: string; players?: string[] }>;
  };

  try {
    expect((await next()).me?.username).toBe('alice');
    expect((await next()).listening).toBe('onInvite');

    const { login } = await requestData(engine.graphqlUrl, LoginDocument, { username: 'bob', password }, { 'x-api-key': engine.apiKey });
    const { createGame } = await requestData(engine.graphqlUrl, CreateGameDocument, { opponent: 'alice' }, { authorization: login!.idToken });
    const invite = (await next()).invite;
    expect(invite?.gameId).toBe(createGame!.gameId);
    expect(await exited).toBe(0);
  } finally {
    child.kill();
  }
});
