/**
 * Graceful shutdown of the HTTP port: once draining, new requests get a 503 and new WebSocket
 * upgrades are refused, while the requests already in flight finish, for `graceMs` at most.
 */
import type { Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

export interface Drain {
  readonly draining: boolean;
  /** Counts one request in flight until its response closes. */
  track(res: ServerResponse): void;
  /** Refuses an upgrade with a 503 (the WebSocket client sees a failed handshake, not a silent drop). */
  refuseUpgrade(socket: Duplex): void;
  /** Starts draining; resolves when nothing is in flight, or after `graceMs`, when what is left is cut off. */
  drain(graceMs: number): Promise<void>;
}

export function createDrain(server: Server): Drain {
  let draining = false;
  let inFlight = 0;
  let wake: (() => void) | undefined;

  const track = (res: ServerResponse): void => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      // A keep-alive connection that just answered its last request must not hold the server open.
      if (draining) setImmediate(() => server.closeIdleConnections());
      if (inFlight === 0) wake?.();
    });
  };

  const drain = async (graceMs: number): Promise<void> => {
    draining = true;
    server.closeIdleConnections();
    if (inFlight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    // Past the grace period whatever still runs is cut off: a shutdown never waits on a client.
    if (inFlight > 0) server.closeAllConnections();
    else server.closeIdleConnections();
  };

  return {
    get draining() {
      return draining;
    },
    track,
    refuseUpgrade(socket) {
      // Closed from this side once written: a client that keeps its end open must not keep the socket alive.
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', () => socket.destroy());
    },
    drain,
  };
}
