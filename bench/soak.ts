/**
 * Memory under a long fuzz (issue 9): `npm start -- --memory` in a child process, as a player runs it (request
 * log on), takes SOAK_REQUESTS (default 100,000) mixed requests: the typed operations of client/, the same
 * documents mutated (new aliases and operation names, so every text is new), invalid documents, odd bodies
 * and content types, and the stand-ins' endpoints. The engine's resident set size (RSS, from /proc) is
 * sampled before, every tenth of the way, and after, with the V8 heap and buffer memory right after a full
 * garbage collection (asked through the inspector), which tells a leak from memory not yet collected.
 * A benchmark, not a test: `npm run bench:soak`. To find what grows: SOAK_ROLL (0 to 1) sends only one class
 * of the mix (below 0.3 the typed operations), SOAK_VALID=<index> only one typed operation, and
 * SOAK_ENGINE_ARGS adds engine options (e.g. --quiet).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import {
  AddItemDocument,
  CreateComputerGameDocument,
  GetGameDocument,
  GetUserDocument,
  HintDocument,
  LeaderboardDocument,
  LoginDocument,
  MakeMoveDocument,
  MeDocument,
  MyGamesDocument,
  PublicGamesDocument,
  RegisterDocument,
  requestData,
} from '../client/index.js';
import { ENGINE_NODE_FLAGS } from '../local/startup/node-flags.js';

export interface SoakSample {
  requests: number;
  rssMiB: number;
  /** V8's heap in use right after a full garbage collection: what the engine really holds on to. */
  heapAfterGcMiB: number;
  /** Memory of Buffers and ArrayBuffers (outside the V8 heap), after the same collection. */
  externalMiB: number;
}

export interface SoakResult {
  requests: number;
  seconds: number;
  samples: SoakSample[];
  statuses: Record<string, number>;
}

const cli = resolve('local/cli.ts');
const api = resolve('api.ts');
const tsx = import.meta.resolve('tsx');

function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
}

/**
 * The engine's own view of its memory, after a full collection, asked through the inspector protocol
 * (the child runs with --inspect on a free loopback port and --expose-gc).
 */
async function heapAfterGc(inspectorUrl: string): Promise<{ heapAfterGcMiB: number; externalMiB: number }> {
  const socket = new WebSocket(inspectorUrl);
  try {
    await once(socket, 'open');
    const answer = once(socket, 'message');
    socket.send(JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression: 'gc(); JSON.stringify(process.memoryUsage())', returnByValue: true } }));
    const [data] = (await answer) as [Buffer];
    const usage = JSON.parse((JSON.parse(String(data)) as { result: { result: { value: string } } }).result.result.value) as NodeJS.MemoryUsage;
    return { heapAfterGcMiB: Math.round(usage.heapUsed / 1048576), externalMiB: Math.round((usage.external + usage.arrayBuffers) / 1048576) };
  } finally {
    socket.close();
  }
}

async function sample(child: ChildProcess, inspectorUrl: string, requests: number): Promise<SoakSample> {
  const rss = rssMiB(child.pid!);
  return { requests, rssMiB: rss, ...(await heapAfterGc(inspectorUrl)) };
}

async function startEngine(cwd: string): Promise<{ child: ChildProcess; url: string; apiKey: string; inspectorUrl: string }> {
  const flags = ['--expose-gc', '--inspect=127.0.0.1:0', ...ENGINE_NODE_FLAGS, '--import', tsx, cli, '--memory', '--port', '0', '--api', api, ...(process.env.SOAK_ENGINE_ARGS?.split(' ').filter(Boolean) ?? [])];
  const child = spawn(process.execPath, flags, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  // The request log goes nowhere, but it is written: the engine's own cost of it stays in the figure.
  child.stdout!.resume();
  let banner = '';
  return new Promise((done, fail) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      banner += chunk.toString();
      const url = /^ +GraphQL +(\S+)$/m.exec(banner)?.[1];
      const apiKey = /^ +API key +(\S+)$/m.exec(banner)?.[1];
      const inspectorUrl = /Debugger listening on (ws:\S+)/.exec(banner)?.[1];
      if (url && apiKey && inspectorUrl) done({ child, url, apiKey, inspectorUrl });
    });
    child.on('exit', (code) => fail(new Error(`the engine exited (${code}) before its banner: ${banner}`)));
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function send(url: string, method: string, headers: Record<string, string>, body: string | null): Promise<number> {
  return new Promise((done) => {
    const req = request(url, { method, agent, headers: body === null ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0));
    });
    req.on('error', () => done(-1));
    req.end(body ?? undefined);
  });
}

