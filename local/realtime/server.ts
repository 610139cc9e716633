/**
 * The real-time endpoint of the local engine: AppSync's WebSocket protocol on top of `ws`, with the
 * parsing, auth and rendering delegated to a `RealtimeBackend`. The engine's HTTP server hands it
 * upgrade requests for `/graphql/realtime` (and `/graphql?header=…`).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Invalidation, Publication, RealtimeBackend } from './contract.js';
import { RealtimeConnection } from './connection.js';
import { deliverPublication, invalidateSubscriptions, type DeliveryReport } from './delivery.js';
import { chooseSubprotocol, offeredSubprotocols, readHandshakeHeaders } from './handshake.js';
import { SubscriptionRegistry } from './registry.js';

export interface RealtimeServerOptions {
  backend: RealtimeBackend;
  /** Interval between `ka` frames after the first one. Default 60000, as AppSync [O]. */
  keepAliveIntervalMs?: number;
  /** Announced in `connection_ack`. Default 300000 [D]. */
  connectionTimeoutMs?: number;
  /** Subscriptions per connection. Default 100 [O]. */
  maxSubscriptions?: number;
  /** Largest frame accepted from a client and largest payload sent to one. Default 240 KB [D]. */
  maxFrameBytes?: number;
  /** Unread bytes queued for one client before its connection is dropped. Default 16 MiB. */
  maxBufferedBytes?: number;
  log?: (line: string) => void;
}

export interface RealtimeServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Delivers a mutation result to matching subscribers; the backend's `onPublish` feeds this too. */
  broadcast(publication: Publication): DeliveryReport;
  /** Ends matching subscriptions with `complete`; the backend's `onInvalidate` feeds this too. */
  invalidate(invalidation: Invalidation): number;
  connectionCount(): number;
  subscriptionCount(): number;
  close(): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 1000;

export function createRealtimeServer(options: RealtimeServerOptions): RealtimeServer {
  const settings = {
    backend: options.backend,
    registry: new SubscriptionRegistry(),
    keepAliveIntervalMs: positive(options.keepAliveIntervalMs, 60_000, 'keepAliveIntervalMs'),
    connectionTimeoutMs: positive(options.connectionTimeoutMs, 300_000, 'connectionTimeoutMs'),
    maxSubscriptions: positive(options.maxSubscriptions, 100, 'maxSubscriptions'),
    maxFrameBytes: positive(options.maxFrameBytes, 240 * 1024, 'maxFrameBytes'),
    maxBufferedBytes: positive(options.maxBufferedBytes, 16 * 1024 * 1024, 'maxBufferedBytes'),
    log: options.log ?? (() => {}),
  };
  const connections = new Set<RealtimeConnection>();
  let closing = false;

  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => chooseSubprotocol(offered),
    // Frames between maxFrameBytes and this ceiling get a polite error frame; above it `ws` itself
    // closes the socket (1009), so no client can make us buffer an unbounded message.
    maxPayload: Math.max(settings.maxFrameBytes * 4, 1024 * 1024),
    perMessageDeflate: false,
  });

  const deliveryOptions = { maxPayloadBytes: settings.maxFrameBytes, log: settings.log };

  function broadcast(publication: Publication): DeliveryReport {
    return deliverPublication(settings.registry, publication, deliveryOptions);
  }

  function invalidate(invalidation: Invalidation): number {
    return invalidateSubscriptions(settings.registry, invalidation);
  }

  // A failure while fanning out one event must never escape into the mutation that published it.
  const stopPublish = settings.backend.onPublish((publication) => {
    try {
      broadcast(publication);
    } catch (error) {
      settings.log(`realtime: delivering ${publication.mutationField} failed: ${describe(error)}`);
    }
  });
  const stopInvalidate = settings.backend.onInvalidate((invalidation) => {
    try {
      invalidate(invalidation);
    } catch (error) {
      settings.log(`realtime: invalidating ${invalidation.subscriptionField} failed: ${describe(error)}`);
    }
  });

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (closing) {
      socket.destroy();
      return;
    }
    const handshake = readHandshakeHeaders(req.url, offeredSubprotocols(req));
    const sourceIp = req.socket.remoteAddress ?? '';
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new RealtimeConnection(ws, sourceIp, handshake, settings, (closed) => connections.delete(closed));
      connections.add(connection);
    });
  }

  async function close(): Promise<void> {
    if (closing) return;
    closing = true;
    stopPublish();
    stopInvalidate();
    for (const connection of connections) connection.close(1001, 'Server shutting down');
    const deadline = Date.now() + SHUTDOWN_GRACE_MS;
    while (connections.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    for (const connection of connections) connection.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  return {
    handleUpgrade,
    broadcast,
    invalidate,
    connectionCount: () => connections.size,
    subscriptionCount: () => settings.registry.size,
    close,
  };
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`createRealtimeServer: ${name} must be a positive number, got ${value}`);
  return value;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
