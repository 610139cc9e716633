import { test, describe, beforeAll, afterAll, vi } from 'vitest';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { SignJWT, UnsecuredJWT, base64url } from 'jose';
import type { JSONWebKeySet, JWK } from 'jose';
import { createUserPoolVerifier, AuthError } from './jwt.js';

const issuer = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_TESTPOOL1';
const clientId = 'abcdefghijklmnopqrstuvwxyz';

function keyPair(kid: string): { privateKey: KeyObject; jwk: JWK } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...(publicKey.export({ format: 'jwk' }) as JWK), kid, alg: 'RS256', use: 'sig' };
  return { privateKey, jwk };
}

const good = keyPair('kid-1');
const other = keyPair('kid-1'); // same kid, different key: a forgery
const jwks: JSONWebKeySet = { keys: [good.jwk] };
const nowSeconds = () => Math.floor(Date.now() / 1000);

function idClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub: 'sub-1',
    'cognito:username': 'alice',
    email: 'alice@example.com',
    aud: clientId,
    token_use: 'id',
    auth_time: nowSeconds(),
    iss: issuer,
    ...overrides,
  };
}

function accessClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub: 'sub-1',
    username: 'alice',
    client_id: clientId,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    iss: issuer,
    ...overrides,
  };
}

async function sign(claims: Record<string, unknown>, options: { key?: KeyObject; kid?: string; expSeconds?: number } = {}) {
  const iat = nowSeconds();
  return new SignJWT({ iat, exp: iat + (options.expSeconds ?? 3600), ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'kid-1' })
    .sign(options.key ?? good.privateKey);
}

const verifier = createUserPoolVerifier({ issuer, keys: jwks, clientIds: [clientId] });

async function rejects(token: string, message: string) {
  await assert.rejects(verifier.verify(token, ['127.0.0.1']), (error: unknown) => {
    assert.ok(error instanceof AuthError, `expected AuthError, got ${String(error)}`);
    assert.equal(error.message, message);
    assert.equal(error.errorType, 'UnauthorizedException');
    assert.equal(error.statusCode, 401);
    return true;
  });
}

