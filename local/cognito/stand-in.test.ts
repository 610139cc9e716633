import { test, describe, beforeAll, afterAll } from 'vitest';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminConfirmSignUpCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RevokeTokenCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { UserPoolConfig } from '../../description/types.js';
import { createUserPoolVerifier } from '../auth/jwt.js';
import { createCognitoStandIn } from './stand-in.js';
import type { CodeDelivery, CognitoStandIn } from './stand-in.js';
import { startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

const region = 'eu-west-1';
const password = 'Passw0rdOk';

// The seed tutorial's pool: min 8, upper, lower, number; phone_number required and verified by SMS.
const seedPool: UserPoolConfig = {
  name: 'turn-based-users',
  passwordPolicy: { minLength: 8, requireUppercase: true, requireLowercase: true, requireNumbers: true, requireSymbols: false },
  requiredAttributes: ['phone_number'],
  selfSignUp: true,
  autoVerify: ['phone_number'],
  client: { name: 'turn-based-backend', authFlows: ['ADMIN_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH'] },
};

interface Harness {
  server: TestServer;
  standIn: CognitoStandIn;
  client: CognitoIdentityProviderClient;
  codes: CodeDelivery[];
  close(): Promise<void>;
}

async function startHarness(options: { pool?: UserPoolConfig; dataDir?: string | null; now?: () => number } = {}): Promise<Harness> {
  const server = await startTestServer();
  const codes: CodeDelivery[] = [];
  const standIn = createCognitoStandIn({
    pool: options.pool ?? seedPool,
    region,
    dataDir: options.dataDir ?? null,
    issuerBaseUrl: server.url,
    deliverCode: (message) => codes.push(message),
    now: options.now,
  });
  server.serve(standIn);
  const client = new CognitoIdentityProviderClient({
    region,
    endpoint: server.url,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  return {
    server,
    standIn,
    client,
    codes,
    async close() {
      client.destroy();
      await server.close();
    },
  };
}

/** Asserts that a promise fails with Cognito's error name and exact message, as the SDK reports it. */
async function failsWith(promise: Promise<unknown>, name: string, message?: string | RegExp): Promise<void> {
  await assert.rejects(promise, (error: { name?: string; message?: string; $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(error.name, name);
    if (typeof message === 'string') assert.equal(error.message, message);
    if (message instanceof RegExp) assert.match(String(error.message), message);
    assert.equal(error.$metadata?.httpStatusCode, 400);
    return true;
  });
}

function signUp(h: Harness, username: string, attributes: Array<{ Name: string; Value: string }> = [{ Name: 'phone_number', Value: '+15555550100' }], pw = password) {
  return h.client.send(new SignUpCommand({ ClientId: h.standIn.clientId, Username: username, Password: pw, UserAttributes: attributes }));
}

async function signUpConfirmed(h: Harness, username: string) {
  await signUp(h, username, [
    { Name: 'phone_number', Value: '+15555550123' },
    { Name: 'email', Value: `${username}@example.com` },
  ]);
  await h.client.send(new AdminConfirmSignUpCommand({ UserPoolId: h.standIn.poolId, Username: username }));
}

function adminLogin(h: Harness, username: string, pw = password, flow: 'ADMIN_USER_PASSWORD_AUTH' | 'ADMIN_NO_SRP_AUTH' = 'ADMIN_USER_PASSWORD_AUTH') {
  return h.client.send(
    new AdminInitiateAuthCommand({ UserPoolId: h.standIn.poolId, ClientId: h.standIn.clientId, AuthFlow: flow, AuthParameters: { USERNAME: username, PASSWORD: pw } }),
  );
}

function userLogin(h: Harness, username: string, pw = password) {
  return h.client.send(new InitiateAuthCommand({ ClientId: h.standIn.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: pw } }));
}

describe('Cognito stand-in through the AWS SDK client', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  test('pool and client ids look like Cognito ones and the issuer ends with the pool id', () => {
    assert.match(h.standIn.poolId, /^eu-west-1_[A-Za-z0-9]{9}$/);
    assert.match(h.standIn.clientId, /^[a-z0-9]{26}$/);
    assert.equal(h.standIn.issuer, `${h.server.url}/${h.standIn.poolId}`);
    const oidc = h.standIn.openidConfiguration();
    assert.equal(oidc.issuer, h.standIn.issuer);
    assert.equal(oidc.jwks_uri, `${h.standIn.issuer}/.well-known/jwks.json`);
    const [key] = h.standIn.jwks().keys;
    assert.equal(key.kty, 'RSA');
    assert.equal(key.alg, 'RS256');
    assert.equal(key.d, undefined, 'the JWKS must not contain the private exponent');
  });

  test('sign-up sends an SMS code; the user cannot log in until confirmed with it', async () => {
    const result = await signUp(h, 'carol');
    assert.equal(result.UserConfirmed, false);
    assert.match(result.UserSub ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(result.CodeDeliveryDetails, { Destination: '+*******0100', DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
    const delivered = h.codes.find((c) => c.username === 'carol');
    assert.ok(delivered);
    assert.equal(delivered.channel, 'SMS');
    assert.equal(delivered.destination, '+15555550100');
    assert.match(delivered.code, /^\d{6}$/);

    await failsWith(userLogin(h, 'carol'), 'UserNotConfirmedException', 'User is not confirmed.');
    const wrongCode = delivered.code === '000000' ? '111111' : '000000';
    await failsWith(
      h.client.send(new ConfirmSignUpCommand({ ClientId: h.standIn.clientId, Username: 'carol', ConfirmationCode: wrongCode })),
      'CodeMismatchException',
      'Invalid verification code provided, please try again.',
    );
    await h.client.send(new ConfirmSignUpCommand({ ClientId: h.standIn.clientId, Username: 'carol', ConfirmationCode: delivered.code }));
    await failsWith(
      h.client.send(new ConfirmSignUpCommand({ ClientId: h.standIn.clientId, Username: 'carol', ConfirmationCode: delivered.code })),
      'NotAuthorizedException',
      'User cannot be confirmed. Current status is CONFIRMED',
    );

    const user = await h.client.send(new AdminGetUserCommand({ UserPoolId: h.standIn.poolId, Username: 'carol' }));
    assert.equal(user.UserStatus, 'CONFIRMED');
    assert.equal(user.Enabled, true);
    assert.ok(user.UserCreateDate instanceof Date);
    const attributes = Object.fromEntries((user.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
    assert.equal(attributes.phone_number, '+15555550100');
    assert.equal(attributes.phone_number_verified, 'true');
    assert.equal(attributes.sub, result.UserSub);
    assert.ok((await userLogin(h, 'carol')).AuthenticationResult?.AccessToken);
  });

  test('a wrong password is refused even for an unconfirmed user', async () => {
    await signUp(h, 'dave');
    await failsWith(userLogin(h, 'dave', 'WrongPassw0rd'), 'NotAuthorizedException', 'Incorrect username or password.');
  });

  test('an existing username is refused, with the raw Cognito error shape', async () => {
    await signUp(h, 'erin');
    await failsWith(signUp(h, 'erin'), 'UsernameExistsException', 'User already exists');
    const response = await fetch(h.server.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp', 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({ ClientId: h.standIn.clientId, Username: 'erin', Password: password, UserAttributes: [{ Name: 'phone_number', Value: '+15555550100' }] }),
    });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('x-amzn-errortype'), 'UsernameExistsException');
    assert.equal(response.headers.get('content-type'), 'application/x-amz-json-1.1');
    assert.deepEqual(await response.json(), { __type: 'UsernameExistsException', message: 'User already exists' });
  });

  test('the password policy is enforced with Cognito wording', async () => {
    const cases: Array<[string, string]> = [
      ['Sh0rt', 'Password not long enough'],
      ['ALLUPPER123', 'Password must have lowercase characters'],
      ['alllower123', 'Password must have uppercase characters'],
      ['NoNumbersHere', 'Password must have numeric characters'],
    ];
    for (const [candidate, reason] of cases) {
      await failsWith(signUp(h, `policy-${reason.length}`, undefined, candidate), 'InvalidPasswordException', `Password did not conform with policy: ${reason}`);
    }
    await failsWith(
      h.client.send(new AdminGetUserCommand({ UserPoolId: h.standIn.poolId, Username: 'policy-24' })),
      'UserNotFoundException',
    );
  });

  test('required attributes and formats are checked', async () => {
    await failsWith(
      signUp(h, 'frank', [{ Name: 'email', Value: 'frank@example.com' }]),
      'InvalidParameterException',
      'Attributes did not conform to the schema: phone_number: The attribute phone_number is required',
    );
    await failsWith(signUp(h, 'frank', [{ Name: 'phone_number', Value: '555-0100' }]), 'InvalidParameterException', 'Invalid phone number format.');
    await failsWith(
      signUp(h, 'frank', [{ Name: 'phone_number', Value: '+15555550100' }, { Name: 'email', Value: 'not-an-email' }]),
      'InvalidParameterException',
      'Invalid email address format.',
    );
    await failsWith(
      signUp(h, 'frank', [{ Name: 'phone_number', Value: '+15555550100' }, { Name: 'favourite_colour', Value: 'blue' }]),
      'InvalidParameterException',
      /favourite_colour/,
    );
    await failsWith(signUp(h, 'has space'), 'InvalidParameterException', /username/);
  });

  test('unknown client and pool ids are refused', async () => {
    await failsWith(
      h.client.send(new SignUpCommand({ ClientId: 'nosuchclient', Username: 'gina', Password: password })),
      'ResourceNotFoundException',
      'User pool client nosuchclient does not exist.',
    );
    await failsWith(
      h.client.send(new AdminGetUserCommand({ UserPoolId: 'eu-west-1_nosuchpool', Username: 'gina' })),
      'ResourceNotFoundException',
      'User pool eu-west-1_nosuchpool does not exist.',
    );
    await failsWith(
      h.client.send(new AdminInitiateAuthCommand({ UserPoolId: h.standIn.poolId, ClientId: 'nosuchclient', AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: {} })),
      'ResourceNotFoundException',
    );
  });

  test('admin login issues Cognito-shaped tokens that the engine verifier accepts through the JWKS URL', async () => {
    await signUpConfirmed(h, 'heidi');
    const result = await adminLogin(h, 'heidi');
    assert.deepEqual(result.ChallengeParameters, {});
    const auth = result.AuthenticationResult!;
    assert.equal(auth.TokenType, 'Bearer');
    assert.equal(auth.ExpiresIn, 3600);
    assert.ok(auth.RefreshToken && auth.RefreshToken.split('.').length !== 3, 'refresh token is opaque');

    const header = decodeProtectedHeader(auth.IdToken!);
    assert.equal(header.alg, 'RS256');
    assert.equal(header.kid, h.standIn.jwks().keys[0].kid);
    const id = decodeJwt(auth.IdToken!);
    const access = decodeJwt(auth.AccessToken!);
    assert.equal(id['cognito:username'], 'heidi');
    assert.equal(id.token_use, 'id');
    assert.equal(id.aud, h.standIn.clientId);
    assert.equal(id.iss, h.standIn.issuer);
    assert.equal(id.email, 'heidi@example.com');
    assert.equal(id.phone_number, '+15555550123');
    assert.equal(id.phone_number_verified, false, 'AdminConfirmSignUp does not verify the phone number');
    assert.equal((id.exp ?? 0) - (id.iat ?? 0), 3600);
    for (const claim of ['sub', 'auth_time', 'jti', 'origin_jti', 'event_id']) assert.ok(id[claim], `id token has ${claim}`);
    assert.equal(access.token_use, 'access');
    assert.equal(access.username, 'heidi');
    assert.equal(access.client_id, h.standIn.clientId);
    assert.equal(access.scope, 'aws.cognito.signin.user.admin');
    assert.equal(access.sub, id.sub);
    assert.equal(access.origin_jti, id.origin_jti);
    assert.equal(access.aud, undefined);

    const verifier = createUserPoolVerifier({
      issuer: h.standIn.issuer,
      keys: new URL(`${h.standIn.issuer}/.well-known/jwks.json`),
      clientIds: [h.standIn.clientId],
    });
    assert.equal((await verifier.verify(auth.IdToken!, ['127.0.0.1'])).username, 'heidi');
    assert.equal((await verifier.verify(auth.AccessToken!, ['127.0.0.1'])).username, 'heidi');

    const oldName = await adminLogin(h, 'heidi', password, 'ADMIN_NO_SRP_AUTH');
    assert.ok(oldName.AuthenticationResult?.IdToken, 'ADMIN_NO_SRP_AUTH is an alias');
  });

  test('login errors: wrong password, unknown user, missing parameters, wrong flow', async () => {
    await signUpConfirmed(h, 'ivan');
    await failsWith(adminLogin(h, 'ivan', 'Wrong1234'), 'NotAuthorizedException', 'Incorrect username or password.');
    await failsWith(adminLogin(h, 'nobody'), 'UserNotFoundException', 'User does not exist.');
    await failsWith(
      h.client.send(new InitiateAuthCommand({ ClientId: h.standIn.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ivan' } })),
      'InvalidParameterException',
      'Missing required parameter PASSWORD',
    );
    await failsWith(
      h.client.send(new InitiateAuthCommand({ ClientId: h.standIn.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'ivan', PASSWORD: password } })),
      'InvalidParameterException',
      'Initiate Auth method not supported.',
    );
    await failsWith(
      h.client.send(new InitiateAuthCommand({ ClientId: h.standIn.clientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'ivan', SRP_A: 'x' } })),
      'InvalidParameterException',
      'USER_SRP_AUTH flow not enabled for this client',
    );
    assert.ok((await userLogin(h, 'ivan')).AuthenticationResult?.IdToken);
  });

  test('refresh tokens give new tokens for the same sign-in; GetUser reads the profile', async () => {
    await signUpConfirmed(h, 'judy');
    const first = (await userLogin(h, 'judy')).AuthenticationResult!;
    const refreshed = await h.client.send(
      new InitiateAuthCommand({ ClientId: h.standIn.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: first.RefreshToken! } }),
    );
    const next = refreshed.AuthenticationResult!;
    assert.equal(next.RefreshToken, undefined);
    assert.notEqual(next.AccessToken, first.AccessToken);
    assert.equal(decodeJwt(next.AccessToken!).origin_jti, decodeJwt(first.AccessToken!).origin_jti);
    assert.equal(decodeJwt(next.IdToken!).auth_time, decodeJwt(first.IdToken!).auth_time);

    const adminRefreshed = await h.client.send(
      new AdminInitiateAuthCommand({ UserPoolId: h.standIn.poolId, ClientId: h.standIn.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: first.RefreshToken! } }),
    );
    assert.ok(adminRefreshed.AuthenticationResult?.AccessToken);
    await failsWith(
      h.client.send(new InitiateAuthCommand({ ClientId: h.standIn.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: 'forged' } })),
      'NotAuthorizedException',
      'Invalid Refresh Token',
    );

    const user = await h.client.send(new GetUserCommand({ AccessToken: next.AccessToken! }));
    assert.equal(user.Username, 'judy');
    const attributes = Object.fromEntries((user.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
    assert.equal(attributes.email, 'judy@example.com');
    await failsWith(h.client.send(new GetUserCommand({ AccessToken: next.IdToken! })), 'NotAuthorizedException', 'Invalid Access Token');
    await failsWith(h.client.send(new GetUserCommand({ AccessToken: 'garbage' })), 'NotAuthorizedException', 'Invalid Access Token');
  });

  test('GlobalSignOut revokes refresh tokens and the sign-in access tokens; a new login works', async () => {
    await signUpConfirmed(h, 'kim');
    const session = (await userLogin(h, 'kim')).AuthenticationResult!;
    await h.client.send(new GlobalSignOutCommand({ AccessToken: session.AccessToken! }));
    await failsWith(
      h.client.send(new InitiateAuthCommand({ ClientId: h.standIn.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: session.RefreshToken! } })),
      'NotAuthorizedException',
      'Refresh Token has been revoked',
    );
    await failsWith(h.client.send(new GetUserCommand({ AccessToken: session.AccessToken! })), 'NotAuthorizedException', 'Access Token has been revoked');
    const again = (await userLogin(h, 'kim')).AuthenticationResult!;
    assert.equal((await h.client.send(new GetUserCommand({ AccessToken: again.AccessToken! }))).Username, 'kim');
  });

  test('RevokeToken ends one sign-in and leaves the others alive', async () => {
    await signUpConfirmed(h, 'kurt');
    const revoked = (await userLogin(h, 'kurt')).AuthenticationResult!;
    const kept = (await userLogin(h, 'kurt')).AuthenticationResult!;
    await h.client.send(new RevokeTokenCommand({ ClientId: h.standIn.clientId, Token: revoked.RefreshToken! }));
    await failsWith(
      h.client.send(new InitiateAuthCommand({ ClientId: h.standIn.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: revoked.RefreshToken! } })),
      'NotAuthorizedException',
      'Refresh Token has been revoked',
    );
    await failsWith(h.client.send(new GetUserCommand({ AccessToken: revoked.AccessToken! })), 'NotAuthorizedException', 'Access Token has been revoked');
    assert.equal((await h.client.send(new GetUserCommand({ AccessToken: kept.AccessToken! }))).Username, 'kurt');
    await h.client.send(new RevokeTokenCommand({ ClientId: h.standIn.clientId, Token: 'unknown-token' }));
  });

  test('AdminDeleteUser undoes a registration; the username can be used again', async () => {
    await signUpConfirmed(h, 'leo');
    const session = (await adminLogin(h, 'leo')).AuthenticationResult!;
    await h.client.send(new AdminDeleteUserCommand({ UserPoolId: h.standIn.poolId, Username: 'leo' }));
    await failsWith(h.client.send(new AdminGetUserCommand({ UserPoolId: h.standIn.poolId, Username: 'leo' })), 'UserNotFoundException', 'User does not exist.');
    await failsWith(h.client.send(new AdminDeleteUserCommand({ UserPoolId: h.standIn.poolId, Username: 'leo' })), 'UserNotFoundException');
    await failsWith(h.client.send(new GetUserCommand({ AccessToken: session.AccessToken! })), 'UserNotFoundException');
    await signUp(h, 'leo');
  });

  test('ResendConfirmationCode replaces the code; confirmed and unknown users are refused', async () => {
    await signUp(h, 'mia');
    const firstCode = h.codes.filter((c) => c.username === 'mia').at(-1)!.code;
    const resent = await h.client.send(new ResendConfirmationCodeCommand({ ClientId: h.standIn.clientId, Username: 'mia' }));
    assert.equal(resent.CodeDeliveryDetails?.DeliveryMedium, 'SMS');
    const secondCode = h.codes.filter((c) => c.username === 'mia').at(-1)!.code;
    if (firstCode !== secondCode) {
      await failsWith(
        h.client.send(new ConfirmSignUpCommand({ ClientId: h.standIn.clientId, Username: 'mia', ConfirmationCode: firstCode })),
        'CodeMismatchException',
      );
    }
    await h.client.send(new ConfirmSignUpCommand({ ClientId: h.standIn.clientId, Username: 'mia', ConfirmationCode: secondCode }));
    await failsWith(
      h.client.send(new ResendConfirmationCodeCommand({ ClientId: h.standIn.clientId, Username: 'mia' })),
      'InvalidParameterException',
      'User is already confirmed.',
    );
    await failsWith(
      h.client.send(new ResendConfirmationCodeCommand({ ClientId: h.standIn.clientId, Username: 'nobody' })),
      'UserNotFoundException',
      'Username/client id combination not found.',
    );
    await failsWith(
      h.client.send(new ConfirmSignUpCommand({ ClientId: h.standIn.clientId, Username: 'nobody', ConfirmationCode: '123456' })),
      'UserNotFoundException',
    );
  });

  test('AdminConfirmSignUp refuses a confirmed or unknown user', async () => {
    await signUpConfirmed(h, 'nina');
    await failsWith(
      h.client.send(new AdminConfirmSignUpCommand({ UserPoolId: h.standIn.poolId, Username: 'nina' })),
      'NotAuthorizedException',
      'User cannot be confirmed. Current status is CONFIRMED',
    );
    await failsWith(h.client.send(new AdminConfirmSignUpCommand({ UserPoolId: h.standIn.poolId, Username: 'nobody' })), 'UserNotFoundException');
  });

  test('unknown operations and bad bodies get Cognito errors', async () => {
    const unknown = await h.standIn.handle('AWSCognitoIdentityProviderService.CreateUserPool', '{}');
    assert.equal(unknown.status, 400);
    assert.equal(JSON.parse(unknown.body).__type, 'UnknownOperationException');
    const wrongService = await h.standIn.handle('DynamoDB_20120810.GetItem', '{}');
    assert.equal(JSON.parse(wrongService.body).__type, 'UnknownOperationException');
    const badJson = await h.standIn.handle('AWSCognitoIdentityProviderService.SignUp', '{oops');
    assert.equal(badJson.status, 400);
    assert.equal(badJson.headers['x-amzn-ErrorType'], 'SerializationException');
    const missing = await h.standIn.handle('AWSCognitoIdentityProviderService.AdminGetUser', JSON.stringify({ Username: 'x' }));
    assert.equal(JSON.parse(missing.body).__type, 'InvalidParameterException');
    assert.match(JSON.parse(missing.body).message, /userPoolId/);
  });
});

describe('Cognito stand-in pool settings', () => {
  test('a pool without self sign-up refuses SignUp', async () => {
    const h = await startHarness({ pool: { ...seedPool, selfSignUp: false } });
    try {
      await failsWith(signUp(h, 'olga'), 'NotAuthorizedException', 'SignUp is not permitted for this user pool');
    } finally {
      await h.close();
    }
  });

  test('a client without USER_PASSWORD_AUTH refuses it but allows the admin flow', async () => {
    const h = await startHarness({ pool: { ...seedPool, client: { name: 'backend', authFlows: ['ADMIN_USER_PASSWORD_AUTH'] } } });
    try {
      await signUpConfirmed(h, 'pete');
      await failsWith(userLogin(h, 'pete'), 'InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client');
      const session = (await adminLogin(h, 'pete')).AuthenticationResult!;
      await failsWith(
        h.client.send(new InitiateAuthCommand({ ClientId: h.standIn.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: session.RefreshToken! } })),
        'InvalidParameterException',
        'REFRESH_TOKEN_AUTH flow not enabled for this client',
      );
    } finally {
      await h.close();
    }
  });

  test('email verification: the code goes by EMAIL and confirming verifies the email', async () => {
    const h = await startHarness({ pool: { ...seedPool, requiredAttributes: ['email'], autoVerify: ['email'] } });
    try {
      const result = await signUp(h, 'quinn', [{ Name: 'email', Value: 'quinn@example.com' }]);
      assert.deepEqual(result.CodeDeliveryDetails, { Destination: 'q***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
      const code = h.codes[0];
      assert.equal(code.channel, 'EMAIL');
      assert.equal(code.destination, 'quinn@example.com');
      await h.client.send(new ConfirmSignUpCommand({ ClientId: h.standIn.clientId, Username: 'quinn', ConfirmationCode: code.code }));
      const id = decodeJwt((await userLogin(h, 'quinn')).AuthenticationResult!.IdToken!);
      assert.equal(id.email_verified, true);
    } finally {
      await h.close();
    }
  });

  test('without auto-verified attributes no code is sent and only an administrator confirms', async () => {
    const h = await startHarness({ pool: { ...seedPool, autoVerify: [] } });
    try {
      const result = await signUp(h, 'rita');
      assert.equal(result.CodeDeliveryDetails, undefined);
      assert.equal(h.codes.length, 0);
      await failsWith(
        h.client.send(new ResendConfirmationCodeCommand({ ClientId: h.standIn.clientId, Username: 'rita' })),
        'InvalidParameterException',
        'Auto verification not turned on.',
      );
      await h.client.send(new AdminConfirmSignUpCommand({ UserPoolId: h.standIn.poolId, Username: 'rita' }));
      assert.ok((await userLogin(h, 'rita')).AuthenticationResult);
    } finally {
      await h.close();
    }
  });

  test('token lifetimes come from the client config', async () => {
    const h = await startHarness({ pool: { ...seedPool, client: { ...seedPool.client, accessTokenValidityMinutes: 5, idTokenValidityMinutes: 10 } } });
    try {
      await signUpConfirmed(h, 'sam');
      const auth = (await userLogin(h, 'sam')).AuthenticationResult!;
      assert.equal(auth.ExpiresIn, 300);
      const access = decodeJwt(auth.AccessToken!);
      const id = decodeJwt(auth.IdToken!);
      assert.equal(access.exp! - access.iat!, 300);
      assert.equal(id.exp! - id.iat!, 600);
    } finally {
      await h.close();
    }
  });
});

describe('Cognito stand-in expiry (controlled clock)', () => {
  const start = Date.parse('2030-06-01T12:00:00Z');
  let clock = start;
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: () => clock });
  });
  afterAll(() => h.close());

  test('a confirmation code expires after a day', async () => {
    clock = start;
    await signUp(h, 'tara');
    const code = h.codes.at(-1)!.code;
    clock = start + 24 * 60 * 60 * 1000 + 1;
    await failsWith(
      h.client.send(new ConfirmSignUpCommand({ ClientId: h.standIn.clientId, Username: 'tara', ConfirmationCode: code })),
      'ExpiredCodeException',
      'Invalid code provided, please request a code again.',
    );
  });

  test('access tokens and refresh tokens expire', async () => {
    clock = start;
    await signUpConfirmed(h, 'uma');
    const auth = (await userLogin(h, 'uma')).AuthenticationResult!;
    assert.equal((await h.client.send(new GetUserCommand({ AccessToken: auth.AccessToken! }))).Username, 'uma');
    clock = start + 61 * 60 * 1000;
    await failsWith(h.client.send(new GetUserCommand({ AccessToken: auth.AccessToken! })), 'NotAuthorizedException', 'Access Token has expired');
    clock = start + 31 * 24 * 60 * 60 * 1000;
    await failsWith(
      h.client.send(new InitiateAuthCommand({ ClientId: h.standIn.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: auth.RefreshToken! } })),
      'NotAuthorizedException',
      'Refresh Token has expired',
    );
  });
});

