/**
 * The move benchmark: the engine's makeMove (the Nim API in a child process, everything embedded, in
 * memory, no request log) against the raw store doing the seed's `performMove` (one conditional
 * UpdateItem through the AWS SDK against a dynalite in this process), in the same run, one game at a
 * time and 16 games at once. Players alternate on 5×20 games, taking one object from the largest heap;
 * a finished game is replaced by a new one (not counted as a move).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import { CreateTableCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateGameBriefDocument, LoginDocument, MakeMoveBriefDocument, RegisterDocument, requestData } from '../client/index.js';
import { createDynamoClient } from '../local/dynamodb/client.js';
import { startEmbeddedDynamo } from '../local/dynamodb/embedded.js';
import { percentile } from './load.js';
import { ENGINE_NODE_FLAGS } from '../local/startup/node-flags.js';

const HEAPS = [20, 20, 20, 20, 20];

/**
 * The heaps of a worker's first game: `HEAPS` with `worker / workers` of its objects already taken. Games at once
 * are at every point of their course; started together and equally long, they would all end together, and every
 * game's end would meet the other 15 ends (and the 15 new games) at once.
 */
function firstHeaps(worker: number, workers: number): number[] {
  let taken = Math.round((worker / workers) * HEAPS.reduce((sum, size) => sum + size, 0));
  const heaps = HEAPS.map((size) => {
    const fromThis = Math.min(size, taken);
    taken -= fromThis;
    return size - fromThis;
  });
  // A game is made of non-empty heaps.
  return heaps.filter((size) => size > 0);
}

export interface MoveRun {
  concurrency: number;
  moves: number;
  errors: number;
  movesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The moves that took a game's last object (1 in 100 here): they also settle both players' records. */
  lastMoveP50Ms: number;
}

export interface MoveBenchRow {
  concurrency: number;
  /** How many pairs of players the engine's games are between: one per game, or one pair in every game. */
  pairs: number;
  engine: MoveRun;
  raw: MoveRun;
  /** Engine moves/s as a share of the raw store's. */
  share: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** One game as a player sees it: the heaps and whose move it is (0: the invited player, who starts). */
interface Table {
  heaps: number[];
  mover: 0 | 1;
}

function nextMove(table: Table): { heap: number; count: number } {
  let heap = 0;
  table.heaps.forEach((size, index) => {
    if (size > table.heaps[heap]) heap = index;
  });
  return { heap: heap + 1, count: 1 };
}

/**
 * Closed loop: `concurrency` workers, each playing its own game. `move` makes one move and says
 * whether it succeeded; `newGame` sets up a fresh game when one is over (its time is not a move's).
 */
async function play(
  concurrency: number,
  seconds: number,
  newGame: (worker: number, heaps: number[]) => Promise<string>,
  move: (worker: number, gameId: string, table: Table) => Promise<boolean>,
): Promise<MoveRun> {
  // One continuous run: the workers start their games together, so only moves begun after a second of
  // warm-up are measured. Measured from their own start, each run's first moves met the 16 game creations
  // of that start all at once: about 1% of the moves, and so the p99.
  const warmedUp = performance.now() + 1000;
  const end = warmedUp + seconds * 1000;
  const latencies: number[] = [];
  const lastMoves: number[] = [];
  let errors = 0;
  const worker = async (index: number) => {
    const first = firstHeaps(index, concurrency);
    let gameId = await newGame(index, first);
    let table: Table = { heaps: first, mover: 0 };
    while (performance.now() < end) {
      if (table.heaps.every((size) => size === 0)) {
        gameId = await newGame(index, HEAPS);
        table = { heaps: HEAPS.slice(), mover: 0 };
      }
      const started = performance.now();
      const ok = await move(index, gameId, table);
      const took = performance.now() - started;
      const record = started >= warmedUp;
      if (record) latencies.push(took);
      if (record && ok && table.heaps.every((size) => size === 0)) lastMoves.push(took);
      if (record && !ok) errors += 1;
      // Start over rather than guess the state of a game a failed move left behind.
      if (!ok) table.heaps.fill(0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, index) => worker(index)));
  const elapsed = (performance.now() - warmedUp) / 1000;
  latencies.sort((a, b) => a - b);
  lastMoves.sort((a, b) => a - b);
  return {
    concurrency,
    moves: latencies.length,
    errors,
    movesPerSecond: round(latencies.length / elapsed),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    lastMoveP50Ms: round(percentile(lastMoves, 50)),
  };
}

function applyLocally(table: Table, heap: number, count: number): void {
  table.heaps[heap - 1] -= count;
  table.mover = table.mover === 0 ? 1 : 0;
}

// ---- the engine ----

export interface ServedGame {
  graphqlUrl: string;
  apiKey: string;
  child: ChildProcess;
}

async function serveGame(): Promise<ServedGame> {
  // BENCH_CPU_PROF_DIR: a CPU profile of each of the engine's threads, written there when it exits.
  const profile = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, ...ENGINE_NODE_FLAGS, '--import', 'tsx', 'bench/serve.ts', 'game'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, 'line')) as [string];
  return { ...(JSON.parse(line) as Omit<ServedGame, 'child'>), child };
}