describe('createUserPoolVerifier', () => {
  test('an id token becomes a Cognito identity with cognito:username', async () => {
    const token = await sign(idClaims());
    const identity = await verifier.verify(token, ['10.0.0.1', '127.0.0.1']);
    assert.equal(identity.username, 'alice');
    assert.equal(identity.sub, 'sub-1');
    assert.equal(identity.issuer, issuer);
    assert.equal(identity.groups, null);
    assert.deepEqual(identity.sourceIp, ['10.0.0.1', '127.0.0.1']);
    assert.equal(identity.defaultAuthStrategy, 'ALLOW');
    assert.equal(identity.claims.email, 'alice@example.com');
    assert.equal(identity.claims.token_use, 'id');
    assert.equal(identity.claims['cognito:username'], 'alice');
  });

  test('an access token takes the username claim, and groups come from cognito:groups', async () => {
    const token = await sign(accessClaims({ username: 'bob', 'cognito:groups': ['admins', 'players'] }));
    const identity = await verifier.verify(token, []);
    assert.equal(identity.username, 'bob');
    assert.deepEqual(identity.groups, ['admins', 'players']);
    assert.equal(identity.claims.client_id, clientId);
  });

  test('an expired but genuine token says the token has expired', async () => {
    const token = await sign(idClaims(), { expSeconds: -120 });
    await rejects(token, 'Token has expired.');
  });

  test('a token signed by another key under the same kid is refused', async () => {
    await rejects(await sign(idClaims(), { key: other.privateKey }), 'You are not authorized to make this call.');
  });

  test('an expired forgery is refused as unauthorized, not as expired', async () => {
    await rejects(await sign(idClaims(), { key: other.privateKey, expSeconds: -120 }), 'You are not authorized to make this call.');
  });

  test('a token whose kid is not in the key set is refused', async () => {
    await rejects(await sign(idClaims(), { key: other.privateKey, kid: 'kid-unknown' }), 'You are not authorized to make this call.');
  });

  test('alg none is refused', async () => {
    const token = new UnsecuredJWT(idClaims({ exp: nowSeconds() + 3600 })).encode();
    await rejects(token, 'You are not authorized to make this call.');
  });

  test('HS256 is refused, even keyed with the public modulus', async () => {
    const secret = new TextEncoder().encode(String(good.jwk.n));
    const token = await new SignJWT({ ...idClaims(), exp: nowSeconds() + 3600 })
      .setProtectedHeader({ alg: 'HS256', kid: 'kid-1' })
      .sign(secret);
    await rejects(token, 'You are not authorized to make this call.');
  });

  test('a token from another issuer is refused', async () => {
    await rejects(await sign(idClaims({ iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_OTHER' })), 'You are not authorized to make this call.');
  });

  test('an id token for another app client is refused', async () => {
    await rejects(await sign(idClaims({ aud: 'another-client' })), 'You are not authorized to make this call.');
  });

  test('an access token for another app client is refused', async () => {
    await rejects(await sign(accessClaims({ client_id: 'another-client' })), 'You are not authorized to make this call.');
  });

  test('a token with an unknown or missing token_use is refused', async () => {
    await rejects(await sign(idClaims({ token_use: 'refresh' })), 'You are not authorized to make this call.');
    const { token_use: _dropped, ...withoutUse } = idClaims();
    await rejects(await sign(withoutUse), 'You are not authorized to make this call.');
  });

  test('a token without a username claim is refused', async () => {
    await rejects(await sign(accessClaims({ username: undefined })), 'You are not authorized to make this call.');
  });

  test('garbage cannot be parsed', async () => {
    await rejects('not-a-jwt', 'Unable to parse JWT token.');
    await rejects('a.b.c', 'Unable to parse JWT token.');
    const badJson = `${base64url.encode('{"alg":"RS256"')}.${base64url.encode('{}')}.sig`;
    await rejects(badJson, 'Unable to parse JWT token.');
  });

  test('a Bearer prefix is refused like any unparseable header', async () => {
    const token = await sign(idClaims());
    await rejects(`Bearer ${token}`, 'Unable to parse JWT token.');
  });

  test('an empty header is refused as missing', async () => {
    await rejects('', 'Valid authorization header not provided.');
  });

  test('keys can come from a function, which sees a rotated key set', async () => {
    let current: JSONWebKeySet = { keys: [good.jwk] };
    const rotating = createUserPoolVerifier({ issuer, keys: () => current, clientIds: [clientId] });
    const newKey = keyPair('kid-2');
    const tokenForNewKey = await sign(idClaims(), { key: newKey.privateKey, kid: 'kid-2' });
    await assert.rejects(rotating.verify(tokenForNewKey, []), AuthError);
    current = { keys: [good.jwk, newKey.jwk] };
    const identity = await rotating.verify(tokenForNewKey, []);
    assert.equal(identity.username, 'alice');
  });

  test('options are checked', () => {
    assert.throws(() => createUserPoolVerifier({ issuer, keys: jwks, clientIds: [] }), /client id/);
    assert.throws(() => createUserPoolVerifier({ issuer: '', keys: jwks, clientIds: [clientId] }), /issuer/);
  });
});

describe('verified tokens are remembered', () => {
  test('a token seen again is accepted from memory, with a fresh identity for this request', async () => {
    const remembering = createUserPoolVerifier({ issuer, keys: jwks, clientIds: [clientId] });
    const token = await sign(idClaims({ 'cognito:groups': ['players'] }));
    const first = await remembering.verify(token, ['10.0.0.1']);
    assert.equal(remembering.rememberedTokens(), 1);
    const second = await remembering.verify(token, ['10.0.0.2']);
    assert.equal(remembering.rememberedTokens(), 1);
    assert.deepEqual(second, { ...first, sourceIp: ['10.0.0.2'] });
    assert.notEqual(second.claims, first.claims);
  });

  test('a remembered token is refused as expired once its exp has passed', async () => {
    const remembering = createUserPoolVerifier({ issuer, keys: jwks, clientIds: [clientId] });
    const token = await sign(idClaims(), { expSeconds: 60 });
    assert.equal((await remembering.verify(token, [])).username, 'alice');
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 61_000);
      await assert.rejects(remembering.verify(token, []), (error: unknown) => error instanceof AuthError && error.message === 'Token has expired.');
      assert.equal(remembering.rememberedTokens(), 0);
    } finally {
      vi.useRealTimers();
    }
  });

  test('a remembered token is refused once the pool no longer publishes its key', async () => {
    let current: JSONWebKeySet = { keys: [good.jwk] };
    // A new object on every call, as the Cognito stand-in answers.
    const rotating = createUserPoolVerifier({ issuer, keys: () => ({ keys: [...current.keys] }), clientIds: [clientId] });
    const token = await sign(idClaims());
    await rotating.verify(token, []);
    await rotating.verify(token, []);
    assert.equal(rotating.rememberedTokens(), 1);
    current = { keys: [keyPair('kid-2').jwk] };
    await assert.rejects(rotating.verify(token, []), (error: unknown) => error instanceof AuthError && error.message === 'You are not authorized to make this call.');
    assert.equal(rotating.rememberedTokens(), 0);
  });

  test('a token refused for its app client is not remembered', async () => {
    const remembering = createUserPoolVerifier({ issuer, keys: jwks, clientIds: [clientId] });
    const token = await sign(idClaims({ aud: 'another-client' }));
    await assert.rejects(remembering.verify(token, []), AuthError);
    await assert.rejects(remembering.verify(token, []), AuthError);
    assert.equal(remembering.rememberedTokens(), 0);
  });

  test('at most rememberTokens tokens are kept, the oldest dropped first, and a dropped one still verifies', async () => {
    const remembering = createUserPoolVerifier({ issuer, keys: jwks, clientIds: [clientId], rememberTokens: 2 });
    const tokens = await Promise.all(['a', 'b', 'c'].map((user) => sign(idClaims({ 'cognito:username': user }))));
    for (const token of tokens) await remembering.verify(token, []);
    assert.equal(remembering.rememberedTokens(), 2);
    assert.equal((await remembering.verify(tokens[0], [])).username, 'a');
    assert.equal(remembering.rememberedTokens(), 2);
  });

  test('tokens checked against a remote key set are verified every time', async () => {
    const remote = createUserPoolVerifier({ issuer, keys: new URL('http://127.0.0.1:9/jwks.json'), clientIds: [clientId] });
    await assert.rejects(remote.verify(await sign(idClaims()), []), AuthError);
    assert.equal(remote.rememberedTokens(), 0);
  });
});

describe('createUserPoolVerifier with a JWKS URL', () => {
  let url: URL;
  const server = createServer((request, response) => {
    if (request.url === '/.well-known/jwks.json') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(jwks));
    } else {
      response.writeHead(404).end();
    }
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('fetches the keys and verifies against them', async () => {
    const remote = createUserPoolVerifier({ issuer, keys: url, clientIds: [clientId] });
    assert.equal((await remote.verify(await sign(idClaims()), [])).username, 'alice');
    await assert.rejects(remote.verify(await sign(idClaims(), { key: other.privateKey }), []), AuthError);
  });
});
