/**
 * Start-up time of `npm start` (local/cli.ts, --memory): cold, with no bundle cache and no engine cache
 * (node_modules/.cache/turnbase), so esbuild bundles and acorn parses everything; warm, on an unchanged
 * tree, where every bundle and derived result comes from a cache. Measured from spawning node to the banner (the engine is listening then). Each run is a fresh process in its own folder.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { engineCacheDir } from '../local/runtime/derivation-cache.js';
import { ENGINE_NODE_FLAGS } from '../local/startup/node-flags.js';

export interface StartBenchRow {
  kind: 'cold' | 'warm';
  runs: number;
  /** Wall time from spawn to the banner, per run. */
  ms: number[];
  /** CPU time of the engine process up to the banner (Linux /proc; null elsewhere), per run. */
  cpuMs: Array<number | null>;
}

const cli = resolve('local/cli.ts');
const api = resolve('api.ts');
const tsx = import.meta.resolve('tsx');

function cpuMsOf(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

async function startOnce(): Promise<{ ms: number; cpuMs: number | null }> {
  const cwd = mkdtempSync(join(tmpdir(), 'turnbase-bench-start-'));
  const started = performance.now();
  const child = spawn(process.execPath, [...ENGINE_NODE_FLAGS, '--import', tsx, cli, '--memory', '--quiet', '--port', '0', '--api', api], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  try {
    return await new Promise((done, fail) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('API key')) done({ ms: performance.now() - started, cpuMs: cpuMsOf(child.pid!) });
      });
      child.on('exit', (code) => fail(new Error(`the engine exited (${code}) before its banner: ${output}`)));
    });
  } finally {
    child.kill('SIGINT');
    await new Promise((done) => child.on('close', done));
    rmSync(cwd, { recursive: true, force: true });
  }
}

export async function benchStart(runs = Number(process.env.BENCH_START_RUNS ?? 3)): Promise<StartBenchRow[]> {
  const cacheFile = resolve('build', 'turnbase', '.bundle-cache.json');
  const rows: StartBenchRow[] = [];
  for (const kind of ['cold', 'warm'] as const) {
    const row: StartBenchRow = { kind, runs, ms: [], cpuMs: [] };
    for (let i = 0; i < runs; i += 1) {
      if (kind === 'cold') {
        rmSync(cacheFile, { force: true });
        rmSync(engineCacheDir, { recursive: true, force: true });
      }
      const run = await startOnce();
      row.ms.push(Math.round(run.ms));
      row.cpuMs.push(run.cpuMs);
    }
    rows.push(row);
  }
  return rows;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export function startTable(rows: StartBenchRow[]): string {
  const lines = ['| start | runs | ready after (median) | each run | CPU time (median) |', '|---|---:|---:|---|---:|'];
  for (const row of rows) {
    const cpu = row.cpuMs.filter((c): c is number => c !== null);
    lines.push(`| ${row.kind} | ${row.runs} | ${median(row.ms)} ms | ${row.ms.join(', ')} ms | ${cpu.length > 0 ? `${median(cpu)} ms` : 'n/a'} |`);
  }
  return lines.join('\n');
}
