/**
 * A minimal HTTP front for the stand-in, for tests only: POST with X-Amz-Target goes to `handle`, and the JWKS and
 * openid-configuration documents are served under `/<poolId>/.well-known/` as Cognito does.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CognitoStandIn } from './stand-in.js';

export interface TestServer {
  url: string;
  /** Sets the stand-in served; call again to swap it (a restart over the same data directory). */
  serve(standIn: CognitoStandIn): void;
  close(): Promise<void>;
}

// The stand-in needs the server's URL for its issuer, so the server starts first and is given the stand-in after.
export async function startTestServer(): Promise<TestServer> {
  let standIn: CognitoStandIn | undefined;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const send = (status: number, headers: Record<string, string>, body: string) => {
        response.writeHead(status, headers);
        response.end(body);
      };
      if (!standIn) {
        send(503, {}, '');
      } else if (request.method === 'GET' && request.url === `/${standIn.poolId}/.well-known/jwks.json`) {
        send(200, { 'content-type': 'application/json' }, JSON.stringify(standIn.jwks()));
      } else if (request.method === 'GET' && request.url === `/${standIn.poolId}/.well-known/openid-configuration`) {
        send(200, { 'content-type': 'application/json' }, JSON.stringify(standIn.openidConfiguration()));
      } else if (request.method === 'POST') {
        const target = String(request.headers['x-amz-target'] ?? '');
        standIn.handle(target, Buffer.concat(chunks).toString('utf8')).then(
          (answer) => send(answer.status, answer.headers, answer.body),
          () => send(500, {}, ''),
        );
      } else {
        send(404, {}, '');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    serve(next) {
      standIn = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
