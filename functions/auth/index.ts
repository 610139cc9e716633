/**
 * The auth function: registration, confirmation, login and session refresh against the Cognito
 * user pool, with the real AWS SDK v3 clients in their default configuration (locally the engine
 * points them at its stand-ins through AWS_ENDPOINT_URL_* variables).
 *
 * Configuration, read on every call: USER_POOL_ID, USER_POOL_CLIENT_ID, TABLE_NAME (players),
 * SIGNUP_CONFIRMATION ('AUTO', the default: confirmed at once; 'CODE': the player confirms).
 *
 * It answers `{ data }` or `{ error: { type, message } }` and never throws for a refusal.
 */
import {
  AdminConfirmSignUpCommand,
  AdminDeleteUserCommand,
  AdminInitiateAuthCommand,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  SignUpCommand,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { fromCognitoError } from './errors.js';
import type { AuthAnswer, AuthEvent, RegisterArguments, Session } from './protocol.js';
import { validateConfirmation, validateLogin, validateRefreshToken, validateRegistration } from './validate.js';

const cognito = new CognitoIdentityProviderClient({});

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
const dynamodb = new DynamoDBClient({});

function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`the auth function needs the environment variable ${name}`);
  return value;
}

/** The profile the API serves as `User` (see resolvers/_lib/records.ts, PlayerRecord). */
function profileOf(input: RegisterArguments) {
  return {
    username: input.username,
    height: input.height,
    weight: input.weight,
    email: input.email,
    phoneNumber: input.phoneNumber,
    items: [],
    gamesPlayed: 0,
    gamesWon: 0,
    gamesLost: 0,
    createdAt: new Date().toISOString(),
  };
}

/** Removes a Cognito user created by a registration that could not be completed. */
async function undoSignUp(username: string): Promise<void> {
  try {
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: setting('USER_POOL_ID'), Username: username }));
  } catch (error) {
    // Nothing more can be done here; the log names the user so an operator can remove it.
    console.error(`auth register: could not undo the sign-up of ${username}: ${describe(error)}`);
  }
}

async function register(input: RegisterArguments): Promise<AuthAnswer<ReturnType<typeof profileOf>>> {
  const invalid = validateRegistration(input);
  if (invalid) return { error: invalid };
  try {
    await cognito.send(
      new SignUpCommand({
        ClientId: setting('USER_POOL_CLIENT_ID'),
        Username: input.username,
        Password: input.password,
        UserAttributes: [
          { Name: 'email', Value: input.email },
          { Name: 'phone_number', Value: input.phoneNumber },
        ],
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name === 'UsernameExistsException') return completeInterruptedRegistration(input, error);
    return { error: fromCognitoError(error, 'register') };
  }
  // From here on the Cognito user exists: any failure removes it again, so a registration either
  // completes or leaves nothing behind and can simply be retried.
  if ((process.env.SIGNUP_CONFIRMATION ?? 'AUTO') === 'AUTO') {
    try {
      await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: setting('USER_POOL_ID'), Username: input.username }));
    } catch (error) {
      await undoSignUp(input.username);
      return { error: fromCognitoError(error, 'register') };
    }
  }
  return saveProfile(input, true);
}

/**
 * A registration can also stop between the two writes without reaching its undo (the function timed
 * out or crashed), or the Cognito user may have been made directly through Cognito's SignUp. Then the
 * username has a login but no profile. Registering again with the same password proves the caller owns
 * that login, and completes the registration with the missing profile; anyone else gets UsernameExists.
 */
async function completeInterruptedRegistration(input: RegisterArguments, signUpError: unknown): Promise<AuthAnswer<ReturnType<typeof profileOf>>> {
  const taken = { error: fromCognitoError(signUpError, 'register') };
  try {
    const existing = await dynamodb.send(new GetItemCommand({ TableName: setting('TABLE_NAME'), Key: { username: { S: input.username } }, ConsistentRead: true }));
    if (existing.Item) return taken;
    await cognito.send(
      new AdminInitiateAuthCommand({
        UserPoolId: setting('USER_POOL_ID'),
        ClientId: setting('USER_POOL_CLIENT_ID'),
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: input.username, PASSWORD: input.password },
      }),
    );
  } catch (error) {
    // Cognito answers UserNotConfirmed only to the right password: the same person, whose
    // registration stopped between the sign-up and its confirmation. Finish it.
    if ((error as { name?: string }).name === 'UserNotConfirmedException') return completeUnconfirmed(input, taken);
    // Wrong password, or the check itself failed: the username stays taken.
    return taken;
  }
  return saveProfile(input, false);
}

