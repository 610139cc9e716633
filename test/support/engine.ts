/** Starts the local engine for tests: in memory, on a free port, with its own table names. */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { startEngine, type EngineOptions, type RunningEngine } from '../../local/index.js';
import { loadOrCreateSigningKey, type SigningKey } from '../../local/cognito/signing-key.js';

export const fixtureApi = 'test/fixture-api/api.ts';

let signingKey: SigningKey | undefined;

/**
 * One user-pool signing key for the in-memory engines of this test process (a new RSA key is about 0.2 s of CPU).
 * Engines never accept each other's tokens all the same: each pool has its own issuer and client id.
 */
export function testSigningKey(): SigningKey {
  signingKey ??= loadOrCreateSigningKey(null);
  return signingKey;
}

export async function startTestEngine(options: Partial<EngineOptions> = {}): Promise<RunningEngine> {
  return startEngine({
    descriptionPath: fixtureApi,
    port: 0,
    dataDir: null,
    // With TURNBASE_DYNAMODB_ENDPOINT set, every test run shares one DynamoDB: keep their tables apart.
    tablePrefix: `t${randomBytes(4).toString('hex')}-`,
    log: () => {},
    memorySigningKey: testSigningKey(),
    ...options,
  });
}

export interface GraphQLAnswer {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: Array<Record<string, unknown>> };
}

/**
 * Connections kept for the next request, and an idle one closed after a second, well before the engine's keep-alive
 * timeout (5 s), so a request never goes out on a connection the engine is closing.
 */
const agent = new Agent({ keepAlive: true, timeout: 1000 });

/**
 * One POST over node:http, not fetch: the suite sends thousands of requests, and fetch costs about a millisecond of CPU
 * more for each.
 */
export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<GraphQLAnswer> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers, 'content-length': Buffer.byteLength(text) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const answerHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          for (const one of Array.isArray(value) ? value : [value ?? '']) answerHeaders.append(name, one);
        }
        try {
          resolve({ status: response.statusCode ?? 0, headers: answerHeaders, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as GraphQLAnswer['body'] });
        } catch (error) {
          reject(error);
        }
      });
    });
    outgoing.on('error', reject);
    outgoing.end(text);
  });
}

/** A GraphQL client for one engine and one set of credentials. */
export function client(engine: RunningEngine, headers: Record<string, string>) {
  return (query: string, variables: Record<string, unknown> = {}) => post(engine.graphqlUrl, { query, variables }, headers);
}
