/**
 * `npm start` (and `npm run dev`, which adds --watch): serves the project's API description on
 * 127.0.0.1:4000 with every stand-in embedded. `--help` lists the options (local/startup/args.ts).
 * A start-up failure is one line on stderr and exit code 2 (local/startup/failure.ts).
 */
import { parseCli, USAGE, type CliOptions } from './startup/args.js';
import { describeStartFailure } from './startup/failure.js';
import { claimOutputsFile, refuseSharedDataDir, type OutputsFile } from './startup/outputs-file.js';
import type { RunningEngine } from './engine.js';
import { relative } from 'node:path';

// package-lock pins the AWS SDK, so its notice about future Node versions is only noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const OUTPUTS = 'amplify_outputs.json';
const argv = process.argv.slice(2);
const context = { api: 'api.ts', port: Number(process.env.PORT ?? 4000), host: process.env.HOST ?? '127.0.0.1', dataDir: '.turnbase' as string | null };

async function start(options: CliOptions): Promise<{ engine: RunningEngine; outputs: OutputsFile }> {
  const dataDir = options.memory ? null : options.dataDir;
  Object.assign(context, { api: options.api, port: options.port, host: options.host, dataDir });
  refuseSharedDataDir(OUTPUTS, dataDir);
  // Loaded only now, so --help and a mistyped flag answer at once.
  const { startEngine } = await import('./engine.js');
  const engine = await startEngine({
    descriptionPath: options.api,
    port: options.port,
    host: options.host,
    dataDir,
    verbose: options.verbose,
    requestLog: !options.quiet,
    isolation: options.freshContext ? 'context-per-call' : 'shared-realm',
    amplifyOutputsPath: false,
  });
  const outputs = claimOutputsFile(OUTPUTS, { url: engine.url, port: Number(new URL(engine.url).port), dataDir });
  outputs.write(engine.amplifyOutputs);
  return { engine, outputs };
}

function banner(engine: RunningEngine, outputs: OutputsFile, options: CliOptions): string {
  return [
    `turnbase local engine: ${engine.api.description.name}`,
    `  GraphQL     ${engine.graphqlUrl}`,
    `  Real-time   ${engine.realtimeUrl}`,
    `  Outbox      ${engine.outboxUrl}`,
    ...(engine.api.description.web ? [`  Web app     ${engine.url}${engine.api.description.web.path}/ (built on first visit)`] : []),
    `  API key     ${engine.apiKey}`,
    ...(engine.userPool ? [`  User pool   ${engine.userPool.id} (client ${engine.userPool.clientId}, endpoint ${engine.userPool.endpoint})`] : []),
    `  Client config written to ${outputs.path} (also at ${engine.url}/amplify_outputs.json)`,
    ...(outputs.note ? [`  Note        ${outputs.note}`] : []),
    `  State       ${options.memory ? 'in memory (--memory): nothing is kept, a new API key and user pool each start' : options.dataDir}`,
  ].join('\n');
}

/** --watch: one line per reload, saying what was rebuilt or why the last good API is still served. */
async function watch(engine: RunningEngine, outputs: OutputsFile, options: CliOptions): Promise<void> {
  const { watchApi } = await import('./dev/watch.js');
  let written = JSON.stringify(engine.amplifyOutputs);
  watchApi(engine, {
    descriptionPath: options.api,
    onReload(result) {
      if (JSON.stringify(engine.amplifyOutputs) !== written) {
        written = JSON.stringify(engine.amplifyOutputs);
        outputs.write(engine.amplifyOutputs);
      }
      const rebuilt = result.built.length > 0 ? `rebuilt ${result.built.map((f) => relative(process.cwd(), f)).join(', ')}` : 'no bundle changed';
      console.error(`[dev] reloaded in ${Math.round(result.ms)} ms: ${rebuilt}`);
    },
    onError(error) {
      console.error(`[dev] reload failed, still serving the last good API: ${describeStartFailure(error, context).replace(/ \(--debug shows the stack\)\.$/, '.')}`);
      if (options.debug && error instanceof Error && error.stack) console.error(error.stack);
    },
  });
  console.error('  Watching    the description, schema, resolvers and functions (--watch): edits swap the API in place');
}

let running: { engine: RunningEngine; outputs: OutputsFile };
let shutdownGraceMs = 10_000;
try {
  const options = parseCli(argv);
  if (options.help) {
    console.log(USAGE);
    process.exit(0);
  }
  shutdownGraceMs = options.shutdownGraceMs;
  running = await start(options);
  console.error(banner(running.engine, running.outputs, options));
  if (options.watch) await watch(running.engine, running.outputs, options);
} catch (error) {
  console.error(describeStartFailure(error, context));
  if (argv.includes('--debug') && error instanceof Error && error.stack) console.error(error.stack);
  process.exit(2);
}

/** First signal: drain and flush, exit 0. Second signal: exit at once, without waiting on anyone. */
let stopping = false;
const stop = (signal: NodeJS.Signals): void => {
  if (stopping) {
    console.error(`${signal} again: exiting now, without waiting for requests in flight.`);
    process.exit(1);
  }
  stopping = true;
  console.error(`${signal}: shutting down (new requests get 503; requests in flight have ${shutdownGraceMs / 1000} s to finish; ${signal} again exits at once).`);
  running.outputs.release();
  running.engine.close({ graceMs: shutdownGraceMs }).then(
    () => {
      console.error('Stopped.');
      process.exit(0);
    },
    (error: unknown) => {
      console.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
