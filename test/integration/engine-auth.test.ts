/**
 * Auth through the engine: real Cognito tokens from the local provider are accepted (id and access),
 * every kind of bad token is refused with AppSync's 401, and field directives are enforced.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminConfirmSignUpCommand, CognitoIdentityProviderClient, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { SignJWT } from 'jose';
import type { KeyObject } from 'node:crypto';
import type { RunningEngine } from '../../local/index.js';
import { loadOrCreateSigningKey } from '../../local/cognito/signing-key.js';
import { post, startTestEngine } from '../support/engine.js';

let engine: RunningEngine;
let dataDir: string;
let idToken: string;
let accessToken: string;
let readerSub: string;
let poolKey: { kid: string; privateKey: KeyObject };
const logs: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'turnbase-auth-'));
  engine = await startTestEngine({ dataDir, log: (line) => logs.push(line) });
  const pool = engine.userPool!;
  const cognito = new CognitoIdentityProviderClient({ endpoint: pool.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const signedUp = await cognito.send(new SignUpCommand({ ClientId: pool.clientId, Username: 'reader', Password: 'Readbooks1', UserAttributes: [{ Name: 'email', Value: 'reader@example.com' }] }));
  readerSub = signedUp.UserSub!;
  await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: pool.id, Username: 'reader' }));
  const auth = await cognito.send(new InitiateAuthCommand({ ClientId: pool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'reader', PASSWORD: 'Readbooks1' } }));
  idToken = auth.AuthenticationResult!.IdToken!;
  accessToken = auth.AuthenticationResult!.AccessToken!;
  // The pool's own key, read from the data directory, to mint tokens that are validly signed but wrong otherwise.
  poolKey = loadOrCreateSigningKey(join(dataDir, 'cognito'));
});

afterAll(async () => {
  await engine.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const whoami = '{ whoami { username sub groups authType } }';

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: randomUUID(),
    'cognito:username': 'minted',
    aud: engine.userPool!.clientId,
    token_use: 'id',
    iss: engine.userPool!.issuer,
    iat: now,
    auth_time: now,
    exp: now + 600,
    ...overrides,
  };
}

function mint(payload: Record<string, unknown>, key: KeyObject = poolKey.privateKey, kid = poolKey.kid): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
}

describe('valid user-pool tokens', () => {
  test('the id token identifies the caller', async () => {
    const answer = await post(engine.graphqlUrl, { query: whoami }, { authorization: idToken });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { data: { whoami: { username: 'reader', sub: readerSub, groups: null, authType: 'User Pool Authorization' } } });
  });

  test('the access token (what aws-amplify v6 sends) identifies the same caller', async () => {
    const answer = await post(engine.graphqlUrl, { query: whoami }, { authorization: accessToken });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { data: { whoami: { username: 'reader', sub: readerSub, groups: null, authType: 'User Pool Authorization' } } });
  });

  test('a group-restricted field refuses a caller outside the group, field by field', async () => {
    const answer = await post(engine.graphqlUrl, { query: '{ adminOnly echo(message: "x") }' }, { authorization: idToken });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body.data, { adminOnly: null, echo: null });
    assert.deepEqual(answer.body.errors?.map((e) => e.message).sort(), ['Not Authorized to access adminOnly on type Query', 'Not Authorized to access echo on type Query']);
  });

  test('a caller in the group passes', async () => {
    const admin = await mint(claims({ 'cognito:groups': ['admins'] }));
    const answer = await post(engine.graphqlUrl, { query: '{ adminOnly }' }, { authorization: admin });
    assert.deepEqual(answer.body, { data: { adminOnly: 'for admins' } });
  });

  test('an API key caller cannot reach a user-pool-only field', async () => {
    const answer = await post(engine.graphqlUrl, { query: whoami }, { 'x-api-key': engine.apiKey });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.data?.whoami, null);
    assert.equal(answer.body.errors?.[0].errorType, 'Unauthorized');
  });
});

/** The request log line of the last 401, whose `reason` tells the developer what the caller did wrong. */
function last401(): Record<string, unknown> {
  const line = logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.status === 401).at(-1);
  assert.ok(line, 'no log line for the 401');
  return line;
}

describe('bad tokens answer 401 UnauthorizedException, and the log says why', () => {
  const header = (object: unknown) => Buffer.from(JSON.stringify(object)).toString('base64url');
  const bad: Array<[string, () => Promise<string>, RegExp]> = [
    ['garbage', async () => 'not-a-jwt', /not a JWT/],
    ['alg none', async () => `${header({ alg: 'none', typ: 'JWT' })}.${header(claims())}.`, /signed with none, not RS256/],
    ['a forged signature (another key, same kid)', async () => mint(claims(), generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey), /signature does not match/],
    ['an expired token', async () => mint(claims({ exp: Math.floor(Date.now() / 1000) - 60 })), /token expired at \d{4}-/],
    ['a wrong issuer', async () => mint(claims({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other' })), /issuer is not this user pool/],
    ['a wrong client (id token aud)', async () => mint(claims({ aud: 'someoneelsesclient' })), /id token is for another app client \(aud someoneelsesclient\)/],
    ['a wrong client (access token client_id)', async () => mint(claims({ aud: undefined, token_use: 'access', client_id: 'someoneelsesclient', username: 'minted' })), /access token is for another app client/],
    ['a token_use that is neither id nor access', async () => mint(claims({ token_use: 'refresh' })), /token_use is "refresh"/],
    ['a Bearer prefix (AppSync takes the raw JWT)', async () => `Bearer ${idToken}`, /starts with "Bearer ": send the raw token/],
  ];
  for (const [name, token, reason] of bad) {
    test(name, async () => {
      const answer = await post(engine.graphqlUrl, { query: whoami }, { authorization: await token() });
      assert.equal(answer.status, 401);
      assert.equal(answer.headers.get('x-amzn-errortype'), 'UnauthorizedException');
      assert.equal(answer.body.errors?.[0].errorType, 'UnauthorizedException');
      assert.equal(answer.body.data, undefined);
      const line = last401();
      assert.match(String(line.reason), reason);
      assert.deepEqual(line.errors, [{ errorType: 'UnauthorizedException', message: answer.body.errors?.[0].message }]);
    });
  }

  test('no credentials at all', async () => {
    const answer = await post(engine.graphqlUrl, { query: whoami });
    assert.equal(answer.status, 401);
    assert.equal(last401().reason, 'no Authorization or x-api-key header');
  });

  test('an unknown API key', async () => {
    const answer = await post(engine.graphqlUrl, { query: '{ echo(message: "x") }' }, { 'x-api-key': 'da2-notakeyofthisengine' });
    assert.equal(answer.status, 401);
    assert.match(String(last401().reason), /^unknown API key/);
  });
});
