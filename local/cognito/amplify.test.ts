/**
 * aws-amplify v6's Auth client against the stand-in, configured the way an app would point at it:
 * `Auth.Cognito.userPoolEndpoint` set to the stand-in's URL.
 */
import { test, describe, beforeAll, afterAll } from 'vitest';
import assert from 'node:assert/strict';
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, fetchUserAttributes, getCurrentUser, signIn, signOut, signUp, confirmSignUp } from 'aws-amplify/auth';
import type { UserPoolConfig } from '../../description/types.js';
import { createUserPoolVerifier } from '../auth/jwt.js';
import { createCognitoStandIn } from './stand-in.js';
import type { CodeDelivery, CognitoStandIn } from './stand-in.js';
import { startTestServer } from './test-server.js';
import type { TestServer } from './test-server.js';

const pool: UserPoolConfig = {
  name: 'players',
  passwordPolicy: { minLength: 8, requireUppercase: true, requireLowercase: true, requireNumbers: true, requireSymbols: false },
  requiredAttributes: ['phone_number'],
  selfSignUp: true,
  autoVerify: ['phone_number'],
  client: { name: 'web', authFlows: ['USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH'] },
};

describe('aws-amplify v6 Auth against the Cognito stand-in', () => {
  let server: TestServer;
  let standIn: CognitoStandIn;
  const codes: CodeDelivery[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    standIn = createCognitoStandIn({ pool, region: 'us-east-1', dataDir: null, issuerBaseUrl: server.url, deliverCode: (c) => codes.push(c) });
    server.serve(standIn);
    Amplify.configure({
      Auth: { Cognito: { userPoolId: standIn.poolId, userPoolClientId: standIn.clientId, userPoolEndpoint: server.url } },
    });
  });
  afterAll(() => server.close());

  test('signUp, confirmSignUp, signIn with USER_PASSWORD_AUTH, attributes, signOut', async () => {
    const registered = await signUp({
      username: 'wendy',
      password: 'Passw0rdOk',
      options: { userAttributes: { phone_number: '+15555550142' } },
    });
    assert.equal(registered.isSignUpComplete, false);
    assert.equal(registered.nextStep.signUpStep, 'CONFIRM_SIGN_UP');
    const code = codes.find((c) => c.username === 'wendy')!.code;
    const confirmed = await confirmSignUp({ username: 'wendy', confirmationCode: code });
    assert.equal(confirmed.isSignUpComplete, true);

    const result = await signIn({ username: 'wendy', password: 'Passw0rdOk', options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    assert.deepEqual(result, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });

    const current = await getCurrentUser();
    assert.equal(current.username, 'wendy');
    const session = await fetchAuthSession();
    const accessToken = session.tokens?.accessToken.toString();
    assert.ok(accessToken);
    assert.equal(session.tokens?.idToken?.payload['cognito:username'], 'wendy');

    // What Amplify would send to the GraphQL API passes the engine's verifier.
    const verifier = createUserPoolVerifier({ issuer: standIn.issuer, keys: () => standIn.jwks(), clientIds: [standIn.clientId] });
    assert.equal((await verifier.verify(accessToken, [])).username, 'wendy');

    const attributes = await fetchUserAttributes();
    assert.equal(attributes.phone_number, '+15555550142');
    assert.equal(attributes.phone_number_verified, 'true');

    await signOut();
    await assert.rejects(getCurrentUser(), { name: 'UserUnAuthenticatedException' });
    // signOut revoked the sign-in on the server, not only in the client's storage.
    const revoked = await standIn.handle('AWSCognitoIdentityProviderService.GetUser', JSON.stringify({ AccessToken: accessToken }));
    assert.equal(JSON.parse(revoked.body).message, 'Access Token has been revoked');
  });

  test('a wrong password surfaces as NotAuthorizedException in Amplify', async () => {
    await assert.rejects(signIn({ username: 'wendy', password: 'WrongPass1', options: { authFlowType: 'USER_PASSWORD_AUTH' } }), {
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });

  test('global signOut calls GlobalSignOut', async () => {
    await signIn({ username: 'wendy', password: 'Passw0rdOk', options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    const accessToken = (await fetchAuthSession()).tokens!.accessToken.toString();
    await signOut({ global: true });
    const revoked = await standIn.handle('AWSCognitoIdentityProviderService.GetUser', JSON.stringify({ AccessToken: accessToken }));
    assert.equal(JSON.parse(revoked.body).message, 'Access Token has been revoked');
  });
});