describe('Cognito stand-in persistence', () => {
  test('users, ids and the signing key survive a restart; passwords are stored hashed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'turnbase-cognito-'));
    const first = await startHarness({ dataDir });
    try {
      await signUpConfirmed(first, 'vera');
      const session = (await adminLogin(first, 'vera')).AuthenticationResult!;
      // The snapshot and its journal: together they are what is on disk.
      const stored = ['users.json', 'users.journal.jsonl'].map((file) => (existsSync(join(dataDir, file)) ? readFileSync(join(dataDir, file), 'utf8') : '')).join('\n');
      assert.ok(!stored.includes(password), 'the password is not stored in clear');
      assert.ok(!stored.includes(session.RefreshToken!), 'refresh tokens are stored as digests');
      assert.match(stored, /"passwordHash": ?"scrypt\$/);

      const restarted = createCognitoStandIn({ pool: seedPool, region, dataDir, issuerBaseUrl: first.server.url });
      assert.equal(restarted.poolId, first.standIn.poolId);
      assert.equal(restarted.clientId, first.standIn.clientId);
      assert.deepEqual(restarted.jwks(), first.standIn.jwks());
      first.server.serve(restarted);
      first.standIn = restarted;

      assert.ok((await adminLogin(first, 'vera')).AuthenticationResult?.IdToken);
      assert.equal((await first.client.send(new GetUserCommand({ AccessToken: session.AccessToken! }))).Username, 'vera');
      const verifier = createUserPoolVerifier({ issuer: restarted.issuer, keys: restarted.jwks(), clientIds: [restarted.clientId] });
      assert.equal((await verifier.verify(session.IdToken!, [])).username, 'vera');
    } finally {
      await first.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('another data directory is another pool with another key', () => {
    const one = createCognitoStandIn({ pool: seedPool, region, dataDir: null, issuerBaseUrl: 'http://127.0.0.1:1' });
    const two = createCognitoStandIn({ pool: seedPool, region, dataDir: null, issuerBaseUrl: 'http://127.0.0.1:1' });
    assert.notEqual(one.poolId, two.poolId);
    assert.notEqual(one.jwks().keys[0].n, two.jwks().keys[0].n);
  });

  test('bad options are refused', () => {
    assert.throws(() => createCognitoStandIn({ pool: seedPool, region: 'mars', dataDir: null, issuerBaseUrl: 'http://x' }), /region/);
  });
});
