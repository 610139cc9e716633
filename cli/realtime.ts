/**
 * A subscription over AppSync's real-time WebSocket protocol, connected the way aws-amplify v6 connects: the
 * auth headers (with the GraphQL host) base64url-encoded in a `header-` subprotocol, `connection_init`, then a
 * `start` carrying the same headers. A silent connection (no `ka` or `data` within the ack's
 * `connectionTimeoutMs`) counts as lost.
 */
import { randomUUID } from 'node:crypto';
import { CliError, EXIT } from './errors.js';
import { describeErrors, type GraphQLError } from './graphql.js';

const ACK_TIMEOUT_MS = 15_000;

interface Frame {
  type: string;
  id?: string;
  payload?: { data?: Record<string, unknown> | null; errors?: GraphQLError[] | GraphQLError; connectionTimeoutMs?: number };
}

export interface SubscriptionHandlers {
  data(data: Record<string, unknown>): void;
  /** The subscription or the connection ended for good; `error` says why when it was not asked for. */
  end(error?: CliError): void;
}

export interface Subscription {
  close(): void;
}

const errorsOf = (frame: Frame): GraphQLError[] => {
  const errors = frame.payload?.errors;
  // AppSync has been seen to send a single error object instead of an array.
  return Array.isArray(errors) ? errors : errors ? [errors] : [{ message: frame.type }];
};

/**
 * Opens the connection and starts one subscription; resolves once AppSync acknowledged it (start_ack), so a
 * caller that reads the current state afterwards misses nothing.
 */
export async function subscribe(
  realtimeUrl: string,
  graphqlUrl: string,
  authorization: Record<string, string>,
  request: { query: string; variables: Record<string, unknown> },
  handlers: SubscriptionHandlers,
): Promise<Subscription> {
  const headers = { ...authorization, host: new URL(graphqlUrl).host };
  // Loaded here, not at the top: most commands never subscribe, and loading ws is a good part of a short run's time.
  const { default: WebSocket } = await import('ws');
  const socket = new WebSocket(realtimeUrl, ['graphql-ws', `header-${Buffer.from(JSON.stringify(headers)).toString('base64url')}`]);
  const id = randomUUID();
  let ended = false;
  let started = false;
  let silenceTimer: NodeJS.Timeout | undefined;
  let silenceMs = 300_000;

  return new Promise<Subscription>((resolve, reject) => {
    const handshakeTimer = setTimeout(() => finish(new CliError(`No answer from ${realtimeUrl} within ${ACK_TIMEOUT_MS / 1000} s.`, EXIT.setup)), ACK_TIMEOUT_MS);

    const finish = (error?: CliError): void => {
      if (ended) return;
      ended = true;
      clearTimeout(handshakeTimer);
      clearTimeout(silenceTimer);
      if (socket.readyState === WebSocket.OPEN) {
        if (started && !error) socket.send(JSON.stringify({ type: 'stop', id }));
        socket.close(1000);
      } else socket.terminate();
      if (!started) reject(error ?? new CliError('The subscription ended before it started.', EXIT.api));
      else handlers.end(error);
    };
    const alive = (): void => {
      clearTimeout(silenceTimer);
      silenceTimer = setTimeout(() => finish(new CliError('The real-time connection went silent; it is closed.', EXIT.setup)), silenceMs);
    };

    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('error', (error: Error) => finish(new CliError(`Cannot reach the real-time endpoint ${realtimeUrl}: ${error.message}`, EXIT.setup)));
    socket.on('close', () => finish(started ? new CliError('The real-time connection closed.', EXIT.setup) : undefined));
    socket.on('message', (raw) => {
      let frame: Frame;
      try {
        frame = JSON.parse(String(raw)) as Frame;
      } catch {
        return;
      }
      switch (frame.type) {
        case 'connection_ack':
          silenceMs = frame.payload?.connectionTimeoutMs ?? silenceMs;
          alive();
          socket.send(JSON.stringify({ id, type: 'start', payload: { data: JSON.stringify(request), extensions: { authorization: headers } } }));
          return;
        case 'ka':
          alive();
          return;
        case 'connection_error':
          return finish(new CliError(`The real-time endpoint refused the connection: ${describeErrors(errorsOf(frame))}`, EXIT.auth));
        case 'start_ack':
          if (frame.id !== id) return;
          started = true;
          clearTimeout(handshakeTimer);
          resolve({ close: () => finish() });
          return;
        case 'data':
          if (frame.id !== id) return;
          alive();
          if (frame.payload?.data) handlers.data(frame.payload.data);
          return;
        case 'error':
          if (frame.id !== undefined && frame.id !== id) return;
          return finish(new CliError(`The subscription failed: ${describeErrors(errorsOf(frame))}`, EXIT.api));
        case 'complete':
          if (frame.id === id) finish(new CliError('The API ended the subscription.', EXIT.api));
          return;
      }
    });
  });
}
