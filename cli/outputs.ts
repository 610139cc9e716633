/**
 * Where the API lives, from `amplify_outputs.json`: the file `npm start` writes for the local engine and
 * `npm run amplify-outputs` writes for a deployed stack. Both have the same shape, so nothing here knows
 * which one it reads, apart from the loopback rules of the local engine (see `endpointsFrom`).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { toLoopbackWs } from '../local/client/websocket.js';
import { CliError, EXIT } from './errors.js';
import type { Env } from './terminal.js';

export interface Endpoints {
  /** The file the endpoints came from (for messages). */
  file: string;
  graphqlUrl: string;
  realtimeUrl: string;
  region: string;
  apiKey?: string;
  userPool?: { id: string; clientId: string; endpoint: string };
  /** The local engine's outbox; only a loopback API has one. */
  outboxUrl?: string;
}

interface AmplifyOutputs {
  data?: { url?: unknown; aws_region?: unknown; api_key?: unknown };
  auth?: { user_pool_id?: unknown; user_pool_client_id?: unknown; aws_region?: unknown };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopback(url: URL): boolean {
  return LOOPBACK.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

/**
 * The real-time URL as Amplify derives it: AppSync's own domains swap `appsync-api` for
 * `appsync-realtime-api`; any other domain gets `/realtime` appended. Amplify always uses wss://; the local
 * engine serves ws:// on loopback (the README's loopback rewrite).
 */
export function realtimeUrlFor(graphqlUrl: URL): string {
  const appsync = /^([\w-]+)\.appsync-api\.([\w-]+)\.amazonaws\.com(\.cn)?$/.exec(graphqlUrl.hostname);
  const url = new URL(graphqlUrl.href);
  url.protocol = 'wss:';
  if (appsync) url.hostname = graphqlUrl.hostname.replace('.appsync-api.', '.appsync-realtime-api.');
  else url.pathname = `${url.pathname.replace(/\/+$/, '')}/realtime`;
  return toLoopbackWs(url.href);
}

/**
 * Cognito's endpoint for the pool's region; the local engine serves its Cognito stand-in at `/cognito` next to
 * its GraphQL endpoint (the `userPoolEndpoint` the README gives Amplify). TURNBASE_COGNITO_ENDPOINT overrides both.
 */
function cognitoEndpointFor(graphqlUrl: URL, region: string, env: Env): string {
  if (env.TURNBASE_COGNITO_ENDPOINT) return env.TURNBASE_COGNITO_ENDPOINT;
  if (isLoopback(graphqlUrl)) return `${graphqlUrl.origin}/cognito`;
  return `https://cognito-idp.${region}.amazonaws.com/`;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** `env` is the run's environment, for TURNBASE_COGNITO_ENDPOINT. */
export function endpointsFrom(outputs: AmplifyOutputs, file: string, env: Env): Endpoints {
  const url = text(outputs.data?.url);
  if (!url) throw new CliError(`${file} has no data.url: is it an amplify_outputs.json for a GraphQL API?`, EXIT.setup);
  let graphqlUrl: URL;
  try {
    graphqlUrl = new URL(url);
  } catch {
    throw new CliError(`${file}: data.url "${url}" is not a URL.`, EXIT.setup);
  }
  const region = text(outputs.data?.aws_region) ?? text(outputs.auth?.aws_region) ?? 'us-east-1';
  const poolId = text(outputs.auth?.user_pool_id);
  const clientId = text(outputs.auth?.user_pool_client_id);
  return {
    file,
    graphqlUrl: graphqlUrl.href,
    realtimeUrl: realtimeUrlFor(graphqlUrl),
    region,
    apiKey: text(outputs.data?.api_key),
    userPool: poolId && clientId ? { id: poolId, clientId, endpoint: cognitoEndpointFor(graphqlUrl, text(outputs.auth?.aws_region) ?? region, env) } : undefined,
    outboxUrl: isLoopback(graphqlUrl) ? `${graphqlUrl.origin}/outbox` : undefined,
  };
}

/** `--outputs FILE`, else TURNBASE_OUTPUTS (from the run's `env`), else `amplify_outputs.json` in the working directory. */
export function loadEndpoints(path: string | undefined, env: Env): Endpoints {
  const given = path ?? env.TURNBASE_OUTPUTS;
  const file = resolve(given ?? 'amplify_outputs.json');
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    throw new CliError(
      given ? `Cannot read ${file}.` : `No amplify_outputs.json in this directory: start the local engine with \`npm start\`, or pass --outputs FILE.`,
      EXIT.setup,
    );
  }
  try {
    return endpointsFrom(JSON.parse(raw) as AmplifyOutputs, file, env);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${file} is not valid JSON.`, EXIT.setup);
  }
}
