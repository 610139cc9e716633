/**
 * Engine throughput and latency against the plain graphql-js baseline, side by side in one run:
 * (a) a NONE-data-source query, (b) a DynamoDB GetItem query, at concurrency 1 and 16.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { startEmbeddedDynamo } from '../local/dynamodb/embedded.js';
import { runLoad, type LoadResult } from './load.js';
import { ENGINE_NODE_FLAGS } from '../local/startup/node-flags.js';

interface Served {
  url: string;
  headers: Record<string, string>;
  child: ChildProcess;
}

async function serve(kind: 'engine' | 'baseline', endpoint: string, prefix: string): Promise<Served> {
  const child = spawn(process.execPath, [...ENGINE_NODE_FLAGS, '--import', 'tsx', 'bench/serve.ts', kind, endpoint, prefix], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, 'line')) as [string];
  return { ...(JSON.parse(line) as { url: string; headers: Record<string, string> }), child };
}

const scenarios = [
  { name: 'NONE data source query', body: { query: 'query { echo(message: "bench") }' } },
  { name: 'DynamoDB GetItem query', body: { query: 'query { getBook(id: "bench-book") { id title author } }' } },
];

export interface EngineBenchRow {
  scenario: string;
  concurrency: number;
  engine: LoadResult;
  baseline: LoadResult;
  /** Engine requests/s as a share of the baseline's. */
  throughputRatio: number;
}

export async function benchEngine(seconds: number): Promise<EngineBenchRow[]> {
  const dynamo = await startEmbeddedDynamo({ dataDir: null });
  const prefix = 'bench-';
  const engine = await serve('engine', dynamo.endpoint, prefix);
  const baseline = await serve('baseline', dynamo.endpoint, prefix);
  try {
    const seed = await fetch(engine.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...engine.headers },
      body: JSON.stringify({ query: 'mutation { addBook(id: "bench-book", title: "Winning Ways", author: "Berlekamp") { id } }' }),
    });
    if (!seed.ok) throw new Error(`seeding the bench book failed: ${seed.status}`);
    // Both servers first take 3 s of one-at-a-time load, unmeasured. In a fresh engine process the first seconds
    // of load cost 5-10x the CPU per request of what follows (measured per thread: about 480 µs, then 100 µs),
    // far beyond each run's 1 s warm-up, so the first row measured start-up rather than the engine.
    for (const served of [engine, baseline]) await runLoad({ url: served.url, headers: served.headers, body: scenarios[0].body, concurrency: 1, seconds: 3, warmupSeconds: 0 });
    const rows: EngineBenchRow[] = [];
    for (const scenario of scenarios) {
      for (const concurrency of [1, 16]) {
        const engineResult = await runLoad({ url: engine.url, headers: engine.headers, body: scenario.body, concurrency, seconds });
        const baselineResult = await runLoad({ url: baseline.url, headers: baseline.headers, body: scenario.body, concurrency, seconds });
        rows.push({
          scenario: scenario.name,
          concurrency,
          engine: engineResult,
          baseline: baselineResult,
          throughputRatio: Math.round((engineResult.requestsPerSecond / baselineResult.requestsPerSecond) * 1000) / 1000,
        });
      }
    }
    return rows;
  } finally {
    engine.child.kill();
    baseline.child.kill();
    await dynamo.close();
  }
}

export function engineTable(rows: EngineBenchRow[]): string {
  const lines = [
    '| scenario | concurrency | engine req/s | baseline req/s | engine/baseline | engine p50 / p99 ms | baseline p50 / p99 ms | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.scenario} | ${r.concurrency} | ${r.engine.requestsPerSecond} | ${r.baseline.requestsPerSecond} | ${(r.throughputRatio * 100).toFixed(1)}% | ${r.engine.p50Ms} / ${r.engine.p99Ms} | ${r.baseline.p50Ms} / ${r.baseline.p99Ms} | ${r.engine.errors + r.baseline.errors} |`,
    );
  }
  return lines.join('\n');
}
