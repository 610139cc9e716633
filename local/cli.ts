/**
 * `npm start`: serves the project's API description on 127.0.0.1:4000 with every stand-in embedded.
 *   --memory            keep nothing (default: state under .turnbase/)
 *   --data-dir <dir>    where state lives
 *   --api <file>        the API description (default api.ts)
 *   --port <n> --host <h>  (also PORT, HOST)
 *   --verbose           log each resolver's request and response objects
 *   --quiet             no per-request log lines
 *   --fresh-context     a new node:vm context for every handler call (slower; see local/runtime/sandbox.ts)
 * TURNBASE_DYNAMODB_ENDPOINT points the engine at another DynamoDB (DynamoDB Local, AWS).
 */
import { parseArgs } from 'node:util';
import { startEngine } from './engine.js';

// package-lock pins the AWS SDK, so its notice about future Node versions is only noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    memory: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    api: { type: 'string', default: 'api.ts' },
    port: { type: 'string' },
    host: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    'fresh-context': { type: 'boolean', default: false },
  },
});

const port = Number(values.port ?? process.env.PORT ?? 4000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port "${values.port ?? process.env.PORT}": use a number from 0 to 65535.`);
  process.exit(2);
}

const host = values.host ?? process.env.HOST ?? '127.0.0.1';
if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
  // The stand-ins trust their callers (admin calls, the outbox): they are meant for this machine only.
  console.error(`Refusing to listen on "${host}": the local engine serves loopback only (127.0.0.1, localhost or ::1).`);
  process.exit(2);
}

const engine = await startEngine({
  descriptionPath: values.api,
  port,
  host,
  dataDir: values.memory ? null : (values['data-dir'] ?? '.turnbase'),
  verbose: values.verbose,
  requestLog: !values.quiet,
  isolation: values['fresh-context'] ? 'context-per-call' : 'shared-realm',
  amplifyOutputsPath: 'amplify_outputs.json',
});

console.error(
  [
    `turnbase local engine: ${engine.api.description.name}`,
    `  GraphQL     ${engine.graphqlUrl}`,
    `  Real-time   ${engine.realtimeUrl}`,
    `  Outbox      ${engine.outboxUrl}`,
    `  API key     ${engine.apiKey}`,
    ...(engine.userPool ? [`  User pool   ${engine.userPool.id} (client ${engine.userPool.clientId}, endpoint ${engine.userPool.endpoint})`] : []),
    `  Client config written to amplify_outputs.json (also at ${engine.url}/amplify_outputs.json)`,
    `  State       ${values.memory ? 'in memory (--memory): nothing is kept' : (values['data-dir'] ?? '.turnbase')}`,
  ].join('\n'),
);

const stop = (): void => {
  engine.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
