/** A valid signed-in session for the API, refreshed through Cognito when its tokens have expired. */
import { CognitoError, passwordSignIn, refreshSignIn, type Tokens, type UserPool } from './cognito.js';
import { CliError, EXIT } from './errors.js';
import type { Endpoints } from './outputs.js';
import { readSession, removeSession, saveSession, type Profile, type Session } from './session.js';

/** Refresh a little before the tokens expire, so a request never carries a token that dies on the way. */
const EARLY_MS = 60_000;

export function requirePool(endpoints: Endpoints): UserPool {
  if (!endpoints.userPool) throw new CliError(`${endpoints.file} has no Cognito user pool (auth.user_pool_id): this API has no sign-in.`, EXIT.setup);
  return endpoints.userPool;
}

export async function signIn(endpoints: Endpoints, profile: Profile, username: string, password: string): Promise<Session> {
  const pool = requirePool(endpoints);
  let tokens: Tokens;
  try {
    tokens = await passwordSignIn(pool, username, password);
  } catch (error) {
    if (error instanceof CognitoError) {
      const code = ['NotAuthorizedException', 'UserNotFoundException', 'UserNotConfirmedException', 'PasswordResetRequiredException'].includes(error.type) ? EXIT.auth : EXIT.api;
      throw new CliError(`Sign-in failed: ${error.message}`, code);
    }
    throw error;
  }
  const session: Session = {
    username,
    userPoolId: pool.id,
    clientId: pool.clientId,
    idToken: tokens.idToken,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken ?? '',
    expiresAt: Date.now() + tokens.expiresIn * 1000,
  };
  saveSession(profile, endpoints.graphqlUrl, session);
  return session;
}

/** The saved session, or why there is none usable. */
export function savedSession(endpoints: Endpoints, profile: Profile): Session {
  const pool = requirePool(endpoints);
  const session = readSession(profile, endpoints.graphqlUrl);
  if (!session) throw new CliError(`Not signed in to ${endpoints.graphqlUrl}: run \`turnbase login\`.`, EXIT.auth);
  if (session.userPoolId !== pool.id || session.clientId !== pool.clientId) {
    throw new CliError('Your saved session is for another user pool (the API was restarted or redeployed): run `turnbase login` again.', EXIT.auth);
  }
  return session;
}

export async function currentSession(endpoints: Endpoints, profile: Profile): Promise<Session> {
  const session = savedSession(endpoints, profile);
  if (session.expiresAt - EARLY_MS > Date.now()) return session;
  return refresh(endpoints, profile, session);
}

export async function refresh(endpoints: Endpoints, profile: Profile, session: Session): Promise<Session> {
  let tokens: Tokens;
  try {
    tokens = await refreshSignIn(requirePool(endpoints), session.refreshToken);
  } catch (error) {
    if (error instanceof CognitoError) {
      // The refresh token expired or was revoked: the saved session can never work again.
      removeSession(profile, endpoints.graphqlUrl);
      throw new CliError(`Your session has expired (${error.message}): run \`turnbase login\` to sign in again.`, EXIT.auth);
    }
    throw error;
  }
  const renewed: Session = {
    ...session,
    idToken: tokens.idToken,
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken ?? session.refreshToken,
    expiresAt: Date.now() + tokens.expiresIn * 1000,
  };
  saveSession(profile, endpoints.graphqlUrl, renewed);
  return renewed;
}
