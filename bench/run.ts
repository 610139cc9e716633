/** `npm run bench`: every benchmark in one run; figures go to bench/results/ (JSON and markdown). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { benchEngine, engineTable } from './engine.js';
import { benchMoves, movesTable } from './moves.js';
import { benchRealtime, realtimeTables } from './realtime.js';
import { benchSoak, soakTable } from './soak.js';
import { benchStart, startTable } from './start.js';

// As `npm start` and the tests: package-lock pins the AWS SDK, so its notice about future Node versions is only
// noise among the figures; the servers the benchmarks spawn inherit this.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
mkdirSync('bench/results', { recursive: true });
const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', date: new Date().toISOString() };

// BENCH_ONLY=engine|moves|realtime|start|soak (comma-separated) runs only those parts; soak (minutes long) runs only when named.
const only = process.env.BENCH_ONLY?.split(',');
const runs = (part: string) => only === undefined || only.includes(part);

if (runs('engine')) {
  const rows = await benchEngine(seconds);
  writeFileSync('bench/results/engine.json', `${JSON.stringify({ machine, secondsPerRun: seconds, rows }, null, 2)}\n`);
  const markdown = `# Engine vs plain graphql-js\n\n${engineTable(rows)}\n\nTarget: the engine keeps at least 70% of the baseline's throughput (95% for the GetItem query).\n`;
  writeFileSync('bench/results/engine.md', markdown);
  console.log(markdown);
}

if (runs('moves')) {
  const rows = await benchMoves(seconds);
  writeFileSync('bench/results/moves.json', `${JSON.stringify({ machine, secondsPerRun: seconds, rows }, null, 2)}\n`);
  const markdown =
    `# A move: engine makeMove vs the raw conditional UpdateItem\n\n${movesTable(rows)}\n\n` +
    "Players alternate on 5×20 games, each game between its own two players; each worker's first game starts partly played, so the games are at different points of their course. In the last row every game is between the same two players, " +
    "so game ends settle on the same two player records. A game-ending move also reads and settles both players' records. The engine serves the Nim API in a child process (everything embedded, in memory, no request log); " +
    "the raw store is the seed's performMove, one conditional UpdateItem through the AWS SDK against dynalite in the benchmark's process. " +
    'Targets: makeMove at 16 games at once (each between its own players) at least 40% of the raw rate with p99 at most 50 ms; one at a time p50 at most 5 ms.\n';
  writeFileSync('bench/results/moves.md', markdown);
  console.log(markdown);
}

if (runs('realtime')) {
  const realtime = await benchRealtime();
  writeFileSync('bench/results/realtime.json', `${JSON.stringify({ machine, ...realtime }, null, 2)}\n`);
  const markdown = `# Real-time delivery and idle connections\n\n${realtimeTables(realtime)}\n\nLatency is per subscriber and per move, measured from the moment the makeMove request was sent: it includes the whole mutation (its DynamoDB calls) and the fan-out. "From response" is measured from makeMove's answer; the engine writes the data frames before it answers, so it is often negative. "Fan-out spread" is how long after the first subscriber the last ones got the same frame (both ends on one machine, so it includes the bench's own parsing of every frame). Targets: p99 from the request under 50 ms at 1,000 subscribers; 10,000 idle connections under 1 GiB.\n`;
  writeFileSync('bench/results/realtime.md', markdown);
  console.log(markdown);
}

if (runs('start')) {
  const rows = await benchStart();
  writeFileSync('bench/results/start.json', `${JSON.stringify({ machine, rows }, null, 2)}\n`);
  const markdown =
    `# Start-up\n\n${startTable(rows)}\n\n` +
    '`npm start -- --memory` from spawning node to the banner (the engine listens then). Cold: no bundle cache and no engine cache, so esbuild bundles every resolver, function and the runtime library. ' +
    'Warm: an unchanged tree, every bundle from the cache. CPU time is the engine process\'s own (user + system), which says more than wall time when other work shares the cores. ' +
    'Target: a warm start ready in 1.5 s or less.\n';
  writeFileSync('bench/results/start.md', markdown);
  console.log(markdown);
}

if (only?.includes('soak')) {
  const result = await benchSoak();
  writeFileSync('bench/results/soak.json', `${JSON.stringify({ machine, ...result }, null, 2)}\n`);
  const markdown =
    `# Memory under a long fuzz\n\n${soakTable(result)}\n\n` +
    '`npm start -- --memory` (request log on) in a child process; 16 clients send a deterministic mix: 30% typed operations of client/ (a player\'s queries, addItem, moves against the computer), ' +
    '20% the same documents mutated (a new operation name and alias each time, so every text is new), 20% invalid documents, 15% odd bodies, content types and credentials, 15% the stand-ins\' endpoints and unknown paths. ' +
    'RSS is the engine process\'s resident set (/proc). Ceiling: 350 MiB after 100,000 requests (README).\n';
  writeFileSync('bench/results/soak.md', markdown);
  console.log(markdown);
}
