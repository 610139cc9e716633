/**
 * One client socket speaking AppSync's real-time protocol (reference §2.2): connect-time auth,
 * `connection_init` → `connection_ack` + `ka`, `start` → `start_ack` | `error`, `stop` → `complete`.
 * Nothing a client sends can throw out of here: every bad frame becomes an error frame.
 */
import { WebSocket, type RawData } from 'ws';
import type { GraphQLErrorEntry, RealtimeBackend, SubscribeOutcome } from './contract.js';
import {
  RealtimeErrorType,
  badRequestError,
  duplicateIdError,
  frameTooLargeError,
  internalError,
  maxSubscriptionsError,
} from './errors.js';
import { validateFilter } from './filters.js';
import { KEEP_ALIVE_FRAME, completeFrame, connectionAckFrame, connectionErrorFrame, errorFrame, startAckFrame } from './frames.js';
import { GRAPHQL_WS, toHeaderRecord, type HandshakeHeaders } from './handshake.js';
import type { LiveSubscription, SubscriptionRegistry } from './registry.js';

export interface ConnectionSettings {
  backend: RealtimeBackend;
  registry: SubscriptionRegistry;
  keepAliveIntervalMs: number;
  connectionTimeoutMs: number;
  maxSubscriptions: number;
  maxFrameBytes: number;
  /** Bytes queued for a client that is not reading, beyond which its connection is dropped. */
  maxBufferedBytes: number;
  log: (line: string) => void;
}

/** A `start` waiting for the backend; `stopped` records a `stop` that arrived meanwhile. */
interface PendingStart {
  stopped: boolean;
}

const MAX_ID_LENGTH = 256;

export class RealtimeConnection {
  private readonly subscriptions = new Map<string, LiveSubscription>();
  private readonly pending = new Map<string, PendingStart>();
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Resolves true once the handshake's credentials are accepted; every frame waits for it. */
  private readonly authorized: Promise<boolean>;

  constructor(
    private readonly socket: WebSocket,
    private readonly sourceIp: string,
    handshake: HandshakeHeaders,
    private readonly settings: ConnectionSettings,
    private readonly onClosed: (connection: RealtimeConnection) => void,
  ) {
    socket.on('message', (data) => {
      this.receive(data).catch((error: unknown) => this.fail('handling a frame', error));
    });
    socket.on('close', () => this.dispose());
    socket.on('error', (error) => this.settings.log(`realtime: socket error: ${error.message}`));
    this.authorized = this.authorize(handshake).catch((error: unknown) => {
      this.fail('authorizing the connection', error);
      this.rejectConnection(500, RealtimeErrorType.internal, 'The server failed to authorize the connection');
      return false;
    });
  }

  get subscriptionCount(): number {
    return this.subscriptions.size;
  }

  /** Closes the socket from the server side (shutdown). */
  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  terminate(): void {
    this.socket.terminate();
  }

  private async authorize(handshake: HandshakeHeaders): Promise<boolean> {
    if (this.socket.protocol !== GRAPHQL_WS) {
      return this.rejectConnection(400, RealtimeErrorType.noProtocol, `NoProtocolError: the ${GRAPHQL_WS} subprotocol is required`);
    }
    if (!handshake.ok) return this.rejectConnection(400, RealtimeErrorType.badRequest, handshake.message);
    const outcome = await this.settings.backend.authorizeConnection(handshake.headers, this.sourceIp);
    if (!outcome.ok) return this.rejectConnection(outcome.status, outcome.errorType, outcome.message);
    return true;
  }

  /** A bad handshake still completes the upgrade; the client learns why from `connection_error`. */
  private rejectConnection(status: number, errorType: string, message: string): false {
    this.send(connectionErrorFrame(errorType, message, status));
    this.socket.close(1000, errorType);
    return false;
  }

