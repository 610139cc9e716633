/** A small closed-loop HTTP load generator: N workers, each sending its next request when the last one answers. */
import { Agent, request } from 'node:http';

export interface LoadResult {
  concurrency: number;
  requests: number;
  errors: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function postOnce(agent: Agent, url: URL, body: string, headers: Record<string, string>): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { agent, hostname: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(res.statusCode === 200 && !Buffer.concat(chunks).toString().includes('"errors"')));
      },
    );
    req.on('error', () => resolve(false));
    req.end(body);
  });
}

/** Runs for `seconds` after a short warm-up; bounded in time, only against the given loopback URL. */
export async function runLoad(options: { url: string; body: unknown; headers?: Record<string, string>; concurrency: number; seconds: number; warmupSeconds?: number }): Promise<LoadResult> {
  const url = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const body = JSON.stringify(options.body);
  const headers = options.headers ?? {};
  const run = async (seconds: number, record: boolean) => {
    const latencies: number[] = [];
    let errors = 0;
    const end = performance.now() + seconds * 1000;
    const worker = async () => {
      while (performance.now() < end) {
        const started = performance.now();
        const ok = await postOnce(agent, url, body, headers);
        if (record) latencies.push(performance.now() - started);
        if (!ok) errors += 1;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    return { latencies, errors, elapsed: (performance.now() - started) / 1000 };
  };
  await run(options.warmupSeconds ?? 1, false);
  const { latencies, errors, elapsed } = await run(options.seconds, true);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    concurrency: options.concurrency,
    requests: latencies.length,
    errors,
    seconds: round(elapsed),
    requestsPerSecond: round(latencies.length / elapsed),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
  };
}
