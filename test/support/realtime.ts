/** A plain `ws` client speaking AppSync's real-time protocol, connected the way aws-amplify v6 connects. */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

export type Frame = { type: string; id?: string; payload?: { data?: Record<string, unknown>; errors?: Array<Record<string, unknown>> } };

export interface RealtimeConnection {
  socket: WebSocket;
  /** Frames received and not yet taken by `next`/`subscribe`. */
  frames: Frame[];
  /** Sends a `start`, authorized by `authorization` (default: the connection's), and waits for start_ack or error. */
  subscribe(query: string, variables?: Record<string, unknown>, authorization?: Record<string, string>): Promise<{ id: string; ack: Frame }>;
  next(type: string, id?: string): Promise<Frame>;
  close(): void;
}

/** Opens a connection with `authorization` in the `header-` subprotocol and waits for connection_ack. */
export async function connectRealtime(realtimeUrl: string, authorization: Record<string, string>): Promise<RealtimeConnection> {
  const header = Buffer.from(JSON.stringify(authorization)).toString('base64url');
  const socket = new WebSocket(realtimeUrl, ['graphql-ws', `header-${header}`]);
  const frames: Frame[] = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Frame);
    for (const wake of waiters.splice(0)) wake();
  });
  const take = async (match: (frame: Frame) => boolean, what: string): Promise<Frame> => {
    for (;;) {
      const index = frames.findIndex(match);
      if (index >= 0) return frames.splice(index, 1)[0];
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${what} frame within 5 s; saw ${JSON.stringify(frames)}`)), 5000);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  };
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'connection_init' }));
  await take((f) => f.type === 'connection_ack', 'connection_ack');
  return {
    socket,
    frames,
    async subscribe(query, variables = {}, startAuthorization = authorization) {
      const id = randomUUID();
      socket.send(JSON.stringify({ id, type: 'start', payload: { data: JSON.stringify({ query, variables }), extensions: { authorization: startAuthorization } } }));
      const ack = await take((f) => f.id === id && (f.type === 'start_ack' || f.type === 'error'), 'start_ack or error');
      return { id, ack };
    },
    next: (type, id) => take((f) => f.type === type && (id === undefined || f.id === id), type),
    close: () => socket.close(),
  };
}