async function signIn(served: ServedGame, username: string): Promise<string> {
  const password = 'Benchmark1';
  const headers = { 'x-api-key': served.apiKey };
  await requestData(served.graphqlUrl, RegisterDocument, { input: { username, password, email: `${username}@example.com`, phoneNumber: '+15555550199', height: 1, weight: 1 } }, headers);
  const session = await requestData(served.graphqlUrl, LoginDocument, { username, password }, headers);
  return session.login!.idToken;
}

/** A keep-alive POST of a JSON body; resolves with the parsed answer (null when the request failed). */
function post(agent: Agent, url: URL, body: string, headers: Record<string, string>): Promise<{ data?: unknown; errors?: unknown[] } | null> {
  return new Promise((resolve) => {
    const req = request(
      { agent, hostname: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          try {
            resolve(res.statusCode === 200 ? JSON.parse(Buffer.concat(chunks).toString()) : null);
          } catch {
            resolve(null);
          }
        });
      },
    );
    req.on('error', () => resolve(null));
    req.end(body);
  });
}

/**
 * `pairs` pairs of players take the games in turn: one pair per game is games at once as a server sees them; a single
 * pair in every game makes every game's end settle on the same two player records at once (a hot-key case).
 */
export async function benchEngineMoves(served: ServedGame, concurrency: number, seconds: number, pairs = concurrency): Promise<MoveRun> {
  // Both seats of every pair: [invited player (moves first), creator].
  const run = `${process.pid}x${concurrency}p${pairs}`;
  const seats = await Promise.all(Array.from({ length: pairs }, (_, pair) => Promise.all([signIn(served, `benchguest${run}n${pair}`), signIn(served, `benchhost${run}n${pair}`)])));
  const seatsOf = (worker: number) => seats[worker % pairs];
  const guestOf = (worker: number) => `benchguest${run}n${worker % pairs}`;
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(served.graphqlUrl);
  const query = MakeMoveBriefDocument.toString();
  try {
    return await play(
      concurrency,
      seconds,
      async (worker, heaps) => {
        const created = await requestData(served.graphqlUrl, CreateGameBriefDocument, { opponent: guestOf(worker), heaps }, { authorization: seatsOf(worker)[1] });
        return created.createGame!.gameId;
      },
      async (worker, gameId, table) => {
        const { heap, count } = nextMove(table);
        const answer = await post(agent, url, JSON.stringify({ query, variables: { gameId, heap, count } }), { authorization: seatsOf(worker)[table.mover] });
        const ok = answer !== null && answer.errors === undefined && answer.data !== null;
        if (ok) applyLocally(table, heap, count);
        return ok;
      },
    );
  } finally {
    agent.destroy();
  }
}

// ---- the raw store ----

