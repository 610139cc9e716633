/** Starts the local engine for tests: in memory, on a free port, with its own table names. */
import { randomBytes } from 'node:crypto';
import { startEngine, type EngineOptions, type RunningEngine } from '../../local/index.js';

export const fixtureApi = 'test/fixture-api/api.ts';

export async function startTestEngine(options: Partial<EngineOptions> = {}): Promise<RunningEngine> {
  return startEngine({
    descriptionPath: fixtureApi,
    port: 0,
    dataDir: null,
    // With TURNBASE_DYNAMODB_ENDPOINT set, every test run shares one DynamoDB: keep their tables apart.
    tablePrefix: `t${randomBytes(4).toString('hex')}-`,
    log: () => {},
    ...options,
  });
}

export interface GraphQLAnswer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: Array<Record<string, unknown>> };
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<GraphQLAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLAnswer['body'] };
}

/** A GraphQL client for one engine and one set of credentials. */
export function client(engine: RunningEngine, headers: Record<string, string>) {
  return (query: string, variables: Record<string, unknown> = {}) => post(engine.graphqlUrl, { query, variables }, headers);
}
