/**
 * Real-time figures for the Nim API served by the engine (in a child process):
 * - latency from a makeMove to each subscriber's `data` frame, for 1, 100 and 1,000 subscribers;
 * - how many idle subscribed connections one engine process holds, and its memory (RSS), at 1,000 and 10,000.
 * Every connection is a real WebSocket with one `onMove` subscription, as a player's app opens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { percentile } from './load.js';
import { CreateGameBriefDocument, LoginDocument, MakeMoveBriefDocument, OnMoveBriefDocument, RegisterDocument, requestData, type TypedDocumentString } from '../client/index.js';
import { ENGINE_NODE_FLAGS } from '../local/startup/node-flags.js';

interface Served {
  graphqlUrl: string;
  realtimeUrl: string;
  apiKey: string;
  child: ChildProcess;
}

async function serveGame(): Promise<Served> {
  const child = spawn(process.execPath, [...ENGINE_NODE_FLAGS, '--import', 'tsx', 'bench/serve.ts', 'game'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, 'line')) as [string];
  return { ...(JSON.parse(line) as Omit<Served, 'child'>), child };
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

/** Returns the one root field the operation selects. */
async function gql<TResult, TVariables>(served: Served, document: TypedDocumentString<TResult, TVariables>, variables: TVariables, headers: Record<string, string>): Promise<NonNullable<TResult[keyof TResult]>> {
  const data = await requestData(served.graphqlUrl, document, variables, headers);
  const [field] = Object.values(data as Record<string, TResult[keyof TResult]>);
  if (field === null || field === undefined) throw new Error('GraphQL error: no data');
  return field;
}

async function signedInPlayer(served: Served, username: string): Promise<string> {
  const password = 'Benchmark1';
  const input = { username, password, email: `${username}@example.com`, phoneNumber: '+15555550199', height: 1, weight: 1 };
  await gql(served, RegisterDocument, { input }, { 'x-api-key': served.apiKey });
  const session = await gql(served, LoginDocument, { username, password }, { 'x-api-key': served.apiKey });
  return session.idToken;
}

interface Subscriber {
  socket: WebSocket;
  /** Arrival time of each game version's data frame. */
  arrivals: Map<number, number>;
}

/** Opens one connection with one onMove subscription; resolves at start_ack. */
function subscribe(served: Served, token: string, gameId: string, onData: () => void): Promise<Subscriber> {
  const host = new URL(served.graphqlUrl).host;
  const header = Buffer.from(JSON.stringify({ Authorization: token, host })).toString('base64url');
  const socket = new WebSocket(served.realtimeUrl, ['graphql-ws', `header-${header}`], { perMessageDeflate: false });
  const subscriber: Subscriber = { socket, arrivals: new Map() };
  return new Promise((resolve, reject) => {
    socket.on('error', reject);
    socket.on('open', () => {
      socket.send(JSON.stringify({ type: 'connection_init' }));
      const data = JSON.stringify({ query: OnMoveBriefDocument.toString(), variables: { gameId } });
      socket.send(JSON.stringify({ id: '1', type: 'start', payload: { data, extensions: { authorization: { Authorization: token, host } } } }));
    });
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { type: string; payload?: { data?: { onMove?: { version: number } } } };
      if (frame.type === 'start_ack') resolve(subscriber);
      else if (frame.type === 'error' || frame.type === 'connection_error') reject(new Error(String(raw)));
      else if (frame.type === 'data' && frame.payload?.data?.onMove) {
        subscriber.arrivals.set(frame.payload.data.onMove.version, performance.now());
        onData();
      }
    });
  });
}

async function openMany(count: number, open: (i: number) => Promise<Subscriber>): Promise<Subscriber[]> {
  const subscribers: Subscriber[] = [];
  for (let i = 0; i < count; i += 200) {
    subscribers.push(...(await Promise.all(Array.from({ length: Math.min(200, count - i) }, (_, j) => open(i + j)))));
  }
  return subscribers;
}

async function closeAll(subscribers: Subscriber[]): Promise<void> {
  await Promise.all(subscribers.map((s) => new Promise<void>((done) => (s.socket.readyState === WebSocket.CLOSED ? done() : (s.socket.once('close', () => done()), s.socket.close())))));
}

