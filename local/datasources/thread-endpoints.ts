/**
 * Stand-in endpoints answered without the engine's HTTP stack, for the functions on the event thread.
 *
 * A move's notification publishes twice to the SNS stand-in through the real AWS SDK. Over the engine's
 * port, each publish cost the engine's thread an HTTP request of its own (parsing, the response and its
 * system call to write it), more than the stand-in's answer itself. On the event thread, a connection the
 * SDK opens to such an endpoint is an in-memory stream to an HTTP server on that same thread, which hands
 * the request's body to the engine's thread as a message and writes back the answer the stand-in gives
 * there: the SDK still sends and parses real HTTP, and the stand-in answers exactly as over its port. Only
 * a connection opened by a request for the endpoint's path is served so; a later request on it for any other
 * path (an agent shared between clients) goes on to the engine's port over TCP, as it would have.
 *
 * This is CommonJS source, evaluated in the worker with the rest of its code (event-worker.ts).
 */

/** An endpoint served this way: its origin and path as the functions' SDKs are pointed at them. */
export interface ThreadEndpoint {
  /** e.g. `http://127.0.0.1:4000/sns` (AWS_ENDPOINT_URL_SNS). */
  url: string;
  handle(body: string, contentType: string): Promise<{ status: number; headers: Record<string, string>; body: string }>;
}

/** What the worker needs to know of an endpoint (it cannot receive the function). */
export interface ThreadEndpointAddress {
  host: string;
  port: string;
  path: string;
}

export function endpointAddress(url: string): ThreadEndpointAddress {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: parsed.port || '80', path: parsed.pathname.replace(/\/+$/, '') || '/' };
}

/**
 * Defines `serveEndpoints(addresses, ask)`: `ask(index, body, contentType)` resolves with the answer of
 * endpoint `index` from the engine's thread.
 */
export const THREAD_ENDPOINTS_SOURCE = `
const http = require('node:http');
const { Duplex } = require('node:stream');

/** Two ends of an in-memory connection, with the socket methods Node's HTTP client and server call. */
function connectionPair() {
  const ends = [];
  for (let i = 0; i < 2; i += 1) {
    const end = new Duplex({
      read() {},
      write(chunk, encoding, done) {
        const peer = ends[1 - i];
        if (!peer.destroyed) peer.push(chunk);
        done();
      },
      final(done) {
        ends[1 - i].push(null);
        done();
      },
      destroy(error, done) {
        const peer = ends[1 - i];
        if (!peer.destroyed) peer.destroy();
        done(error);
      },
    });
    Object.assign(end, {
      remoteAddress: '127.0.0.1',
      remotePort: 0,
      localAddress: '127.0.0.1',
      encrypted: false,
      connecting: false,
      setKeepAlive() { return end; },
      setNoDelay() { return end; },
      setTimeout(ms, listener) { if (listener) end.once('timeout', listener); return end; },
      ref() { return end; },
      unref() { return end; },
      address() { return { address: '127.0.0.1', family: 'IPv4', port: 0 }; },
    });
    ends.push(end);
  }
  return ends;
}

function serveEndpoints(addresses, ask) {
  if (addresses.length === 0) return;
  // Requests for other paths on the same connection go on over TCP, with an agent of their own.
  const onward = new http.Agent({ keepAlive: true });
  const servers = addresses.map((address, index) =>
    http.createServer((req, res) => {
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const path = (req.url || '/').split('?')[0].replace(/\\/+$/, '') || '/';
        if (req.method === 'POST' && path === address.path) {
          ask(index, body.toString('utf8'), String(req.headers['content-type'] || '')).then(
            (answer) => {
              // With its length, as the engine's port sends the stand-ins' answers.
              res.writeHead(answer.status, Object.assign({}, answer.headers, { 'content-length': String(Buffer.byteLength(answer.body)) }));
              res.end(answer.body);
            },
            (error) => res.destroy(error),
          );
          return;
        }
        const headers = Object.assign({}, req.headers);
        delete headers.connection;
        const forward = http.request({ host: address.host, port: address.port, method: req.method, path: req.url, headers, agent: onward }, (answer) => {
          const back = [];
          answer.on('data', (chunk) => back.push(chunk));
          answer.on('end', () => {
            const answerHeaders = Object.assign({}, answer.headers);
            for (const name of ['connection', 'keep-alive', 'transfer-encoding', 'content-length']) delete answerHeaders[name];
            res.writeHead(answer.statusCode, answerHeaders);
            res.end(Buffer.concat(back));
          });
          answer.on('error', (error) => res.destroy(error));
        });
        forward.on('error', (error) => res.destroy(error));
        forward.end(body);
      });
    }),
  );
  // A connection is served here when the request that opens it is for an endpoint's path: the agent says which
  // request that is only to addRequest, which opens the connection (createConnection) before it returns.
  let opening = null;
  const addRequest = http.Agent.prototype.addRequest;
  http.Agent.prototype.addRequest = function (req, ...rest) {
    opening = req;
    try {
      return addRequest.call(this, req, ...rest);
    } finally {
      opening = null;
    }
  };
  const createConnection = http.Agent.prototype.createConnection;
  http.Agent.prototype.createConnection = function (options, ...rest) {
    const path = opening && typeof opening.path === 'string' ? opening.path.split('?')[0].replace(/\\/+$/, '') || '/' : null;
    const index = addresses.findIndex((address) => path === address.path && options.host === address.host && String(options.port) === address.port);
    if (index === -1 || this === onward) return createConnection.call(this, options, ...rest);
    const [client, server] = connectionPair();
    servers[index].emit('connection', server);
    return client;
  };
}
`;
