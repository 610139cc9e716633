/**
 * One subscription over AppSync's real-time protocol, spoken as a client does (reference §2): the
 * connection's auth headers base64 in the `header` query parameter with `payload=e30=`, subprotocol
 * `graphql-ws`, `connection_init`, then `start` with the query as a JSON string and the same headers in
 * `extensions.authorization`. Each frame becomes a result for GraphiQL's response pane.
 */
export interface SubscriptionRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  /** Auth headers of the chosen mode plus the user's own headers. */
  headers: Record<string, string>;
}

type Result = Record<string, unknown>;

function base64Json(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The URL and subprotocols a client opens, for the page's own host. */
export function realtimeUrl(path: string, headers: Record<string, string>, location: { protocol: string; host: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const header = { host: location.host, ...(headers['x-api-key'] ? { 'x-amz-date': amzDate(new Date()) } : {}), ...headers };
  return `${scheme}//${location.host}${path}?header=${encodeURIComponent(base64Json(header))}&payload=e30=`;
}

function amzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Streams a subscription's frames until the caller stops (GraphiQL's stop button calls `return`). */
export function subscribe(path: string, request: SubscriptionRequest): AsyncIterableIterator<Result> {
  const queue: Result[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  const id = crypto.randomUUID();
  const authorization = { host: location.host, ...request.headers };
  const socket = new WebSocket(realtimeUrl(path, request.headers, location), ['graphql-ws']);

  const push = (result: Result, last = false) => {
    if (done) return;
    queue.push(result);
    if (last) finish();
    wake?.();
  };
  const finish = () => {
    done = true;
    if (socket.readyState === WebSocket.OPEN) socket.close(1000);
    wake?.();
  };

  socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init' }));
  socket.onmessage = (event) => {
    const frame = JSON.parse(String(event.data)) as { type: string; id?: string; payload?: Result };
    switch (frame.type) {
      case 'connection_ack':
        socket.send(JSON.stringify({
          id,
          type: 'start',
          payload: { data: JSON.stringify({ query: request.query, variables: request.variables ?? {} }), extensions: { authorization } },
        }));
        return;
      case 'start_ack':
        push({ data: null, extensions: { realtime: 'start_ack: subscribed, waiting for data frames' } });
        return;
      case 'data':
        push(frame.payload ?? {});
        return;
      case 'error':
      case 'connection_error':
        push({ ...(frame.payload ?? {}), extensions: { realtime: frame.type } }, true);
        return;
      case 'complete':
        push({ data: null, extensions: { realtime: 'complete' } }, true);
        return;
    }
  };
  socket.onclose = (event) => {
    if (!done) push({ errors: [{ message: `The real-time connection closed (code ${event.code}${event.reason ? `: ${event.reason}` : ''}).` }] }, true);
  };

  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      while (queue.length === 0 && !done) await new Promise<void>((resolve) => (wake = resolve));
      const value = queue.shift();
      return value ? { value, done: false } : { value: undefined, done: true };
    },
    async return() {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ id, type: 'stop' }));
      finish();
      return { value: undefined, done: true };
    },
  };
}
