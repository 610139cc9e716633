/**
 * Verifies Cognito user-pool tokens the way AppSync's AMAZON_COGNITO_USER_POOLS mode does, and turns a valid
 * token into `ctx.identity`. Works with any pool that publishes a JWKS: the local stand-in or a real one.
 */
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { JSONWebKeySet, JWTPayload, JWTVerifyGetKey } from 'jose';
import type { CognitoIdentity } from '../runtime/contract.js';
import { AUTH_MESSAGES, AuthError } from './errors.js';

export { AuthError } from './errors.js';

/** Where the pool's public keys come from: a fixed set, a function (e.g. the in-process stand-in), or a JWKS URL. */
export type PublicKeySource = JSONWebKeySet | (() => JSONWebKeySet | Promise<JSONWebKeySet>) | URL;

export interface UserPoolVerifierOptions {
  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>` or the stand-in's issuer. */
  issuer: string;
  keys: PublicKeySource;
  /** App clients whose tokens are accepted (`aud` of id tokens, `client_id` of access tokens). */
  clientIds: string[];
  /** How many verified tokens are remembered (default VERIFIED_TOKEN_CACHE_SIZE). */
  rememberTokens?: number;
}

export interface UserPoolVerifier {
  verify(token: string, sourceIp: string[]): Promise<CognitoIdentity>;
  /** How many verified tokens are remembered now. */
  rememberedTokens(): number;
}

// Cognito signs with RS256 only; accepting anything else would let `alg: none` or an HMAC keyed with the public
// key through.
const ALGORITHMS = ['RS256'];

/**
 * Verified tokens are remembered by their text: a client sends the same token with every request until it
 * expires, and checking its RS256 signature again each time was the largest part of a request's auth.
 * A remembered token is used only while the pool still publishes the very key set it was verified
 * against and its `exp` (and `nbf`) still hold, checked as jose checks them; otherwise it is verified
 * from scratch, so an expired token or one whose key was withdrawn is refused exactly as before.
 * At most this many tokens are kept, the oldest dropped first.
 */
export const VERIFIED_TOKEN_CACHE_SIZE = 1000;

interface VerifiedToken {
  payload: JWTPayload;
  /** The version of the key set the signature was checked against. */
  version: object;
}

/** The pool's current keys; `version` stays the same object for as long as the set is the same (null: a remote set, never remembered). */
interface KeyView {
  version: object | null;
  getKey: JWTVerifyGetKey;
}

export function createUserPoolVerifier(options: UserPoolVerifierOptions): UserPoolVerifier {
  if (!options.issuer) throw new Error('createUserPoolVerifier: issuer is required');
  if (!Array.isArray(options.clientIds) || options.clientIds.length === 0) {
    throw new Error('createUserPoolVerifier: at least one client id is required');
  }
  const currentKeys = keyViews(options.keys);
  const clientIds = new Set(options.clientIds);
  const verified = new Map<string, VerifiedToken>();
  const limit = options.rememberTokens ?? VERIFIED_TOKEN_CACHE_SIZE;

  function remembered(token: string, version: object | null): JWTPayload | undefined {
    const entry = verified.get(token);
    if (!entry) return undefined;
    if (entry.version === version && stillValid(entry.payload)) return entry.payload;
    verified.delete(token);
    return undefined;
  }

  function remember(token: string, payload: JWTPayload, version: object | null): void {
    if (version === null || limit <= 0) return;
    if (verified.size >= limit) verified.delete(verified.keys().next().value as string);
    verified.set(token, { payload, version });
  }

  async function verify(token: string, sourceIp: string[]): Promise<CognitoIdentity> {
    if (typeof token !== 'string' || token.trim() === '') throw new AuthError(AUTH_MESSAGES.noHeader, 'the Authorization header is empty');
    // AppSync wants the raw JWT in `Authorization` (reference §1.2). We do not strip a `Bearer ` prefix: such a
    // header is not a JWT, so it fails like any other unparseable token. [U] real AppSync's exact answer to a
    // Bearer-prefixed token is unconfirmed; rejecting is the safe choice and keeps clients honest.
    if (/^bearer\s/i.test(token)) throw new AuthError(AUTH_MESSAGES.unparseable, 'the Authorization header starts with "Bearer ": send the raw token');
    let view: KeyView;
    try {
      view = await currentKeys();
    } catch (error) {
      throw new AuthError(AUTH_MESSAGES.notAuthorized, `the user pool's keys could not be read: ${(error as Error).message}`);
    }
    const known = remembered(token, view.version);
    if (known) return identityFrom(known, clientIds, options.issuer, sourceIp);
    assertParseable(token);
    const header = decodeProtectedHeader(token);
    if (header.alg !== 'RS256') throw new AuthError(AUTH_MESSAGES.notAuthorized, `the token is signed with ${String(header.alg)}, not RS256`);

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, view.getKey, {
        algorithms: ALGORITHMS,
        issuer: options.issuer,
        requiredClaims: ['exp', 'sub', 'token_use'],
      }));
    } catch (error) {
      // jose checks the signature before the claims, so a forged token never reaches the "expired" answer.
      if (error instanceof errors.JWTExpired) throw new AuthError(AUTH_MESSAGES.expired, `the token expired at ${expiry(token)}`);
      throw new AuthError(AUTH_MESSAGES.notAuthorized, verifyFailure(error, options.issuer));
    }
    // A token refused for its client or user is not remembered: identityFrom throws first.
    const identity = identityFrom(payload, clientIds, options.issuer, sourceIp);
    remember(token, payload, view.version);
    return identity;
  }

  return { verify, rememberedTokens: () => verified.size };
}