/** The rest of a registration cut short after the sign-up: the confirmation (AUTO mode), then the profile. */
async function completeUnconfirmed(input: RegisterArguments, taken: AuthAnswer<ReturnType<typeof profileOf>>): Promise<AuthAnswer<ReturnType<typeof profileOf>>> {
  if ((process.env.SIGNUP_CONFIRMATION ?? 'AUTO') === 'AUTO') {
    try {
      await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: setting('USER_POOL_ID'), Username: input.username }));
    } catch (error) {
      console.error(`auth register: could not confirm the interrupted sign-up of ${input.username}: ${describe(error)}`);
      return taken;
    }
  }
  // CODE mode: the profile is saved as in a first registration; the player confirms with their code.
  return saveProfile(input, false);
}

/** Writes the profile; `undoOnFailure` removes the Cognito user this call created when the write fails. */
async function saveProfile(input: RegisterArguments, undoOnFailure: boolean): Promise<AuthAnswer<ReturnType<typeof profileOf>>> {
  const profile = profileOf(input);
  try {
    await dynamodb.send(
      new PutItemCommand({
        TableName: setting('TABLE_NAME'),
        Item: marshall(profile),
        ConditionExpression: 'attribute_not_exists(username)',
      }),
    );
  } catch (error) {
    if (undoOnFailure) await undoSignUp(input.username);
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') {
      return { error: { type: 'UsernameExists', message: 'That username is taken; choose another one.' } };
    }
    console.error(`auth register: the profile of ${input.username} could not be saved (${describe(error)}); the sign-up was undone`);
    return { error: { type: 'InternalFailure', message: 'Your profile could not be saved, so nothing was registered; please try again.' } };
  }
  return { data: profile };
}

async function confirmSignUp(username: string, code: string): Promise<AuthAnswer<boolean>> {
  const invalid = validateConfirmation(username, code);
  if (invalid) return { error: invalid };
  try {
    await cognito.send(new ConfirmSignUpCommand({ ClientId: setting('USER_POOL_CLIENT_ID'), Username: username, ConfirmationCode: code }));
    return { data: true };
  } catch (error) {
    return { error: fromCognitoError(error, 'confirmSignUp') };
  }
}

function sessionOf(result: AuthenticationResultType | undefined, refreshToken?: string): AuthAnswer<Session> {
  if (!result?.IdToken || !result.AccessToken || !(result.RefreshToken ?? refreshToken)) {
    // A challenge (e.g. a required new password) is not something this API can complete.
    return { error: { type: 'NotAuthorized', message: 'This account needs a step this API does not support; contact support.' } };
  }
  return {
    data: {
      idToken: result.IdToken,
      accessToken: result.AccessToken,
      // REFRESH_TOKEN_AUTH returns no new refresh token: the one given stays valid.
      refreshToken: result.RefreshToken ?? (refreshToken as string),
      expiresIn: result.ExpiresIn ?? 3600,
    },
  };
}

async function login(username: string, password: string): Promise<AuthAnswer<Session>> {
  const invalid = validateLogin(username, password);
  if (invalid) return { error: invalid };
  try {
    const answer = await cognito.send(
      new AdminInitiateAuthCommand({
        UserPoolId: setting('USER_POOL_ID'),
        ClientId: setting('USER_POOL_CLIENT_ID'),
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );
    return sessionOf(answer.AuthenticationResult);
  } catch (error) {
    return { error: fromCognitoError(error, 'login') };
  }
}

async function refreshSession(refreshToken: string): Promise<AuthAnswer<Session>> {
  const invalid = validateRefreshToken(refreshToken);
  if (invalid) return { error: invalid };
  try {
    const answer = await cognito.send(
      new AdminInitiateAuthCommand({
        UserPoolId: setting('USER_POOL_ID'),
        ClientId: setting('USER_POOL_CLIENT_ID'),
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      }),
    );
    return sessionOf(answer.AuthenticationResult, refreshToken);
  } catch (error) {
    return { error: fromCognitoError(error, 'refreshSession') };
  }
}

export async function handler(event: AuthEvent): Promise<AuthAnswer<unknown>> {
  const args = (event?.arguments ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof args[name] === 'string' ? (args[name] as string) : '');
  switch (event?.action) {
    case 'register':
      return register(event.arguments);
    case 'confirmSignUp':
      return confirmSignUp(text('username'), text('code'));
    case 'login':
      return login(text('username'), text('password'));
    case 'refreshSession':
      return refreshSession(text('refreshToken'));
    default:
      return { error: { type: 'InvalidInput', message: `Unknown auth action "${String((event as { action?: unknown })?.action)}".` } };
  }
}
