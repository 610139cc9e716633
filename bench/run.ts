/** `npm run bench`: every benchmark in one run; figures go to bench/results/ (JSON and markdown). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { benchEngine, engineTable } from './engine.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
mkdirSync('bench/results', { recursive: true });
const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', date: new Date().toISOString() };

const engineRows = await benchEngine(seconds);
writeFileSync('bench/results/engine.json', `${JSON.stringify({ machine, secondsPerRun: seconds, rows: engineRows }, null, 2)}\n`);
const engineMarkdown = `# Engine vs plain graphql-js\n\n${engineTable(engineRows)}\n\nTarget: the engine keeps at least 70% of the baseline's throughput.\n`;
writeFileSync('bench/results/engine.md', engineMarkdown);
console.log(engineMarkdown);
