/**
 * The engine's one HTTP port: GraphQL (`/graphql`), real-time upgrades (`/graphql/realtime`), the
 * Cognito and SNS stand-ins (`/cognito`, `/sns`: the endpoints the SDKs are pointed at), JWKS, the
 * outbox and the client configuration.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Executor, OperationResult } from '../graphql/executor.js';
import { httpErrorBody } from '../graphql/errors.js';
import { handleEvaluateCode } from '../evaluate-code/evaluate.js';
import { isSigV4 } from '../auth/sigv4.js';
import { createDrain } from './drain.js';
import { requestLogLine } from './log.js';
import { requestFacts, resolverRequestHeaders } from './request-headers.js';

export interface StandInResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface HttpApp {
  executor: Executor;
  /** Answers Cognito's JSON protocol (`X-Amz-Target: AWSCognitoIdentityProviderService.*`). */
  cognito?: {
    handle(target: string, body: string): Promise<StandInResponse>;
    /** Path prefix of the pool's well-known documents, e.g. `/us-east-1_abc`. */
    poolPath: string;
    jwks(): unknown;
    openidConfiguration(): unknown;
  };
  /** Answers SNS's query protocol (form-encoded `Action=...`). */
  sns?: {
    handle(body: string, contentType: string): Promise<StandInResponse>;
    outbox(filter: { recipient?: string }): unknown[];
  };
  /** Answers EventBridge Scheduler's REST-JSON API under `/scheduler` (every method: the API uses POST, PUT, GET, DELETE). */
  scheduler?: { handle(method: string, path: string, query: URLSearchParams, body: string): StandInResponse };
  realtime?: { handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void };
  /** The local console at `/` and its read-only views under `/console/` (local/console). */
  console?: { serves(pathname: string): boolean; handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> };
  amplifyOutputs(): unknown;
  /** Static files (the description's web app); answers false when the path is not its own. */
  staticFiles?(pathname: string, requestHeaders: IncomingHttpHeaders, res: ServerResponse): Promise<boolean>;
  maxBodyBytes: number;
  /** One line per request (AppSync's request log); off, the engine formats none. */
  requestLog: boolean;
  verbose: boolean;
  log(line: string): void;
}

/** What a browser reads on an answer to a cross-origin request: who may read it, and which of its headers. */
const corsHeaders: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'x-amzn-errortype, x-amzn-requestid',
};

/**
 * What a browser reads only on the answer to its preflight (OPTIONS): the methods and headers it may send, and
 * how long it may remember that. Sent on every answer, they were most of its headers' bytes, and 16 NONE queries
 * at once went 5 to 8% faster without them.
 */
const preflightHeaders: Record<string, string> = {
  ...corsHeaders,
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers':
    'content-type, x-api-key, authorization, x-amz-date, x-amz-security-token, x-amz-user-agent, x-amz-target, amz-sdk-invocation-id, amz-sdk-request, cache-control',
  'access-control-max-age': '86400',
};

class BodyTooLarge extends Error {}
/** The client went away before its request was read: nothing to answer and nothing to report loudly. */
class ClientAborted extends Error {}

/**
 * Reads the body up to `limit` bytes. Beyond it (or with a Content-Length above it) it stops reading at
 * once: the caller answers 413 and drops the connection, so a huge body is never read to its end.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Listeners written where they are passed: under tsx (esbuild's keepNames) a closure held in a named constant
    // costs a defineProperty of its name each time it is made, here on every request.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return stopReading(req, reject);
      chunks.push(chunk);
    });
    if (Number(req.headers['content-length'] ?? 0) > limit) return stopReading(req, reject);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    // A closed tab or a client that gave up: Node reports it as an 'aborted' ECONNRESET.
    req.on('error', (error: NodeJS.ErrnoException) => reject(req.destroyed || error.code === 'ECONNRESET' ? new ClientAborted() : error));
  });
}

/** A body beyond the limit: no more of it is read (the 'data' listener is readBody's own). */
function stopReading(req: IncomingMessage, reject: (error: Error) => void): void {
  req.removeAllListeners('data');
  req.pause();
  reject(new BodyTooLarge());
}