export interface LatencyRow {
  subscribers: number;
  moves: number;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  /** Same frames, measured from the moment the makeMove request was sent. */
  fromRequestP50Ms: number;
  fromRequestP99Ms: number;
  /** Per move, how long after the first subscriber the others got the frame: the cost of fan-out. */
  spreadP50Ms: number;
  spreadP99Ms: number;
}

export interface IdleRow {
  connections: number;
  rssMiB: number;
  rssBeforeMiB: number;
  kibPerConnection: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

export async function benchRealtime(): Promise<{ latency: LatencyRow[]; idle: IdleRow[] }> {
  const served = await serveGame();
  try {
    const tokens = { host: await signedInPlayer(served, 'benchhost'), guest: await signedInPlayer(served, 'benchguest') };
    const newGame = async () => {
      const game = await gql(served, CreateGameBriefDocument, { opponent: 'benchguest', heaps: [20, 20, 20] }, { authorization: tokens.host });
      return game.gameId;
    };

    const latency: LatencyRow[] = [];
    for (const count of [1, 100, 1000]) {
      console.error(`latency: ${count} subscribers`);
      const gameId = await newGame();
      let pending = 0;
      let allArrived: () => void = () => {};
      const subscribers = await openMany(count, (i) => subscribe(served, i % 2 ? tokens.host : tokens.guest, gameId, () => (pending -= 1) === 0 && allArrived()));
      const fromResponse: number[] = [];
      const fromRequest: number[] = [];
      const spread: number[] = [];
      const moves = 20;
      for (let move = 0; move < moves; move += 1) {
        const token = move % 2 === 0 ? tokens.guest : tokens.host; // the invited player moves first
        pending = count;
        const arrived = new Promise<void>((resolve) => (allArrived = resolve));
        const sent = performance.now();
        const moved = await gql(served, MakeMoveBriefDocument, { gameId, heap: (move % 3) + 1, count: 1 }, { authorization: token });
        const answered = performance.now();
        await arrived;
        const version = moved.version;
        const arrivals = subscribers.map((s) => s.arrivals.get(version)!);
        const first = Math.min(...arrivals);
        for (const at of arrivals) {
          fromResponse.push(at - answered);
          fromRequest.push(at - sent);
          spread.push(at - first);
        }
      }
      await closeAll(subscribers);
      fromResponse.sort((a, b) => a - b);
      fromRequest.sort((a, b) => a - b);
      spread.sort((a, b) => a - b);
      latency.push({
        subscribers: count,
        moves,
        samples: fromResponse.length,
        p50Ms: round(percentile(fromResponse, 50)),
        p99Ms: round(percentile(fromResponse, 99)),
        fromRequestP50Ms: round(percentile(fromRequest, 50)),
        fromRequestP99Ms: round(percentile(fromRequest, 99)),
        spreadP50Ms: round(percentile(spread, 50)),
        spreadP99Ms: round(percentile(spread, 99)),
      });
    }

    const idle: IdleRow[] = [];
    const gameId = await newGame();
    for (const count of [1000, 10_000]) {
      const before = rssMiB(served.child.pid!);
      const subscribers = await openMany(count, (i) => subscribe(served, i % 2 ? tokens.host : tokens.guest, gameId, () => {}));
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const after = rssMiB(served.child.pid!);
      idle.push({ connections: subscribers.length, rssMiB: after, rssBeforeMiB: before, kibPerConnection: round(((after - before) * 1024) / count) });
      await closeAll(subscribers);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    return { latency, idle };
  } finally {
    served.child.kill();
  }
}

export function realtimeTables(result: { latency: LatencyRow[]; idle: IdleRow[] }): string {
  const lines = [
    '| subscribers | moves | frames | from request p50 / p99 ms | from response p50 / p99 ms | fan-out spread p50 / p99 ms |',
    '|---:|---:|---:|---:|---:|---:|',
    ...result.latency.map(
      (r) => `| ${r.subscribers} | ${r.moves} | ${r.samples} | ${r.fromRequestP50Ms} / ${r.fromRequestP99Ms} | ${r.p50Ms} / ${r.p99Ms} | ${r.spreadP50Ms} / ${r.spreadP99Ms} |`,
    ),
    '',
    '| idle subscribed connections | engine RSS MiB | RSS before MiB | KiB per connection |',
    '|---:|---:|---:|---:|',
    ...result.idle.map((r) => `| ${r.connections} | ${r.rssMiB} | ${r.rssBeforeMiB} | ${r.kibPerConnection} |`),
  ];
  return lines.join('\n');
}