  private async receive(data: RawData): Promise<void> {
    const text = rawText(data);
    const bytes = Buffer.byteLength(text);
    if (bytes > this.settings.maxFrameBytes) {
      // Not parsed, on purpose; a cheap look at its start still lets the client match the error to its id.
      this.send(errorFrame(leadingId(text), [frameTooLargeError(bytes, this.settings.maxFrameBytes)]));
      return;
    }
    if (!(await this.authorized) || this.closed) return;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.send(errorFrame(undefined, [badRequestError('The message is not valid JSON')]));
      return;
    }
    if (!isRecord(message) || typeof message.type !== 'string') {
      this.send(errorFrame(usableId(isRecord(message) ? message.id : undefined), [badRequestError('A message must be a JSON object with a string "type"')]));
      return;
    }
    switch (message.type) {
      case 'connection_init':
        // Repeating the ack for a repeated init is harmless and keeps a confused client going.
        this.send(connectionAckFrame(this.settings.connectionTimeoutMs));
        this.send(KEEP_ALIVE_FRAME);
        this.startKeepAlive();
        return;
      case 'start':
        await this.start(message);
        return;
      case 'stop':
        this.stop(message);
        return;
      default:
        this.send(errorFrame(usableId(message.id), [badRequestError(`Unknown message type ${JSON.stringify(message.type)}`)]));
    }
  }

  private async start(message: Record<string, unknown>): Promise<void> {
    const id = usableId(message.id);
    if (id === undefined) {
      this.send(errorFrame(undefined, [badRequestError(`A start message needs a non-empty string "id" of at most ${MAX_ID_LENGTH} characters`)]));
      return;
    }
    const request = readStartPayload(message.payload);
    if ('error' in request) {
      this.send(errorFrame(id, [badRequestError(request.error)]));
      return;
    }
    if (this.subscriptions.has(id) || this.pending.has(id)) {
      this.send(errorFrame(id, [duplicateIdError(id)]));
      return;
    }
    if (this.subscriptions.size + this.pending.size >= this.settings.maxSubscriptions) {
      this.send(errorFrame(id, [maxSubscriptionsError(this.settings.maxSubscriptions)]));
      return;
    }
    // `connection_init` is optional, so a client that skipped it still needs keep-alives.
    this.startKeepAlive();
    const ticket: PendingStart = { stopped: false };
    this.pending.set(id, ticket);
    let outcome: SubscribeOutcome;
    try {
      outcome = await this.settings.backend.subscribe({ ...request, sourceIp: this.sourceIp });
    } catch (error) {
      this.fail(`subscribing ${id}`, error);
      outcome = { ok: false, errors: [internalError('The server failed to start this subscription')] };
    } finally {
      this.pending.delete(id);
    }
    if (this.closed) return;
    if (ticket.stopped) {
      this.send(completeFrame(id));
      return;
    }
    if (!outcome.ok) {
      this.send(errorFrame(id, outcome.errors));
      return;
    }
    const filterErrors = filterProblems(outcome.subscription.filter, outcome.subscription.invalidationFilter);
    if (filterErrors.length > 0) {
      this.send(errorFrame(id, filterErrors));
      return;
    }
    const live: LiveSubscription = {
      id,
      spec: outcome.subscription,
      send: (frame) => this.send(frame),
      end: () => this.endSubscription(id),
    };
    this.subscriptions.set(id, live);
    // Registered before the ack, so any mutation the client sends after `start_ack` reaches it.
    this.settings.registry.add(live);
    this.send(startAckFrame(id));
  }

  private stop(message: Record<string, unknown>): void {
    const id = usableId(message.id);
    if (id === undefined) {
      this.send(errorFrame(undefined, [badRequestError('A stop message needs a non-empty string "id"')]));
      return;
    }
    const pendingStart = this.pending.get(id);
    if (pendingStart) {
      pendingStart.stopped = true;
      return;
    }
    // [U] A stop for an unknown id is answered with `complete` too: the client wanted it gone, and it is.
    this.endSubscription(id);
  }

  /** Forgets a subscription and tells the client (`stop` answer and invalidation alike). */
  private endSubscription(id: string): void {
    const live = this.subscriptions.get(id);
    if (live) {
      this.subscriptions.delete(id);
      this.settings.registry.remove(live);
    }
    this.send(completeFrame(id));
  }

  private startKeepAlive(): void {
    if (this.keepAliveTimer || this.closed) return;
    this.keepAliveTimer = setInterval(() => this.send(KEEP_ALIVE_FRAME), this.settings.keepAliveIntervalMs);
    this.keepAliveTimer.unref();
  }

  private send(frame: string): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    // A client that stops reading would make us queue its events forever; it loses its connection instead.
    if (this.socket.bufferedAmount > this.settings.maxBufferedBytes) {
      this.settings.log(`realtime: dropping a connection with ${this.socket.bufferedAmount} unread bytes queued`);
      this.socket.terminate();
      return;
    }
    this.socket.send(frame);
  }

  private fail(doing: string, error: unknown): void {
    this.settings.log(`realtime: failed ${doing}: ${error instanceof Error ? error.message : String(error)}`);
  }

  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepAliveTimer);
    for (const live of this.subscriptions.values()) this.settings.registry.remove(live);
    this.subscriptions.clear();
    for (const ticket of this.pending.values()) ticket.stopped = true;
    this.onClosed(this);
  }
}

type StartRequest = {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
  authorization: Record<string, string>;
};

/** `payload.data` is a JSON string holding `{query, variables, operationName?}`: it is parsed a second time. */
function readStartPayload(payload: unknown): StartRequest | { error: string } {
  if (!isRecord(payload) || typeof payload.data !== 'string') {
    return { error: 'A start message needs payload.data: a JSON string holding {query, variables}' };
  }
  let data: unknown;
  try {
    data = JSON.parse(payload.data);
  } catch {
    return { error: 'payload.data is not valid JSON' };
  }
  if (!isRecord(data) || typeof data.query !== 'string' || data.query.trim() === '') {
    return { error: 'payload.data must hold a non-empty string "query"' };
  }
  if (data.variables !== undefined && data.variables !== null && !isRecord(data.variables)) {
    return { error: 'payload.data "variables" must be an object' };
  }
  if (data.operationName !== undefined && data.operationName !== null && typeof data.operationName !== 'string') {
    return { error: 'payload.data "operationName" must be a string' };
  }
  const extensions = isRecord(payload.extensions) ? payload.extensions : {};
  // Missing credentials are passed on as none at all; the backend turns that into Unauthorized.
  const authorization = toHeaderRecord(extensions.authorization) ?? {};
  const request: StartRequest = { query: data.query, variables: isRecord(data.variables) ? data.variables : {}, authorization };
  if (typeof data.operationName === 'string') request.operationName = data.operationName;
  return request;
}

function filterProblems(...filters: unknown[]): GraphQLErrorEntry[] {
  const errors: GraphQLErrorEntry[] = [];
  for (const filter of filters) {
    if (filter === undefined) continue;
    const result = validateFilter(filter);
    if (!result.ok) errors.push(badRequestError(`Invalid subscription filter: ${result.message}`));
  }
  return errors;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function usableId(id: unknown): string | undefined {
  return typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH ? id : undefined;
}

/** The id of a frame too large to parse, if it appears near the start as clients write it. */
function leadingId(text: string): string | undefined {
  const match = /^\s*\{[^{}]{0,64}?"id"\s*:\s*"([^"\\]{1,256})"/.exec(text.slice(0, 400));
  return match?.[1];
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
