/** The command line of `npm start` and `npm run dev`: options, usage text and parsing. */
import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm start -- [options]      (npm run dev: the same with --watch)

  --memory             keep nothing; a new API key and user pool on every start (default: state under .turnbase/)
  --data-dir <dir>     where state lives (default .turnbase)
  --api <file>         the API description (default api.ts)
  --port <n>           port to listen on (default 4000, or PORT; 0 picks a free one)
  --host <h>           127.0.0.1, localhost or ::1 (default 127.0.0.1, or HOST)
  --watch              swap the API in place when a resolver, the schema, the description or a function changes
  --verbose            log each resolver's request and response objects
  --quiet              no per-request log lines
  --shutdown-grace <s> on SIGTERM/SIGINT, how long requests in flight may take to finish (default 10); a second signal exits at once
  --fresh-context      a new node:vm context for every handler call (slower; see local/runtime/sandbox.ts)
  --debug              print the stack trace of a start-up failure
  --help               print this text

TURNBASE_DYNAMODB_ENDPOINT points the engine at another DynamoDB (DynamoDB Local, AWS).`;

export interface CliOptions {
  help: boolean;
  memory: boolean;
  dataDir: string;
  api: string;
  port: number;
  host: string;
  watch: boolean;
  verbose: boolean;
  quiet: boolean;
  freshContext: boolean;
  debug: boolean;
  /** Milliseconds requests in flight get to finish after SIGTERM/SIGINT. */
  shutdownGraceMs: number;
}

/** A mistake on the command line: the message is the whole story, so no stack is ever shown. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const LOOPBACK = ['127.0.0.1', 'localhost', '::1'];

export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        help: { type: 'boolean', short: 'h', default: false },
        memory: { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        api: { type: 'string', default: 'api.ts' },
        port: { type: 'string' },
        host: { type: 'string' },
        watch: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        'fresh-context': { type: 'boolean', default: false },
        'shutdown-grace': { type: 'string', default: '10' },
        debug: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(`${parseArgsMessage(error as Error)} Run with --help for the options.`);
  }
  const port = Number(values.port ?? env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`Invalid port "${values.port ?? env.PORT}": use a number from 0 to 65535 (--port or PORT).`);
  }
  const host = values.host ?? env.HOST ?? '127.0.0.1';
  if (!LOOPBACK.includes(host)) {
    // The stand-ins trust their callers (admin calls, the outbox): they are meant for this machine only.
    throw new UsageError(`Refusing to listen on "${host}": the local engine serves loopback only (127.0.0.1, localhost or ::1).`);
  }
  const grace = Number(values['shutdown-grace']);
  if (!Number.isFinite(grace) || grace < 0) throw new UsageError(`Invalid --shutdown-grace "${values['shutdown-grace']}": use a number of seconds, 0 or more.`);
  return {
    help: values.help,
    memory: values.memory,
    dataDir: values['data-dir'] ?? '.turnbase',
    api: values.api,
    port,
    host,
    watch: values.watch,
    verbose: values.verbose,
    quiet: values.quiet,
    freshContext: values['fresh-context'],
    debug: values.debug,
    shutdownGraceMs: grace * 1000,
  };
}

/** node's parseArgs may explain itself in several sentences; the first names the mistake. */
function parseArgsMessage(error: Error): string {
  const first = error.message.split('\n')[0].split('. ')[0];
  return first.endsWith('.') ? first : `${first}.`;
}