/** jose's own time checks (no clock tolerance): `exp` is after this second and `nbf`, if any, is not. */
function stillValid(payload: JWTPayload): boolean {
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.exp !== 'number' || payload.exp <= now) return false;
  return typeof payload.nbf !== 'number' || payload.nbf <= now;
}

function assertParseable(token: string): void {
  try {
    decodeProtectedHeader(token);
    decodeJwt(token);
  } catch {
    throw new AuthError(AUTH_MESSAGES.unparseable, 'the Authorization header is not a JWT');
  }
}

function expiry(token: string): string {
  const { exp } = decodeJwt(token);
  return typeof exp === 'number' ? new Date(exp * 1000).toISOString() : 'an unknown time';
}

/** Why jose refused a token, in words that point at the fix. */
function verifyFailure(error: unknown, issuer: string): string {
  if (error instanceof errors.JWSSignatureVerificationFailed) return "the token's signature does not match the user pool's keys";
  if (error instanceof errors.JWKSNoMatchingKey) return "the token is signed with a key the user pool does not publish (another pool, or an engine's earlier signing key)";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return `the token's issuer is not this user pool (${issuer})`;
    return `the token's ${error.claim} claim is refused: ${error.reason}`;
  }
  return `the token is refused: ${(error as Error).message}`;
}

function identityFrom(payload: JWTPayload, clientIds: Set<string>, issuer: string, sourceIp: string[]): CognitoIdentity {
  let username: unknown;
  if (payload.token_use === 'id') {
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.some((aud) => typeof aud === 'string' && clientIds.has(aud))) {
      throw new AuthError(AUTH_MESSAGES.notAuthorized, `the id token is for another app client (aud ${audiences.join(',')})`);
    }
    username = payload['cognito:username'];
  } else if (payload.token_use === 'access') {
    if (typeof payload.client_id !== 'string' || !clientIds.has(payload.client_id)) {
      throw new AuthError(AUTH_MESSAGES.notAuthorized, `the access token is for another app client (client_id ${String(payload.client_id)})`);
    }
    username = payload.username;
  } else {
    throw new AuthError(AUTH_MESSAGES.notAuthorized, `the token's token_use is ${JSON.stringify(payload.token_use)}, neither "id" nor "access"`);
  }
  if (typeof username !== 'string' || typeof payload.sub !== 'string') throw new AuthError(AUTH_MESSAGES.notAuthorized, 'the token names no user (username or sub missing)');

  const groups = payload['cognito:groups'];
  return {
    sub: payload.sub,
    username,
    groups: Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : null,
    issuer,
    claims: { ...payload },
    sourceIp: [...sourceIp],
    defaultAuthStrategy: 'ALLOW',
  };
}

function keyViews(source: PublicKeySource): () => KeyView | Promise<KeyView> {
  if (source instanceof URL) {
    // jose fetches and refreshes a remote set itself; its tokens are verified every time.
    const remote: KeyView = { version: null, getKey: createRemoteJWKSet(source) };
    return () => remote;
  }
  if (typeof source !== 'function') {
    if (!source || !Array.isArray(source.keys)) throw new Error('createUserPoolVerifier: keys must be a JWK set');
    const fixed: KeyView = { version: source, getKey: createLocalJWKSet(source) };
    return () => fixed;
  }
  // A provider function may hand back new keys at any time (a key rotated on disk); the set is rebuilt, and the
  // tokens verified against the old one forgotten, only when its content changes (the stand-in returns a new
  // object on every call).
  let last: (KeyView & { text: string }) | undefined;
  return async () => {
    const keys = await source();
    const text = JSON.stringify(keys);
    if (!last || last.text !== text) last = { version: {}, text, getKey: createLocalJWKSet(keys) };
    return last;
  };
}
