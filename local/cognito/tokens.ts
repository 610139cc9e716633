/** Id and access tokens shaped like real Cognito's, signed with the pool's RS256 key. */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SigningKey } from './signing-key.js';
import type { UserRecord } from './users.js';

export interface TokenSettings {
  issuer: string;
  clientId: string;
  signingKey: SigningKey;
  accessTokenSeconds: number;
  idTokenSeconds: number;
}

export interface SessionInfo {
  /** Shared by the tokens of one sign-in (and its refreshes). */
  originJti: string;
  /** When the user typed the password, in epoch seconds. */
  authTime: number;
  /** Current time, in epoch seconds. */
  now: number;
}

export interface IssuedTokens {
  AccessToken: string;
  IdToken: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
}

export async function issueTokens(user: UserRecord, session: SessionInfo, settings: TokenSettings): Promise<IssuedTokens> {
  const eventId = randomUUID();
  const common = { sub: user.sub, iss: settings.issuer, origin_jti: session.originJti, event_id: eventId, auth_time: session.authTime, iat: session.now };

  const profile: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name === 'sub') continue;
    // Cognito puts the verification flags into id tokens as booleans.
    profile[name] = name.endsWith('_verified') ? value === 'true' : value;
  }

  const idToken = await sign(
    { ...profile, ...common, 'cognito:username': user.username, aud: settings.clientId, token_use: 'id', exp: session.now + settings.idTokenSeconds, jti: randomUUID() },
    settings.signingKey,
  );
  const accessToken = await sign(
    {
      ...common,
      client_id: settings.clientId,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      exp: session.now + settings.accessTokenSeconds,
      jti: randomUUID(),
      username: user.username,
    },
    settings.signingKey,
  );
  return { AccessToken: accessToken, IdToken: idToken, ExpiresIn: settings.accessTokenSeconds, TokenType: 'Bearer' };
}

function sign(claims: Record<string, unknown>, key: SigningKey): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ kid: key.kid, alg: 'RS256' }).sign(key.privateKey);
}
