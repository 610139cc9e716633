/**
 * Reading the WebSocket handshake: which subprotocol to answer, and the auth headers the client
 * carries either as a `header-<base64url JSON>` subprotocol (aws-amplify v6) or as the `header`
 * query parameter (AppSync docs, older clients). Reference §2.1.
 */
import type { IncomingMessage } from 'node:http';

export const GRAPHQL_WS = 'graphql-ws';
const HEADER_PROTOCOL_PREFIX = 'header-';

export type HandshakeHeaders = { ok: true; headers: Record<string, string> } | { ok: false; message: string };

/**
 * Answers `graphql-ws` when offered. When it is not, we still select one of the offered protocols:
 * a client that offered protocols aborts a handshake whose answer names none of them, and then it
 * could never read the `connection_error` that says what is wrong (reference §2.1: accept, then report).
 */
export function chooseSubprotocol(offered: Set<string>): string | false {
  if (offered.has(GRAPHQL_WS)) return GRAPHQL_WS;
  const [first] = offered;
  return first ?? false;
}

export function offeredSubprotocols(req: IncomingMessage): string[] {
  const header = req.headers['sec-websocket-protocol'];
  if (typeof header !== 'string') return [];
  return header
    .split(',')
    .map((protocol) => protocol.trim())
    .filter((protocol) => protocol.length > 0);
}

const BASE64_OR_URL = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Decodes base64 or base64url (padded or not) JSON. Returns undefined when the text is not that. */
export function decodeBase64Json(text: string): unknown {
  // A `+` that the client did not percent-encode arrives as a space after query-string decoding.
  const cleaned = text.replace(/ /g, '+');
  if (!BASE64_OR_URL.test(cleaned)) return undefined;
  try {
    return JSON.parse(Buffer.from(cleaned, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Turns a JSON object of headers into string values; null when it is not an object. */
export function toHeaderRecord(value: unknown): Record<string, string> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const headers: Record<string, string> = {};
  for (const [name, headerValue] of Object.entries(value)) {
    if (headerValue === null || headerValue === undefined) continue;
    headers[name] = typeof headerValue === 'string' ? headerValue : JSON.stringify(headerValue);
  }
  return headers;
}

/**
 * Finds the connection's auth headers. The subprotocol wins over the query parameter because it is
 * what current clients send. No headers at all yields an empty record: the backend decides whether
 * that is acceptable. The `payload` query parameter is always `e30=` (`{}`) and carries nothing we need.
 */
export function readHandshakeHeaders(requestUrl: string | undefined, subprotocols: string[]): HandshakeHeaders {
  const fromProtocol = subprotocols.find((protocol) => protocol.startsWith(HEADER_PROTOCOL_PREFIX));
  let encoded: string | null = fromProtocol ? fromProtocol.slice(HEADER_PROTOCOL_PREFIX.length) : null;
  let source = 'header subprotocol';
  if (encoded === null) {
    const query = new URL(requestUrl ?? '/', 'http://localhost').searchParams;
    encoded = query.get('header');
    source = 'header query parameter';
  }
  if (encoded === null) return { ok: true, headers: {} };
  const headers = toHeaderRecord(decodeBase64Json(encoded));
  if (headers === null) return { ok: false, message: `The ${source} must be base64-encoded JSON object of auth headers` };
  return { ok: true, headers };
}