/** Answers, then drops the connection: the rest of a refused body is never read. */
function refuseAndClose(res: ServerResponse, status: number, errorType: string, message: string): void {
  res.shouldKeepAlive = false;
  res.once('finish', () => setTimeout(() => res.socket?.destroy(), 20).unref());
  sendError(res, status, errorType, message);
}

const jsonHeaders: Record<string, string> = { 'content-type': 'application/json; charset=UTF-8', ...corsHeaders };

/**
 * With its length given, an answer goes out as one piece, as AppSync's do: written after writeHead without it,
 * Node sent it chunked (its length, the body and a last empty chunk), more to write here and to parse for the client.
 */
function send(res: ServerResponse, status: number, body: string, headers?: Record<string, string>): void {
  res.writeHead(status, Object.assign({}, jsonHeaders, headers, { 'content-length': String(Buffer.byteLength(body)) }));
  res.end(body);
}

function sendError(res: ServerResponse, status: number, errorType: string, message: string): void {
  send(res, status, httpErrorBody(errorType, message), { 'x-amzn-errortype': errorType });
}

/** The headers as they arrived (Node lower-cases names; repeated ones joined with commas, as SigV4 canonicalizes them). */
function rawHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  return headers;
}

function sourceIps(req: IncomingMessage): string[] {
  const forwarded = req.headers['x-forwarded-for'];
  const list = typeof forwarded === 'string' ? forwarded.split(',').map((s) => s.trim()).filter(Boolean) : [];
  return [...list, req.socket.remoteAddress ?? '127.0.0.1'];
}

type GraphQLBody = { query: string; variables?: Record<string, unknown> | null; operationName?: string | null };

/** Reads a GraphQL request from the body (JSON or application/graphql) or the query string (GET). */
function graphqlBody(req: IncomingMessage, url: URL, body: string): GraphQLBody | { error: string } {
  if (req.method === 'GET') {
    const query = url.searchParams.get('query');
    if (!query) return { error: 'Unable to parse GraphQL query.' };
    try {
      const variables = url.searchParams.get('variables');
      return { query, variables: variables ? (JSON.parse(variables) as Record<string, unknown>) : {}, operationName: url.searchParams.get('operationName') };
    } catch {
      return { error: 'Unable to parse GraphQL query.' };
    }
  }
  if (body.trim() === '') return { error: 'Request body is empty.' };
  if ((req.headers['content-type'] ?? '').startsWith('application/graphql')) return { query: body };
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { error: 'Unable to parse GraphQL query.' };
    const { query, variables, operationName } = parsed as Record<string, unknown>;
    if (typeof query !== 'string' || query.trim() === '') return { error: 'Unable to parse GraphQL query.' };
    if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return { error: 'Variables must be a JSON object.' };
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return { error: 'operationName must be a string.' };
    return { query, variables: variables as Record<string, unknown> | null, operationName: operationName as string | null };
  } catch {
    return { error: 'Unable to parse GraphQL query.' };
  }
}

async function serveGraphQL(app: HttpApp, req: IncomingMessage, res: ServerResponse, url: URL, body: string): Promise<void> {
  const started = performance.now();
  const request = graphqlBody(req, url, body);
  if ('error' in request) {
    sendError(res, 400, 'MalformedHttpRequestException', request.error);
    const body = { errors: [{ errorType: 'MalformedHttpRequestException', message: request.error }] };
    if (app.requestLog) app.log(requestLogLine({ operationName: null, operationType: null, status: 400, ms: performance.now() - started, resolvers: [], body }, false));
    return;
  }
  // The signature (AWS_IAM) covers the request as it arrived, not the headers resolvers see; only a SigV4 header needs it.
  const signed = isSigV4(req.headers.authorization) ? { method: req.method ?? 'POST', path: url.pathname, query: url.search.slice(1), headers: rawHeaders(req), body } : undefined;
  const result: OperationResult = await app.executor.executeOperation(Object.assign({}, request, { headers: resolverRequestHeaders(requestFacts(req)), sourceIp: sourceIps(req), signed }));
  send(res, result.status, JSON.stringify(result.body), result.errorType ? { 'x-amzn-errortype': result.errorType } : undefined);
  for (const line of result.logs) app.log(line);
  if (app.requestLog) app.log(requestLogLine(Object.assign({}, result, { ms: performance.now() - started }), app.verbose));
}