async function benchRawMoves(concurrency: number, seconds: number): Promise<MoveRun> {
  const dynamo = await startEmbeddedDynamo({ dataDir: null });
  const client = createDynamoClient(dynamo.endpoint);
  const TableName = `raw-games-${concurrency}`;
  try {
    await client.send(new CreateTableCommand({ TableName, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'gameId', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'gameId', KeyType: 'HASH' }] }));
    const users = ['guest', 'host'];
    let games = 0;
    return await play(
      concurrency,
      seconds,
      async (worker, sizes) => {
        games += 1;
        const gameId = `game-${worker}-${games}`;
        const heaps = Object.fromEntries(sizes.map((size, index) => [`heap${index + 1}`, { N: String(size) }]));
        await client.send(new PutItemCommand({ TableName, Item: { gameId: { S: gameId }, user1: { S: 'host' }, user2: { S: 'guest' }, lastMoveBy: { S: 'host' }, ...heaps } }));
        return gameId;
      },
      // The seed's performMove: one conditional UpdateItem that checks the player, the turn and the heap.
      async (_worker, gameId, table) => {
        const { heap, count } = nextMove(table);
        const changedHeap = `heap${heap}`;
        try {
          await client.send(
            new UpdateItemCommand({
              TableName,
              Key: { gameId: { S: gameId } },
              UpdateExpression: `SET lastMoveBy = :user, ${changedHeap} = :changedHeapValue`,
              ConditionExpression: `(user1 = :user OR user2 = :user) AND lastMoveBy <> :user AND ${changedHeap} > :changedHeapValue`,
              ExpressionAttributeValues: { ':user': { S: users[table.mover] }, ':changedHeapValue': { N: String(table.heaps[heap - 1] - count) } },
              ReturnValues: 'ALL_NEW',
            }),
          );
          applyLocally(table, heap, count);
          return true;
        } catch {
          return false;
        }
      },
    );
  } finally {
    client.destroy();
    await dynamo.close();
  }
}

export async function benchMoves(seconds: number): Promise<MoveBenchRow[]> {
  const served = await serveGame();
  try {
    const rows: MoveBenchRow[] = [];
    const share = (engine: MoveRun, raw: MoveRun) => Math.round((engine.movesPerSecond / raw.movesPerSecond) * 1000) / 1000;
    for (const concurrency of [1, 16]) {
      console.error(`moves: ${concurrency} at once`);
      const engine = await benchEngineMoves(served, concurrency, seconds);
      const raw = await benchRawMoves(concurrency, seconds);
      rows.push({ concurrency, pairs: concurrency, engine, raw, share: share(engine, raw) });
    }
    // The raw store has no player records, so the hot-key row is set against the same raw run.
    console.error('moves: 16 at once, one pair of players');
    const sharedPair = await benchEngineMoves(served, 16, seconds, 1);
    rows.push({ concurrency: 16, pairs: 1, engine: sharedPair, raw: rows[1].raw, share: share(sharedPair, rows[1].raw) });
    return rows;
  } finally {
    // SIGINT: the engine exits cleanly, so a CPU profile gets written.
    served.child.kill('SIGINT');
  }
}

export function movesTable(rows: MoveBenchRow[]): string {
  const label = (row: MoveBenchRow) =>
    row.concurrency === 1 ? 'one at a time' : row.pairs === 1 ? `${row.concurrency} games at once, all between the same two players` : `${row.concurrency} games at once`;
  const errors = (run: MoveRun) => (run.errors > 0 ? `, ${run.errors} errors` : '');
  return [
    '| | engine makeMove | raw conditional UpdateItem | share |',
    '|---|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${label(r)} | ${r.engine.movesPerSecond} moves/s, p50 ${r.engine.p50Ms} ms, p99 ${r.engine.p99Ms} ms, game-ending moves p50 ${r.engine.lastMoveP50Ms} ms${errors(r.engine)} | ` +
        `${r.raw.movesPerSecond}/s, p50 ${r.raw.p50Ms} ms, p99 ${r.raw.p99Ms} ms${errors(r.raw)} | ${Math.round(r.share * 100)}% |`,
    ),
  ].join('\n');
}
