/**
 * Test doubles for the real-time layer: a fake `RealtimeBackend` (a tiny in-memory API parsed with
 * `graphql`), a node:http server wired to the real-time server, and a plain `ws` client that queues
 * frames. Used by the tests beside it and by the real-time bench.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Kind, parse, type FieldNode, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { WebSocket } from 'ws';
import type {
  ConnectOutcome,
  FilterJson,
  GraphQLErrorEntry,
  Invalidation,
  Publication,
  RealtimeBackend,
  SubscribeOutcome,
} from './contract.js';
import { duplicatedOperationError, unsupportedOperationError } from './errors.js';
import { createRealtimeServer, type RealtimeServer, type RealtimeServerOptions } from './server.js';

/** How the fake API treats one subscription field. */
export interface FakeField {
  mutations: string[];
  /** Mimics a resolver calling `util.unauthorized()`. */
  deny?: boolean;
  /** Mimics `extensions.setSubscriptionFilter`, given the caller's token and the arguments. */
  filter?: (caller: string, args: Record<string, unknown>) => unknown;
  /** Mimics `extensions.setSubscriptionInvalidationFilter`. */
  invalidationFilter?: (caller: string, args: Record<string, unknown>) => unknown;
}

export const GOOD_API_KEY = 'da2-good';

/** Callers are identified by `Authorization: token-<name>`, or as `apikey` with the good API key. */
function callerOf(headers: Record<string, string>): string | null {
  if (headers['x-api-key'] === GOOD_API_KEY) return 'apikey';
  const token = headers.Authorization ?? headers.authorization;
  return typeof token === 'string' && token.startsWith('token-') ? token.slice('token-'.length) : null;
}

export class FakeBackend implements RealtimeBackend {
  readonly connectCalls: Array<Record<string, string>> = [];
  readonly subscribeCalls: Array<{ query: string; variables: Record<string, unknown>; authorization: Record<string, string> }> = [];
  renderCount = 0;
  /** When set, `subscribe` waits for it before answering (to test a `stop` that races a `start`). */
  subscribeGate: Promise<void> | null = null;
  private readonly publishListeners = new Set<(publication: Publication) => void>();
  private readonly invalidateListeners = new Set<(invalidation: Invalidation) => void>();

  constructor(private readonly fields: Record<string, FakeField>) {}

  async authorizeConnection(headers: Record<string, string>): Promise<ConnectOutcome> {
    this.connectCalls.push(headers);
    if (callerOf(headers) === null) {
      return { ok: false, status: 401, errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' };
    }
    return { ok: true };
  }

  async subscribe(input: {
    query: string;
    variables: Record<string, unknown>;
    operationName?: string;
    authorization: Record<string, string>;
  }): Promise<SubscribeOutcome> {
    this.subscribeCalls.push({ query: input.query, variables: input.variables, authorization: input.authorization });
    if (this.subscribeGate) await this.subscribeGate;
    const caller = callerOf(input.authorization);
    if (caller === null) return failure({ errorType: 'UnauthorizedException', message: 'Permission denied' });
    let operations: OperationDefinitionNode[];
    try {
      operations = parse(input.query).definitions.filter((node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION);
    } catch (error) {
      return failure({ message: `Validation error: ${(error as Error).message}` });
    }
    if (operations.length !== 1) return failure(duplicatedOperationError());
    const [operation] = operations;
    if (operation.operation !== 'subscription') return failure(unsupportedOperationError(operation.operation));
    const selection = operation.selectionSet.selections[0] as FieldNode;
    const fieldName = selection.name.value;
    const field = this.fields[fieldName];
    if (!field) return failure({ message: `Validation error of type FieldUndefined: Field '${fieldName}' in type 'Subscription' is undefined` });
    if (field.deny) return failure({ errorType: 'Unauthorized', message: `Not Authorized to access ${fieldName} on type Subscription` });
    const args: Record<string, unknown> = {};
    for (const argument of selection.arguments ?? []) args[argument.name.value] = valueOf(argument.value, input.variables);
    const responseKey = selection.alias?.value ?? fieldName;
    const selected = (selection.selectionSet?.selections ?? []).map((node) => (node as FieldNode).name.value);
    const argumentFilters = Object.fromEntries(Object.entries(args).filter(([, value]) => value !== null && value !== undefined));
    return {
      ok: true,
      subscription: {
        fieldName,
        mutations: field.mutations,
        argumentFilters,
        filter: field.filter?.(caller, args) as FilterJson | undefined,
        invalidationFilter: field.invalidationFilter?.(caller, args) as FilterJson | undefined,
        renderKey: `${responseKey}|${selected.join(',')}`,
        render: (result) => {
          this.renderCount += 1;
          const source = result as Record<string, unknown>;
          return { data: { [responseKey]: Object.fromEntries(selected.map((name) => [name, source[name] ?? null])) } };
        },
      },
    };
  }

  onPublish(listener: (publication: Publication) => void): () => void {
    this.publishListeners.add(listener);
    return () => this.publishListeners.delete(listener);
  }

  onInvalidate(listener: (invalidation: Invalidation) => void): () => void {
    this.invalidateListeners.add(listener);
    return () => this.invalidateListeners.delete(listener);
  }

  publish(mutationField: string, result: unknown): void {
    for (const listener of this.publishListeners) listener({ mutationField, result });
  }

  invalidate(subscriptionField: string, payload: Record<string, unknown>): void {
    for (const listener of this.invalidateListeners) listener({ subscriptionField, payload });
  }

  listenerCount(): number {
    return this.publishListeners.size + this.invalidateListeners.size;
  }
}

function failure(error: GraphQLErrorEntry): SubscribeOutcome {
  return { ok: false, errors: [error] };
}

function valueOf(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value] ?? null;
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.INT:
      return Number.parseInt(node.value, 10);
    case Kind.FLOAT:
      return Number.parseFloat(node.value);
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    default:
      throw new Error(`The fake backend does not read ${node.kind} arguments`);
  }
}