/** The body, or null when it was too large (then the 413 is sent and the connection closed). */
async function bodyWithinLimit(app: HttpApp, req: IncomingMessage, res: ServerResponse): Promise<string | null> {
  try {
    return await readBody(req, app.maxBodyBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    refuseAndClose(res, 413, 'PayloadTooLargeException', `Request body exceeds the limit of ${app.maxBodyBytes} bytes.`);
    return null;
  }
}

async function serveScheduler(app: HttpApp, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const body = await bodyWithinLimit(app, req, res);
  if (body === null) return;
  const answer = app.scheduler!.handle(req.method ?? 'GET', url.pathname.slice('/scheduler'.length), url.searchParams, body);
  return send(res, answer.status, answer.body, answer.headers);
}

/** Nearly every request is a POST to this exact path: its URL is parsed once (the router only reads it). */
const GRAPHQL_URL = new URL('/graphql', 'http://localhost');

/** The request's URL, or null when it cannot be parsed (such a request gets a 400, never a crash). */
function requestUrl(req: IncomingMessage): URL | null {
  if (req.url === '/graphql') return GRAPHQL_URL;
  try {
    return new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}

/** Requests for the stand-ins of SNS, EventBridge Scheduler and Cognito, which the engine's functions call. */
function servesStandIn(req: IncomingMessage): boolean {
  const path = requestUrl(req)?.pathname.replace(/\/+$/, '') ?? '';
  return path.startsWith('/scheduler/') || (req.method === 'POST' && (path === '/sns' || path === '/cognito'));
}

async function route(app: HttpApp, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = requestUrl(req);
  if (!url) return sendError(res, 400, 'MalformedHttpRequestException', 'The request URL cannot be parsed.');
  if (req.method === 'OPTIONS') {
    res.writeHead(204, preflightHeaders);
    res.end();
    return;
  }
  if (app.scheduler && url.pathname.startsWith('/scheduler/')) return serveScheduler(app, req, res, url);
  if (req.method === 'GET') {
    if (url.pathname === '/graphql') return serveGraphQL(app, req, res, url, '');
    if (url.pathname === '/amplify_outputs.json') return send(res, 200, JSON.stringify(app.amplifyOutputs(), null, 2));
    if (url.pathname === '/outbox' && app.sns) {
      const recipient = url.searchParams.get('recipient') ?? undefined;
      return send(res, 200, JSON.stringify(app.sns.outbox({ recipient }), null, 2));
    }
    if (app.cognito && url.pathname === `${app.cognito.poolPath}/.well-known/jwks.json`) return send(res, 200, JSON.stringify(app.cognito.jwks()));
    if (app.cognito && url.pathname === `${app.cognito.poolPath}/.well-known/openid-configuration`) return send(res, 200, JSON.stringify(app.cognito.openidConfiguration()));
    if (app.console?.serves(url.pathname)) return app.console.handle(req, res, url);
    if (app.staticFiles && (await app.staticFiles(url.pathname, req.headers, res))) return;
    return sendError(res, 404, 'NotFoundException', `Nothing is served at GET ${url.pathname}.`);
  }
  if (req.method !== 'POST') return sendError(res, 405, 'MethodNotAllowedException', `${req.method} is not supported.`);

  const body = await bodyWithinLimit(app, req, res);
  if (body === null) return;
  // The AWS SDKs append a slash to an endpoint's path.
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  if (path === '/graphql') return serveGraphQL(app, req, res, url, body);
  if (path === '/cognito' && app.cognito) {
    const answer = await app.cognito.handle(String(req.headers['x-amz-target'] ?? ''), body);
    return send(res, answer.status, answer.body, answer.headers);
  }
  // AppSync's control-plane EvaluateCode, for harnesses written against AWS (SigV4 is not checked).
  if (path === '/v1/dataplane-evaluatecode') {
    const answer = handleEvaluateCode(body);
    return send(res, answer.status, answer.body, answer.headers);
  }
  if (path === '/sns' && app.sns) {
    const answer = await app.sns.handle(body, req.headers['content-type'] ?? '');
    return send(res, answer.status, answer.body, answer.headers);
  }
  return sendError(res, 404, 'NotFoundException', `Nothing is served at POST ${url.pathname}.`);
}

export interface EngineHttpServer extends Server {
  /** Graceful shutdown, first step (local/http/drain.ts): new work refused, work in flight finished within `graceMs`. */
  drain(graceMs: number): Promise<void>;
  /** Last step: closes the port and cuts every connection still open, whatever state it is in. */
  shut(): Promise<void>;
}

/**
 * How long a client may take to send its headers, and its whole request: one dribbling bytes is cut off
 * (408) instead of holding a connection for minutes. Node checks both every `checkIntervalMs`.
 */
export interface HttpTimeouts {
  headersMs: number;
  requestMs: number;
  checkIntervalMs: number;
}

const DEFAULT_TIMEOUTS: HttpTimeouts = { headersMs: 10_000, requestMs: 30_000, checkIntervalMs: 1_000 };

/** `app` answers undefined while the engine is still starting: requests then get a 503. */
export function createHttpServer(getApp: () => HttpApp | undefined, timeouts: Partial<HttpTimeouts> = {}): EngineHttpServer {
  const { headersMs, requestMs, checkIntervalMs } = { ...DEFAULT_TIMEOUTS, ...timeouts };
  const options = { headersTimeout: headersMs, requestTimeout: requestMs, connectionsCheckingInterval: checkIntervalMs };
  const server = createServer(options, (req, res) => {
    const app = getApp();
    if (drain.draining) {
      res.shouldKeepAlive = false;
      // The AWS stand-ins answer until the engine stops: its functions' invocations still running (a move's
      // notification) publish through them, and shutting down waits for those before it closes the port.
      if (!(app && servesStandIn(req))) return sendError(res, 503, 'ServiceUnavailableException', 'The local engine is shutting down.');
    }
    if (!app) return sendError(res, 503, 'ServiceUnavailableException', 'The local engine is still starting.');
    drain.track(res);
    route(app, req, res).catch((error: unknown) => {
      if (error instanceof ClientAborted) {
        // An everyday event (a closed tab, a client that timed out): one quiet line, no stack trace.
        app.log(JSON.stringify({ level: 'info', message: `client closed the connection before its ${req.method} ${req.url ?? ''} request was read` }));
        return;
      }
      app.log(JSON.stringify({ level: 'error', message: error instanceof Error ? error.stack : String(error) }));
      if (!res.headersSent) sendError(res, 500, 'InternalFailure', 'The local engine failed to handle this request; see its log.');
      else res.end();
    });
  });
  const drain = createDrain(server);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (drain.draining) return drain.refuseUpgrade(socket);
    const path = requestUrl(req)?.pathname;
    const app = getApp();
    if (app?.realtime && (path === '/graphql/realtime' || path === '/graphql')) app.realtime.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  // Every socket, upgraded ones included: server.close() waits for all of them, and closeAllConnections() knows only
  // those still speaking HTTP. A client that keeps the socket of a refused WebSocket handshake open would otherwise
  // hold the shutdown for ever.
  const sockets = new Set<Duplex>();
  server.on('connection', (socket: Duplex) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const shut = () =>
    new Promise<void>((done) => {
      server.close(() => done());
      for (const socket of sockets) socket.destroy();
    });
  return Object.assign(server, { drain: (graceMs: number) => drain.drain(graceMs), shut });
}
