/** `npm run bench`: every benchmark in one run; figures go to bench/results/ (JSON and markdown). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { benchEngine, engineTable } from './engine.js';
import { benchRealtime, realtimeTables } from './realtime.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
mkdirSync('bench/results', { recursive: true });
const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', date: new Date().toISOString() };

const only = process.env.BENCH_ONLY; // 'engine' or 'realtime' to run one part
const engineRows = only === 'realtime' ? [] : await benchEngine(seconds);
if (only !== 'realtime') writeFileSync('bench/results/engine.json', `${JSON.stringify({ machine, secondsPerRun: seconds, rows: engineRows }, null, 2)}\n`);
const engineMarkdown = `# Engine vs plain graphql-js\n\n${engineTable(engineRows)}\n\nTarget: the engine keeps at least 70% of the baseline's throughput.\n`;
if (only !== 'realtime') writeFileSync('bench/results/engine.md', engineMarkdown);
console.log(engineMarkdown);

if (only !== 'engine') {
const realtime = await benchRealtime();
writeFileSync('bench/results/realtime.json', `${JSON.stringify({ machine, ...realtime }, null, 2)}\n`);
const realtimeMarkdown = `# Real-time delivery and idle connections\n\n${realtimeTables(realtime)}\n\nLatency is per subscriber and per move. The engine writes the data frames before it answers the mutation, so "from response" is often negative: the frame arrived first. "From request" adds the whole makeMove (a pipeline of DynamoDB writes); "fan-out spread" is how long after the first subscriber the last ones got the same frame (both ends on one machine, so it includes the bench's own parsing of every frame). Targets: p99 under 50 ms at 1,000 subscribers; 10,000 idle connections under 1 GiB.\n`;
writeFileSync('bench/results/realtime.md', realtimeMarkdown);
console.log(realtimeMarkdown);
}
