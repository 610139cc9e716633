/**
 * Credentials for the console's requests, by auth mode, as AppSync clients send them: `x-api-key`, or the
 * raw user-pool access token in `Authorization` (no `Bearer`). Sign-in talks to the local identity
 * provider with Cognito's own JSON protocol (InitiateAuth), as an app would.
 */
import type { ConsoleConfig } from './config';

export type Choice = 'API_KEY' | 'USER_POOL_SIGN_IN' | 'USER_POOL_TOKEN';

export interface Session {
  username: string;
  accessToken: string;
  idToken: string;
  refreshToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface AuthState {
  choice: Choice;
  apiKey: string;
  session: Session | null;
  pastedToken: string;
}

export function choicesFor(config: ConsoleConfig): Array<{ value: Choice; label: string }> {
  const choices: Array<{ value: Choice; label: string }> = [];
  for (const mode of config.authModes) {
    if (mode === 'API_KEY') choices.push({ value: 'API_KEY', label: 'API key' });
    if (mode === 'AMAZON_COGNITO_USER_POOLS') {
      if (config.userPool) choices.push({ value: 'USER_POOL_SIGN_IN', label: 'Cognito user pool: sign in' });
      choices.push({ value: 'USER_POOL_TOKEN', label: 'Cognito user pool: paste a token' });
    }
  }
  return choices;
}

/** Headers the chosen mode puts on a request (HTTP), and in the real-time `header` and `authorization`. */
export function authHeaders(state: AuthState): Record<string, string> {
  if (state.choice === 'API_KEY') return state.apiKey ? { 'x-api-key': state.apiKey } : {};
  if (state.choice === 'USER_POOL_SIGN_IN') return state.session ? { Authorization: state.session.accessToken } : {};
  return state.pastedToken.trim() ? { Authorization: state.pastedToken.trim() } : {};
}

/** Refresh a minute before expiry (half the lifetime for short-lived tokens), never in less than a second. */
export function refreshDelay(session: Session, now: number): number {
  const left = session.expiresAt - now;
  return Math.max(1000, left - 60_000, left / 2);
}

function claims(token: string): Record<string, unknown> {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)) as Record<string, unknown>;
  } catch {
    return {};
  }
}

async function cognito(config: ConsoleConfig, action: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(config.userPool!.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${action}` },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) {
    const type = String(answer.__type ?? 'Error').split('#').pop();
    throw new Error(`${type}: ${String(answer.message ?? answer.Message ?? response.statusText)}`);
  }
  return answer;
}

function sessionFrom(result: Record<string, unknown>, previous?: Session): Session {
  const accessToken = String(result.AccessToken);
  const claimed = claims(accessToken);
  const exp = typeof claimed.exp === 'number' ? claimed.exp * 1000 : Date.now() + Number(result.ExpiresIn ?? 3600) * 1000;
  return {
    username: String(claimed.username ?? claimed['cognito:username'] ?? previous?.username ?? ''),
    accessToken,
    idToken: String(result.IdToken ?? previous?.idToken ?? ''),
    refreshToken: String(result.RefreshToken ?? previous?.refreshToken ?? ''),
    expiresAt: exp,
  };
}

export async function signIn(config: ConsoleConfig, username: string, password: string): Promise<Session> {
  const answer = await cognito(config, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: config.userPool!.clientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  const result = answer.AuthenticationResult as Record<string, unknown> | undefined;
  if (!result) throw new Error(`Sign-in needs a further step (${String(answer.ChallengeName)}), which the console does not offer.`);
  return sessionFrom(result);
}

export async function refresh(config: ConsoleConfig, session: Session): Promise<Session> {
  const answer = await cognito(config, 'InitiateAuth', {
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    ClientId: config.userPool!.clientId,
    AuthParameters: { REFRESH_TOKEN: session.refreshToken },
  });
  return sessionFrom(answer.AuthenticationResult as Record<string, unknown>, session);
}
