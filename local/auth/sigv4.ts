/**
 * AWS_IAM authorization of AppSync requests: verifies a Signature Version 4 `Authorization` header
 * by computing the signature again with the secret of the access key it names. Only keys the
 * engine knows are accepted (see iam-credentials.ts). Written from the SigV4 specification, not
 * from the SDK's signer, so the tests that sign with the SDK check one against the other.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AuthError } from './errors.js';

export interface IamCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** The principal these keys stand for, as `ctx.identity.userArn`. */
  userArn: string;
  accountId: string;
}

/** The parts of an HTTP request the signature covers. */
export interface SignedRequest {
  method: string;
  path: string;
  /** The raw query string, without `?`. */
  query: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: string;
}

/** `ctx.identity` for an AWS_IAM caller, as AppSync fills it for IAM users and roles (no Cognito identity pool). */
export interface IamIdentity {
  accountId: string;
  userArn: string;
  username: string;
  sourceIp: string[];
  cognitoIdentityPoolId: null;
  cognitoIdentityId: null;
  cognitoIdentityAuthType: null;
  cognitoIdentityAuthProvider: null;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
/** AWS refuses a signature whose x-amz-date is more than 15 minutes away from its own clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;
const NOT_AUTHORIZED = 'You are not authorized to make this call.';

export function isSigV4(authorization: string | undefined): boolean {
  return typeof authorization === 'string' && authorization.startsWith(`${ALGORITHM} `);
}

export function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** The key of one day, region and service, derived from the secret (it changes only with them). */
export function sigV4SigningKey(secretAccessKey: string, day: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), service), 'aws4_request');
}

/** The signature of a canonical request: what a signer sends and a verifier recomputes. */
export function sigV4Signature(key: Buffer, amzDate: string, scope: string, canonicalRequest: string): Buffer {
  const toSign = [ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  return createHmac('sha256', key).update(toSign, 'utf8').digest();
}

/** RFC 3986 encoding, as SigV4 wants it: everything but unreserved characters. */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalPath(path: string): string {
  // Services other than S3 sign each segment encoded twice; the first encoding is what arrived.
  return path.split('/').map((segment) => uriEncode(segment)).join('/') || '/';
}

function canonicalQuery(query: string): string {
  if (query === '') return '';
  const pairs = query.split('&').filter(Boolean).map((pair) => {
    const [key, value = ''] = pair.split('=');
    return [uriEncode(decodeURIComponent(key.replace(/\+/g, ' '))), uriEncode(decodeURIComponent(value.replace(/\+/g, ' ')))] as const;
  });
  pairs.sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function parseAuthorization(header: string): { credential: string[]; signedHeaders: string[]; signature: string } {
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const credential = fields.get('Credential')?.split('/') ?? [];
  const signedHeaders = fields.get('SignedHeaders')?.split(';') ?? [];
  const signature = fields.get('Signature') ?? '';
  if (credential.length !== 5 || signedHeaders.length === 0 || !/^[0-9a-f]{64}$/.test(signature)) {
    throw new AuthError(NOT_AUTHORIZED, 'a malformed SigV4 Authorization header (Credential, SignedHeaders or Signature)');
  }
  return { credential, signedHeaders, signature };
}

function amzDateMillis(value: string | undefined): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!match) return NaN;
  const [, y, mo, d, h, mi, s] = match;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
}

export interface SigV4VerifierOptions {
  region: string;
  /** The service in the credential scope: `appsync` for AppSync's GraphQL endpoint. */
  service: string;
  credentials: () => IamCredentials[];
  now?: () => number;
}

export function createSigV4Verifier(options: SigV4VerifierOptions) {
  const now = options.now ?? Date.now;
  return {
    /** The caller's identity, or an AuthError whose reason says exactly what did not match. */
    verify(request: SignedRequest, sourceIp: string[]): IamIdentity {
      const { credential, signedHeaders, signature } = parseAuthorization(request.headers['authorization'] ?? '');
      const [accessKeyId, day, region, service, terminator] = credential;
      const known = options.credentials().find((c) => c.accessKeyId === accessKeyId);
      if (!known) throw new AuthError(NOT_AUTHORIZED, `SigV4: unknown access key ${accessKeyId}`);
      if (terminator !== 'aws4_request' || service !== options.service || region !== options.region) {
        throw new AuthError(NOT_AUTHORIZED, `SigV4: credential scope ${day}/${region}/${service} is not ${options.region}/${options.service}`);
      }
      const amzDate = request.headers['x-amz-date'];
      const signedAt = amzDateMillis(amzDate);
      if (Number.isNaN(signedAt) || !amzDate!.startsWith(day)) throw new AuthError(NOT_AUTHORIZED, 'SigV4: missing or malformed x-amz-date, or another day than the credential scope');
      if (Math.abs(now() - signedAt) > MAX_SKEW_MS) throw new AuthError('Signature expired', `SigV4: signed at ${amzDate}, more than 15 minutes from now`);
      if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date')) throw new AuthError(NOT_AUTHORIZED, 'SigV4: host and x-amz-date must be signed');
      const missing = signedHeaders.find((name) => request.headers[name] === undefined);
      if (missing) throw new AuthError(NOT_AUTHORIZED, `SigV4: signed header ${missing} is not in the request`);

      const headerLines = signedHeaders.map((name) => `${name}:${(request.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
      const payloadHash = sha256Hex(request.body);
      const claimedHash = request.headers['x-amz-content-sha256'];
      if (claimedHash !== undefined && claimedHash !== payloadHash) throw new AuthError(NOT_AUTHORIZED, 'SigV4: x-amz-content-sha256 does not match the body');
      const canonical = [request.method, canonicalPath(request.path), canonicalQuery(request.query), headerLines, signedHeaders.join(';'), payloadHash].join('\n');
      const scope = `${day}/${region}/${service}/aws4_request`;
      const expected = sigV4Signature(sigV4SigningKey(known.secretAccessKey, day, region, service), amzDate!, scope, canonical);
      if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) throw new AuthError(NOT_AUTHORIZED, 'SigV4: the signature does not match (wrong secret, or the request changed after signing)');

      return {
        accountId: known.accountId,
        userArn: known.userArn,
        username: accessKeyId,
        sourceIp,
        cognitoIdentityPoolId: null,
        cognitoIdentityId: null,
        cognitoIdentityAuthType: null,
        cognitoIdentityAuthProvider: null,
      };
    },
  };
}

export type SigV4Verifier = ReturnType<typeof createSigV4Verifier>;
