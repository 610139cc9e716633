/**
 * The store behind a DynamoDB endpoint (DynamoDB Local, or AWS) without the AWS SDK: the request, already
 * in DynamoDB's JSON protocol, is signed with SigV4 and posted as it is. The SDK would turn it into its own
 * shapes and back (serialization, a dozen middleware steps, its logging filters) for nothing: on a small
 * GetItem that cost more than the engine's own work. Used when the credentials are static (environment
 * keys, or the dummies local stores accept); anything else (a profile, web identity) keeps the SDK and its
 * credential chain (client.ts).
 * Answers and failures are the in-process store's (store.ts), which mirror the SDK's; failures the SDK
 * retries by default (throttling, 5xx, a connection that broke) are retried as it does: 3 attempts in all.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { sha256Hex, sigV4Signature, sigV4SigningKey } from '../auth/sigv4.js';
import { parseAnswer, storeFailure, type DynamoStore, type StoreOperation, type StoreOutputs } from './store.js';

export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const MAX_ATTEMPTS = 3;
/** The SDK's standard strategy: a random delay up to 100 ms × 2^attempt (capped at 20 s). */
const BASE_DELAY_MS = 100;
const THROTTLING = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'LimitExceededException',
  'TransactionInProgressException',
  'Throttling',
  'SlowDown',
]);
const TRANSIENT_NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);

/** Whether the SDK's default retry strategy would try this failure again. */
function retryable(error: unknown): boolean {
  const { name, code, $metadata } = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = $metadata?.httpStatusCode;
  if (status === undefined) return typeof code === 'string' && TRANSIENT_NETWORK.has(code);
  return status >= 500 || status === 429 || (name !== undefined && THROTTLING.has(name));
}

export function httpStore(endpoint: string, region: string, credentials: StaticCredentials): DynamoStore & { close(): void } {
  const url = new URL(endpoint);
  const secure = url.protocol === 'https:';
  const send = secure ? httpsRequest : request;
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new Agent({ keepAlive: true });
  const path = url.pathname || '/';
  const scope = (day: string) => `${day}/${region}/dynamodb/aws4_request`;
  // The signing key depends on the day only: derived once a day instead of four HMACs per request.
  let signingDay = '';
  let signingKey: Buffer = Buffer.alloc(0);
  const keyFor = (day: string): Buffer => {
    if (day !== signingDay) {
      signingKey = sigV4SigningKey(credentials.secretAccessKey, day, region, 'dynamodb');
      signingDay = day;
    }
    return signingKey;
  };

  /** The headers of one signed POST (SigV4: method, path, signed headers and the body's hash). */
  const signedHeaders = (target: string, body: string): Record<string, string> => {
    const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const day = amzDate.slice(0, 8);
    const headers: Record<string, string> = {
      'content-type': 'application/x-amz-json-1.0',
      host: url.host,
      'x-amz-date': amzDate,
      ...(credentials.sessionToken ? { 'x-amz-security-token': credentials.sessionToken } : {}),
      'x-amz-target': target,
    };
    const names = Object.keys(headers).sort();
    const canonical = ['POST', path, '', ...names.map((name) => `${name}:${headers[name]}`), '', names.join(';'), sha256Hex(body)].join('\n');
    const signature = sigV4Signature(keyFor(day), amzDate, scope(day), canonical).toString('hex');
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope(day)}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
    headers['content-length'] = String(Buffer.byteLength(body));
    return headers;
  };

  /** `tries`: the SDK's unsigned headers naming the call and its attempt, which proxies and logs go by. */
  const post = (target: string, body: string, tries: Record<string, string>): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const headers = Object.assign(signedHeaders(target, body), tries);
      const call = send({ agent, hostname: url.hostname, port: url.port, path, method: 'POST', headers }, (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const requestId = res.headers['x-amzn-requestid'];
          const id = typeof requestId === 'string' ? requestId : undefined;
          if (res.statusCode !== 200) return reject(storeFailure(res.statusCode ?? 500, id, text));
          try {
            const output = parseAnswer(text);
            output.$metadata = { httpStatusCode: 200, requestId: id };
            resolve(output);
          } catch (error) {
            reject(error);
          }
        });
      });
      call.on('error', reject);
      call.end(body);
    });

  return {
    protocol: 'DynamoDB_20120810',
    close: () => agent.destroy(),
    async send<O extends StoreOperation>(operation: O, input: object) {
      const target = `DynamoDB_20120810.${operation}`;
      const body = JSON.stringify(input);
      const invocation = randomUUID();
      for (let attempt = 1; ; attempt += 1) {
        try {
          const tries = { 'amz-sdk-invocation-id': invocation, 'amz-sdk-request': `attempt=${attempt}; max=${MAX_ATTEMPTS}` };
          return (await post(target, body, tries)) as unknown as StoreOutputs[O];
        } catch (error) {
          if (attempt >= MAX_ATTEMPTS || !retryable(error)) throw error;
          await new Promise((done) => setTimeout(done, Math.random() * Math.min(20_000, BASE_DELAY_MS * 2 ** attempt)));
        }
      }
    },
  };
}
