/**
 * The headers a resolver sees in `ctx.request.headers`, built as AppSync builds them.
 *
 * What AppSync hands resolvers was observed, not documented in full: real events (Lambda resolvers
 * receiving the whole context, e.g. the sample events of aws-powertools/powertools-lambda-python)
 * carry every header the client sent, names lower-cased, with `authorization`, `x-api-key`, `host`
 * and `content-length` kept, but no hop-by-hop header (`connection`, …), plus what the proxies in
 * front of AppSync add: `x-forwarded-for` (the client, then the proxy), `x-forwarded-proto`,
 * `x-forwarded-port`, `x-amzn-trace-id`, and CloudFront's `via`, `x-amz-cf-id` and `cloudfront-*`
 * viewer headers. `ctx.request.domainName` is the custom domain the call came through, else null.
 *
 * Locally no proxy stands in front, so:
 *  - hop-by-hop headers are dropped; [U] the exact list is RFC 9110's (CloudFront's is not published in full);
 *  - `x-forwarded-for` is the client's own list, if any, followed by the TCP peer, and
 *    `x-forwarded-proto`/`x-forwarded-port` name the scheme and port the engine was reached on;
 *  - `x-amzn-trace-id` is a new X-Ray root id unless the client sent one;
 *  - [U] CloudFront's headers are not invented: there is no CDN, and no viewer country to tell.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/**
 * Random bits for trace ids, drawn from the system 4 KiB at a time: one randomBytes call per request cost
 * more than the rest of a small query's header handling (as randomUUID, Node keeps a pool).
 */
const TRACE_RANDOM_BYTES = 12;
const TRACE_POOL_IDS = Math.floor(4096 / TRACE_RANDOM_BYTES);
let tracePool = Buffer.alloc(0);
let tracePoolNext = TRACE_POOL_IDS;

function traceRandomHex(): string {
  if (tracePoolNext >= TRACE_POOL_IDS) {
    tracePool = randomBytes(TRACE_RANDOM_BYTES * TRACE_POOL_IDS);
    tracePoolNext = 0;
  }
  const start = tracePoolNext * TRACE_RANDOM_BYTES;
  tracePoolNext += 1;
  return tracePool.toString('hex', start, start + TRACE_RANDOM_BYTES);
}

/** An X-Ray trace header: `Root=1-<epoch seconds, 8 hex>-<96 random bits, 24 hex>`. */
export function newTraceId(now = Date.now()): string {
  const seconds = Math.floor(now / 1000).toString(16).padStart(8, '0');
  return `Root=1-${seconds}-${traceRandomHex()}`;
}

export interface RequestFacts {
  /** Header names as Node gives them (lower-case), repeated headers already joined or in arrays. */
  headers: IncomingMessage['headers'];
  peerAddress: string | undefined;
  localPort: number | undefined;
  encrypted: boolean;
}

/** The usual Connection values, which name no other header: the list is split only when it may. */
const plainConnection = new Set(['keep-alive', 'close']);
const noNames: string[] = [];

export function resolverRequestHeaders(facts: RequestFacts): Record<string, string> {
  const headers: Record<string, string> = {};
  // A `Connection: x-foo` header names more hop-by-hop headers of this one request.
  const connection = String(facts.headers.connection ?? '').toLowerCase();
  const named =
    connection === '' || plainConnection.has(connection)
      ? noNames
      : connection
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean);
  const given = facts.headers;
  for (const name of Object.keys(given)) {
    const value = given[name];
    if (value === undefined || hopByHop.has(name) || named.includes(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const peer = facts.peerAddress ?? '127.0.0.1';
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${peer}` : peer;
  headers['x-forwarded-proto'] = facts.encrypted ? 'https' : 'http';
  if (facts.localPort !== undefined) headers['x-forwarded-port'] = String(facts.localPort);
  headers['x-amzn-trace-id'] ??= newTraceId();
  return headers;
}

export function requestFacts(req: IncomingMessage): RequestFacts {
  return {
    headers: req.headers,
    peerAddress: req.socket.remoteAddress,
    localPort: req.socket.localPort,
    encrypted: (req.socket as Partial<TLSSocket>).encrypted === true,
  };
}
