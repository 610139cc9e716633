/**
 * One HTTP exchange over node:http or node:https, for a command that makes a handful of requests and exits.
 * Not fetch: Node's fetch compiles its HTTP parser (WebAssembly) on first use and the process then waits for that
 * compilation before it can exit, about 0.2 s of every `turnbase` run, far more than the request itself.
 */
import { request as httpRequest } from 'node:http';

export interface HttpAnswer {
  status: number;
  ok: boolean;
  text: string;
}

export interface HttpRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** A connection silent this long is given up (fetch's own default waits five minutes). */
  timeoutMs?: number;
}

/** Sends one request and reads the whole answer; a network failure rejects with the error (its `code` says which). */
export async function send(url: string | URL, { method = 'GET', headers = {}, body, timeoutMs = 60_000 }: HttpRequest = {}): Promise<HttpAnswer> {
  const target = new URL(url);
  // TLS is loaded only for a deployed API: the local engine speaks plain HTTP, and loading it costs a short run dearly.
  const request = target.protocol === 'https:' ? (await import('node:https')).request : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(target, { method, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        resolve({ status, ok: status >= 200 && status < 300, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    outgoing.setTimeout(timeoutMs, () => outgoing.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
