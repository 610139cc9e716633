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
}

export interface UserPoolVerifier {
  verify(token: string, sourceIp: string[]): Promise<CognitoIdentity>;
}

// Cognito signs with RS256 only; accepting anything else would let `alg: none` or an HMAC keyed with the public
// key through.
const ALGORITHMS = ['RS256'];

export function createUserPoolVerifier(options: UserPoolVerifierOptions): UserPoolVerifier {
  if (!options.issuer) throw new Error('createUserPoolVerifier: issuer is required');
  if (!Array.isArray(options.clientIds) || options.clientIds.length === 0) {
    throw new Error('createUserPoolVerifier: at least one client id is required');
  }
  const getKey = keyResolver(options.keys);
  const clientIds = new Set(options.clientIds);

  async function verify(token: string, sourceIp: string[]): Promise<CognitoIdentity> {
    if (typeof token !== 'string' || token.trim() === '') throw new AuthError(AUTH_MESSAGES.noHeader, 'the Authorization header is empty');
    if (/^bearer\s/i.test(token)) throw new AuthError(AUTH_MESSAGES.unparseable, 'the Authorization header starts with "Bearer ": send the raw token');
    // AppSync wants the raw JWT in `Authorization` (reference §1.2). We do not strip a `Bearer ` prefix: such a
    // header is not a JWT, so it fails like any other unparseable token. [U] real AppSync's exact answer to a
    // Bearer-prefixed token is unconfirmed; rejecting is the safe choice and keeps clients honest.
    assertParseable(token);
    const header = decodeProtectedHeader(token);
    if (header.alg !== 'RS256') throw new AuthError(AUTH_MESSAGES.notAuthorized, `the token is signed with ${String(header.alg)}, not RS256`);

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, getKey, {
        algorithms: ALGORITHMS,
        issuer: options.issuer,
        requiredClaims: ['exp', 'sub', 'token_use'],
      }));
    } catch (error) {
      // jose checks the signature before the claims, so a forged token never reaches the "expired" answer.
      if (error instanceof errors.JWTExpired) throw new AuthError(AUTH_MESSAGES.expired, `the token expired at ${expiry(token)}`);
      throw new AuthError(AUTH_MESSAGES.notAuthorized, verifyFailure(error, options.issuer));
    }
    return identityFrom(payload, clientIds, options.issuer, sourceIp);
  }

  return { verify };
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

function keyResolver(source: PublicKeySource): JWTVerifyGetKey {
  if (source instanceof URL) return createRemoteJWKSet(source);
  if (typeof source !== 'function') {
    if (!source || !Array.isArray(source.keys)) throw new Error('createUserPoolVerifier: keys must be a JWK set');
    return createLocalJWKSet(source);
  }
  // A provider function may hand back new keys at any time (a key rotated on disk); rebuild the set only then.
  let lastKeys: JSONWebKeySet | undefined;
  let lastSet: JWTVerifyGetKey | undefined;
  return async (header, token) => {
    const keys = await source();
    if (keys !== lastKeys || !lastSet) {
      lastKeys = keys;
      lastSet = createLocalJWKSet(keys);
    }
    return lastSet(header, token);
  };
}