export interface Harness {
  url: string;
  port: number;
  backend: FakeBackend;
  realtime: RealtimeServer;
  logs: string[];
  close(): Promise<void>;
}

/** Starts a node:http server on 127.0.0.1 that hands `/graphql/realtime` and `/graphql` upgrades to the real-time server. */
export async function startHarness(fields: Record<string, FakeField>, options: Partial<RealtimeServerOptions> = {}): Promise<Harness> {
  const backend = new FakeBackend(fields);
  const logs: string[] = [];
  const realtime = createRealtimeServer({ backend, log: (line) => logs.push(line), ...options });
  const server: Server = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/graphql/realtime' || path === '/graphql') realtime.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/graphql/realtime`,
    port,
    backend,
    realtime,
    logs,
    async close() {
      await realtime.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface FrameError {
  errorType?: string;
  message: string;
  errorCode?: number;
}

/** A frame as the tests read it; every field is optional because each frame type uses a few. */
export interface Frame {
  type: string;
  id?: string;
  payload?: {
    data?: Record<string, unknown> | null | string;
    errors?: FrameError[];
    connectionTimeoutMs?: number;
    extensions?: unknown;
  };
}

const FRAME_WAIT_MS = 5000;

/** A plain `ws` client that queues every frame it receives. */
export class TestClient {
  private readonly frames: Frame[] = [];
  private readonly waiters: Array<() => void> = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      this.waiters.splice(0).forEach((wake) => wake());
    });
    this.opened = new Promise((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static async connect(url: string, protocols: string[] = [], options: { awaitOpen?: boolean } = {}): Promise<TestClient> {
    const client = new TestClient(new WebSocket(url, protocols));
    if (options.awaitOpen !== false) await client.opened;
    return client;
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next frame, skipping `ka` unless asked for; fails the test if none comes. */
  async next(options: { includeKeepAlive?: boolean } = {}): Promise<Frame> {
    const deadline = Date.now() + FRAME_WAIT_MS;
    for (;;) {
      const index = this.frames.findIndex((frame) => options.includeKeepAlive || frame.type !== 'ka');
      if (index >= 0) return this.frames.splice(index, 1)[0];
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error('no frame arrived');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for a frame of the given type, discarding `ka` frames only. */
  async expect(type: string): Promise<Frame> {
    const frame = await this.next({ includeKeepAlive: type === 'ka' });
    if (frame.type !== type) throw new Error(`expected a ${type} frame, got ${JSON.stringify(frame)}`);
    return frame;
  }

  /** Frames received but not yet taken, `ka` excluded. */
  unread(): Frame[] {
    return this.frames.filter((frame) => frame.type !== 'ka');
  }

  close(): void {
    this.socket.close();
  }
}

export function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function base64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64');
}

/** Connects the way aws-amplify v6 does: auth headers in a `header-<base64url>` subprotocol. */
export async function connectAmplifyStyle(harness: Harness, headers: Record<string, string>): Promise<TestClient> {
  return TestClient.connect(harness.url, ['graphql-ws', `header-${base64url(headers)}`]);
}

/** Connects, sends `connection_init` and waits for `connection_ack`. */
export async function connectReady(harness: Harness, headers: Record<string, string>): Promise<TestClient> {
  const client = await connectAmplifyStyle(harness, headers);
  client.send({ type: 'connection_init' });
  await client.expect('connection_ack');
  return client;
}

export function startMessage(id: string, query: string, variables: Record<string, unknown>, authorization: Record<string, string>): Frame {
  return { id, type: 'start', payload: { data: JSON.stringify({ query, variables }), extensions: { authorization } } };
}

/** Sends `start` and returns the answer (`start_ack` or `error`). */
export async function subscribeAs(
  client: TestClient,
  id: string,
  query: string,
  variables: Record<string, unknown>,
  authorization: Record<string, string>,
): Promise<Frame> {
  client.send(startMessage(id, query, variables, authorization));
  return client.next();
}
