/**
 * No half-registered player: when the profile cannot be written after the Cognito user exists,
 * the auth function removes that user again, so a retry succeeds. Also sign-up with a code
 * (SIGNUP_CONFIRMATION=CODE, seed 002) through confirmSignUp.
 *
 * The engine runs the auth function in this process, so a test changes the function's
 * configuration by changing process.env, as a redeploy with other settings would.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { AdminConfirmSignUpCommand, AdminGetUserCommand, CognitoIdentityProviderClient, InitiateAuthCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { post } from '../support/engine.js';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { RunningEngine } from '../../local/index.js';
import type { AuthAnswer, AuthEvent } from '../../functions/auth/protocol.js';
import { CREATE_GAME, LOGIN, REGISTER, errorTypes, newPhoneNumber, publicClient, registerPlayer, startGameEngine, uniqueName, type Gql } from './support.js';

let engine: RunningEngine;
let gql: Gql;
let handler: (event: AuthEvent) => Promise<AuthAnswer<unknown>>;
const logs: string[] = [];
beforeAll(async () => {
  engine = await startGameEngine((line) => logs.push(line));
  gql = publicClient(engine);
  // Imported after the engine started: the SDK clients pick up the engine's AWS_ENDPOINT_URL_* settings.
  ({ handler } = await import('../../functions/auth/index.js'));
});
afterAll(() => engine.close());

function registration(username: string) {
  return { username, password: 'Mypassword1', email: `${username}@example.com`, phoneNumber: newPhoneNumber(), height: 75, weight: 350 };
}

async function cognitoUserExists(username: string): Promise<boolean> {
  const cognito = new CognitoIdentityProviderClient({});
  try {
    await cognito.send(new AdminGetUserCommand({ UserPoolId: engine.userPool!.id, Username: username }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'UserNotFoundException') return false;
    throw error;
  }
}

async function withEnvironment<T>(name: string, value: string, body: () => Promise<T>): Promise<T> {
  const saved = process.env[name];
  process.env[name] = value;
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env[name];
    else process.env[name] = saved;
  }
}

describe('no half-registered player', () => {
  test('a failed profile write removes the Cognito user again, and a retry succeeds', async () => {
    const input = registration(uniqueName('halfway'));
    const answer = await withEnvironment('TABLE_NAME', 'turnbase-no-such-table', () => handler({ action: 'register', arguments: input }));
    assert.ok('error' in answer, 'the registration fails');
    assert.equal(answer.error.type, 'InternalFailure');
    assert.match(answer.error.message, /nothing was registered/);
    assert.equal(await cognitoUserExists(input.username), false, 'the Cognito user was removed');
    assert.deepEqual(errorTypes(await gql(LOGIN, { username: input.username, password: input.password })), ['NotAuthorized']);
    assert.deepEqual(errorTypes(await gql('query U($u: String!) { getUser(username: $u) { username } }', { u: input.username })), ['UserNotFound']);

    const retry = await gql(REGISTER, { input });
    assert.equal(retry.body.errors, undefined, JSON.stringify(retry.body.errors));
    assert.equal(await cognitoUserExists(input.username), true);
    const login = await gql(LOGIN, { username: input.username, password: input.password });
    assert.equal(login.body.errors, undefined);
  });

  test('a login left without its profile (the function stopped halfway) is completed by registering again', async () => {
    const input = registration(uniqueName('stopped'));
    const cognito = new CognitoIdentityProviderClient({});
    await cognito.send(
      new SignUpCommand({
        ClientId: engine.userPool!.clientId,
        Username: input.username,
        Password: input.password,
        UserAttributes: [
          { Name: 'email', Value: input.email },
          { Name: 'phone_number', Value: input.phoneNumber },
        ],
      }),
    );
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: engine.userPool!.id, Username: input.username }));

    const someoneElse = await gql(REGISTER, { input: { ...input, password: 'Otherpassword9' } });
    assert.deepEqual(errorTypes(someoneElse), ['UsernameExists'], 'without the password the username stays taken');
    assert.deepEqual(errorTypes(await gql('query U($u: String!) { getUser(username: $u) { username } }', { u: input.username })), ['UserNotFound']);

    const owner = await gql(REGISTER, { input });
    assert.equal(owner.body.errors, undefined, JSON.stringify(owner.body.errors));
    const profile = await gql('query U($u: String!) { getUser(username: $u) { username height weight } }', { u: input.username });
    assert.deepEqual(profile.body.data?.getUser, { username: input.username, height: 75, weight: 350 });
    assert.deepEqual(errorTypes(await gql(REGISTER, { input })), ['UsernameExists'], 'once complete, the username is taken for everyone');
  });

  test('a registration cut short between the sign-up and its confirmation is completed by registering again (issue 9)', async () => {
    const input = registration(uniqueName('unconfirmed'));
    const cognito = new CognitoIdentityProviderClient({});
    const attributes = [
      { Name: 'email', Value: input.email },
      { Name: 'phone_number', Value: input.phoneNumber },
    ];
    // The first attempt stopped right after SignUp: an unconfirmed login and no profile.
    await cognito.send(new SignUpCommand({ ClientId: engine.userPool!.clientId, Username: input.username, Password: input.password, UserAttributes: attributes }));
    assert.deepEqual(errorTypes(await gql(REGISTER, { input: { ...input, password: 'Otherpassword9' } })), ['UsernameExists'], 'not without the password');
    const retried = await gql(REGISTER, { input });
    assert.equal(retried.body.errors, undefined, JSON.stringify(retried.body.errors));
    const login = await gql(LOGIN, { username: input.username, password: input.password });
    assert.equal(login.body.errors, undefined, JSON.stringify(login.body.errors));
  });

  test('a login without a profile cannot start a game until the registration is completed', async () => {
    const input = registration(uniqueName('direct'));
    const cognito = new CognitoIdentityProviderClient({});
    const attributes = [
      { Name: 'email', Value: input.email },
      { Name: 'phone_number', Value: input.phoneNumber },
    ];
    await cognito.send(new SignUpCommand({ ClientId: engine.userPool!.clientId, Username: input.username, Password: input.password, UserAttributes: attributes }));
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: engine.userPool!.id, Username: input.username }));
    const opponent = await registerPlayer(engine, uniqueName('opponent'));
    const tokens = await cognito.send(
      new InitiateAuthCommand({ ClientId: engine.userPool!.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: input.username, PASSWORD: input.password } }),
    );
    const answer = await post(engine.graphqlUrl, { query: CREATE_GAME, variables: { opponent: opponent.username } }, { authorization: tokens.AuthenticationResult!.IdToken! });
    assert.deepEqual(errorTypes(answer), ['UserNotFound']);
    assert.match(String(answer.body.errors?.[0].message), /register to play/);
  });

  test('a profile left without its Cognito user makes registration refuse cleanly, creating no login', async () => {
    const input = registration(uniqueName('orphan'));
    const dynamodb = new DynamoDBClient({ endpoint: engine.dynamodbEndpoint });
    await dynamodb.send(new PutItemCommand({ TableName: engine.tableNames.players, Item: { username: { S: input.username }, height: { N: '1' } } }));
    const answer = await gql(REGISTER, { input });
    assert.deepEqual(errorTypes(answer), ['UsernameExists']);
    assert.equal(await cognitoUserExists(input.username), false, 'the Cognito user created on the way was removed');
  });

  test('unknown actions are answered with InvalidInput, not an exception', async () => {
    const answer = await handler({ action: 'dance' } as unknown as AuthEvent);
    assert.ok('error' in answer);
    assert.equal(answer.error.type, 'InvalidInput');
  });
});

describe('sign-up confirmed with a code (SIGNUP_CONFIRMATION=CODE)', () => {
  test('UserNotConfirmed until confirmed; InvalidCode for a wrong code; then login works', async () => {
    const input = registration(uniqueName('coded'));
    await withEnvironment('SIGNUP_CONFIRMATION', 'CODE', async () => {
      const registered = await gql(REGISTER, { input });
      assert.equal(registered.body.errors, undefined, JSON.stringify(registered.body.errors));
      assert.deepEqual(errorTypes(await gql(LOGIN, { username: input.username, password: input.password })), ['UserNotConfirmed']);

      const codeLine = logs.find((line) => line.includes(input.email) && line.includes('confirmation code'));
      assert.ok(codeLine, 'Cognito sent a confirmation code');
      const code = /code is (\d+)/.exec(codeLine)![1];
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(code.length, '0');
      const CONFIRM = 'mutation C($u: String!, $c: String!) { confirmSignUp(username: $u, code: $c) }';
      assert.deepEqual(errorTypes(await gql(CONFIRM, { u: input.username, c: wrong })), ['InvalidCode']);
      const confirmed = await gql(CONFIRM, { u: input.username, c: code });
      assert.equal(confirmed.body.errors, undefined, JSON.stringify(confirmed.body.errors));
      assert.equal(confirmed.body.data?.confirmSignUp, true);
      const login = await gql(LOGIN, { username: input.username, password: input.password });
      assert.equal(login.body.errors, undefined, JSON.stringify(login.body.errors));
    });
  });
});
