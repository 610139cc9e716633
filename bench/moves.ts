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

const HEAPS = [20, 20, 20, 20, 20];

export interface MoveRun {
  concurrency: number;
  moves: number;
  errors: number;
  movesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface MoveBenchRow {
  concurrency: number;
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
  newGame: (worker: number) => Promise<string>,
  move: (worker: number, gameId: string, table: Table) => Promise<boolean>,
): Promise<MoveRun> {
  const run = async (duration: number, record: boolean) => {
    const latencies: number[] = [];
    let errors = 0;
    const end = performance.now() + duration * 1000;
    const worker = async (index: number) => {
      let gameId = await newGame(index);
      let table: Table = { heaps: HEAPS.slice(), mover: 0 };
      while (performance.now() < end) {
        if (table.heaps.every((size) => size === 0)) {
          gameId = await newGame(index);
          table = { heaps: HEAPS.slice(), mover: 0 };
        }
        const started = performance.now();
        const ok = await move(index, gameId, table);
        if (record) latencies.push(performance.now() - started);
        if (!ok) {
          errors += 1;
          // Start over rather than guess the state of a game a failed move left behind.
          table.heaps.fill(0);
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, (_, index) => worker(index)));
    return { latencies, errors, elapsed: (performance.now() - started) / 1000 };
  };
  await run(1, false);
  const { latencies, errors, elapsed } = await run(seconds, true);
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    moves: latencies.length,
    errors,
    movesPerSecond: round(latencies.length / elapsed),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
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
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serve.ts', 'game'], { stdio: ['ignore', 'pipe', 'inherit'] });
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

export async function benchEngineMoves(served: ServedGame, concurrency: number, seconds: number): Promise<MoveRun> {
  // Both seats of every game: [invited player (moves first), creator].
  const run = `${process.pid}x${concurrency}`;
  const players = await Promise.all([signIn(served, `benchguest${run}`), signIn(served, `benchhost${run}`)]);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(served.graphqlUrl);
  const query = MakeMoveBriefDocument.toString();
  try {
    return await play(
      concurrency,
      seconds,
      async () => {
        const created = await requestData(served.graphqlUrl, CreateGameBriefDocument, { opponent: `benchguest${run}`, heaps: HEAPS }, { authorization: players[1] });
        return created.createGame!.gameId;
      },
      async (_worker, gameId, table) => {
        const { heap, count } = nextMove(table);
        const answer = await post(agent, url, JSON.stringify({ query, variables: { gameId, heap, count } }), { authorization: players[table.mover] });
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
      async (worker) => {
        games += 1;
        const gameId = `game-${worker}-${games}`;
        const heaps = Object.fromEntries(HEAPS.map((size, index) => [`heap${index + 1}`, { N: String(size) }]));
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
    for (const concurrency of [1, 16]) {
      console.error(`moves: ${concurrency} at once`);
      const engine = await benchEngineMoves(served, concurrency, seconds);
      const raw = await benchRawMoves(concurrency, seconds);
      rows.push({ concurrency, engine, raw, share: Math.round((engine.movesPerSecond / raw.movesPerSecond) * 1000) / 1000 });
    }
    return rows;
  } finally {
    served.child.kill();
  }
}

export function movesTable(rows: MoveBenchRow[]): string {
  const label = (concurrency: number) => (concurrency === 1 ? 'one at a time' : `${concurrency} games at once`);
  const errors = (run: MoveRun) => (run.errors > 0 ? `, ${run.errors} errors` : '');
  return [
    '| | engine makeMove | raw conditional UpdateItem | share |',
    '|---|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${label(r.concurrency)} | ${r.engine.movesPerSecond} moves/s, p50 ${r.engine.p50Ms} ms, p99 ${r.engine.p99Ms} ms${errors(r.engine)} | ` +
        `${r.raw.movesPerSecond}/s, p50 ${r.raw.p50Ms} ms, p99 ${r.raw.p99Ms} ms${errors(r.raw)} | ${Math.round(r.share * 100)}% |`,
    ),
  ].join('\n');
}