/** A small deterministic random source, so every run sends the same requests. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

interface Session {
  url: string;
  apiKey: string;
  token: string;
  username: string;
  gameId: string;
}

type Shot = { path?: string; method?: string; contentType?: string; headers?: Record<string, string>; body: string | null };

/** One request of the mix, chosen by `roll`; `n` makes texts unique. */
function shot(session: Session, roll: number, n: number, pick: () => number): Shot {
  const user = { authorization: session.token };
  const json = (query: string, variables: unknown = {}, headers: Record<string, string> = user): Shot => ({ headers, body: JSON.stringify({ query, variables }) });
  const valid: Array<() => Shot> = [
    () => json(MeDocument.toString()),
    () => json(GetUserDocument.toString(), { username: session.username }),
    () => json(GetGameDocument.toString(), { gameId: session.gameId }),
    () => json(GetGameDocument.toString(), { gameId: `01ARZ3NDEKTSV4RRFFQ69G${String(n % 10000).padStart(4, '0')}` }),
    () => json(LeaderboardDocument.toString(), { limit: 5 }),
    () => json(PublicGamesDocument.toString(), { limit: 5 }),
    () => json(MyGamesDocument.toString(), { limit: 5 }),
    () => json(HintDocument.toString(), { gameId: session.gameId }),
    () => json(AddItemDocument.toString()),
    () => json(MakeMoveDocument.toString(), { gameId: session.gameId, heap: 1 + (n % 3), count: 1 }),
  ];
  const base = valid[Math.floor(pick() * 3)]().body!;
  const { query, variables } = JSON.parse(base) as { query: string; variables: unknown };
  if (roll < 0.3) return valid[process.env.SOAK_VALID ? Number(process.env.SOAK_VALID) : Math.floor(pick() * valid.length)]();
  if (roll < 0.5) {
    // Mutated but valid: a new operation name and alias each time, so no two texts are alike.
    return json(query.replace(/^(query|mutation) (\w+)/, `$1 $2N${n}`).replace(/\{\s*(\w+)/, `{ a${n}: $1`), variables);
  }
  if (roll < 0.7) {
    const broken = [
      `query { unknownField${n} }`,
      `${query.slice(0, Math.floor(pick() * query.length))}`,
      `query Q${n} { me { username nope${n} } }`,
      `{ ${'me { username } '.repeat(1 + (n % 5))}`,
      `query (${'$'}x${n}: Int) { me { username } }`,
      `\u0000${n}`,
      `query { me ${'{ username '.repeat(30)}${'}'.repeat(30)} }`,
    ];
    return json(broken[Math.floor(pick() * broken.length)], variables);
  }
  if (roll < 0.85) {
    const odd: Shot[] = [
      { headers: user, body: `{"query": ${n}}` },
      { headers: user, body: `[${n}]` },
      { headers: user, body: '' },
      { headers: user, body: `not json ${n}` },
      { headers: user, contentType: 'text/plain', body: JSON.stringify({ query }) },
      { headers: user, contentType: 'application/graphql', body: `${query} # ${n}` },
      { headers: user, contentType: 'application/x-www-form-urlencoded', body: `query=${encodeURIComponent(query)}&n=${n}` },
      { headers: user, body: JSON.stringify({ query, variables: { junk: 'x'.repeat(2000 + (n % 1000)) } }) },
      { headers: user, body: JSON.stringify({ query, variables: [n] }) },
      { headers: {}, body: JSON.stringify({ query }) },
      { headers: { authorization: `${session.token.slice(0, -4)}${n % 10}abc` }, body: JSON.stringify({ query }) },
      { headers: { 'x-api-key': `da2-${n}` }, body: JSON.stringify({ query }) },
      { method: 'GET', path: `/graphql?query=${encodeURIComponent(query)}&n=${n}`, headers: user, body: null },
      { method: 'PUT', headers: user, body: 'x' },
    ];
    return odd[Math.floor(pick() * odd.length)];
  }
  const elsewhere: Shot[] = [
    { path: '/cognito', headers: { 'x-amz-target': `AWSCognitoIdentityProviderService.Nope${n % 50}` }, contentType: 'application/x-amz-json-1.1', body: '{}' },
    { path: '/cognito', headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' }, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'x', AuthParameters: { USERNAME: `u${n}`, PASSWORD: 'p' } }) },
    { path: '/sns', contentType: 'application/x-www-form-urlencoded', headers: {}, body: `Action=Nope&N=${n}` },
    { method: 'GET', path: '/amplify_outputs.json', headers: {}, body: null },
    { method: 'GET', path: `/no/such/path/${n}`, headers: {}, body: null },
    { method: 'POST', path: `/nothing-${n}`, headers: {}, body: '{}' },
  ];
  return elsewhere[Math.floor(pick() * elsewhere.length)];
}

async function signIn(url: string, apiKey: string): Promise<Session> {
  const key = { 'x-api-key': apiKey };
  const username = `soak${Date.now().toString(36)}`;
  const password = 'Soakpassword1';
  await requestData(url, RegisterDocument, { input: { username, password, email: `${username}@example.com`, phoneNumber: '+15550001234', height: 70, weight: 180 } }, key);
  const login = await requestData(url, LoginDocument, { username, password }, key);
  const token = login.login!.idToken;
  const game = await requestData(url, CreateComputerGameDocument, { computer: 'RANDOM', heaps: [9, 9, 9] }, { authorization: token });
  return { url, apiKey, token, username, gameId: game.createGame!.gameId };
}

export async function benchSoak(total = Number(process.env.SOAK_REQUESTS ?? 100_000), concurrency = 16): Promise<SoakResult> {
  const cwd = mkdtempSync(join(tmpdir(), 'turnbase-bench-soak-'));
  const { child, url, apiKey, inspectorUrl } = await startEngine(cwd);
  try {
    const session = await signIn(url, apiKey);
    const origin = new URL(url).origin;
    const pick = random(9);
    const statuses: Record<string, number> = {};
    const samples: SoakSample[] = [await sample(child, inspectorUrl, 0)];
    const every = Math.max(1, Math.floor(total / 10));
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      for (;;) {
        const n = next;
        next += 1;
        if (n >= total) return;
        const roll = pick();
        const s = shot(session, process.env.SOAK_ROLL ? Number(process.env.SOAK_ROLL) : roll, n, pick);
        const headers = { 'content-type': s.contentType ?? 'application/json', ...s.headers };
        const status = await send(`${origin}${s.path ?? '/graphql'}`, s.method ?? (s.body === null ? 'GET' : 'POST'), headers, s.body);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if ((n + 1) % every === 0) samples.push(await sample(child, inspectorUrl, n + 1));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - started) / 1000;
    samples.sort((a, b) => a.requests - b.requests);
    return { requests: total, seconds, samples, statuses };
  } finally {
    agent.destroy();
    child.kill('SIGINT');
    await new Promise((done) => child.on('close', done));
    rmSync(cwd, { recursive: true, force: true });
  }
}

export function soakTable(result: SoakResult): string {
  const rows = result.samples.map((s) => `| ${s.requests.toLocaleString('en-US')} | ${s.rssMiB} | ${s.heapAfterGcMiB} | ${s.externalMiB} |`);
  const statuses = Object.entries(result.statuses).map(([status, count]) => `${status}: ${count}`).join(', ');
  return [`| requests sent | engine RSS (MiB) | V8 heap after GC (MiB) | buffers (MiB) |`, '|---:|---:|---:|---:|', ...rows, '', `${result.requests.toLocaleString('en-US')} requests in ${result.seconds.toFixed(0)} s; statuses ${statuses}.`].join('\n');
}
