/**
 * The Cognito calls Amplify's Auth makes, as plain requests to Cognito's JSON API (what Amplify sends too):
 * InitiateAuth with USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH, and RevokeToken on sign-out. No credentials
 * are involved: these operations are public, identified by the app client id.
 */
import { CliError, EXIT } from './errors.js';
import { send, type HttpAnswer } from './http.js';

export interface UserPool {
  id: string;
  clientId: string;
  endpoint: string;
}

export interface Tokens {
  idToken: string;
  accessToken: string;
  /** Absent after a refresh: Cognito keeps the same refresh token. */
  refreshToken?: string;
  expiresIn: number;
}

export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

async function call(pool: UserPool, operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  let response: HttpAnswer;
  try {
    response = await send(pool.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
      body: JSON.stringify(input),
    });
  } catch (error) {
    throw new CliError(`Cannot reach Cognito at ${pool.endpoint}: ${(error as Error).message}`, EXIT.setup);
  }
  const text = response.text;
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    throw new CliError(`Cognito answered ${operation} with something that is not JSON (HTTP ${response.status}).`, EXIT.setup);
  }
  if (!response.ok) {
    // "__type" may carry a namespace prefix ("com.amazonaws...#NotAuthorizedException").
    const type = String(body.__type ?? 'UnknownError').split('#').pop()!;
    throw new CognitoError(type, String(body.message ?? body.Message ?? `HTTP ${response.status}`));
  }
  return body;
}

function tokensFrom(body: Record<string, unknown>): Tokens {
  const result = body.AuthenticationResult as Record<string, unknown> | undefined;
  if (!result) {
    const challenge = typeof body.ChallengeName === 'string' ? body.ChallengeName : 'unknown';
    throw new CliError(`Cognito asks for a further sign-in step (${challenge}) that turnbase does not support.`, EXIT.auth);
  }
  return {
    idToken: String(result.IdToken),
    accessToken: String(result.AccessToken),
    refreshToken: typeof result.RefreshToken === 'string' ? result.RefreshToken : undefined,
    expiresIn: Number(result.ExpiresIn ?? 3600),
  };
}

export async function passwordSignIn(pool: UserPool, username: string, password: string): Promise<Tokens> {
  const body = await call(pool, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: pool.clientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  return tokensFrom(body);
}

export async function refreshSignIn(pool: UserPool, refreshToken: string): Promise<Tokens> {
  const body = await call(pool, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: pool.clientId, AuthParameters: { REFRESH_TOKEN: refreshToken } });
  return tokensFrom(body);
}

export async function revokeToken(pool: UserPool, refreshToken: string): Promise<void> {
  await call(pool, 'RevokeToken', { ClientId: pool.clientId, Token: refreshToken });
}
