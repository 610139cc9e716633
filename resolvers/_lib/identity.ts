/** Who is calling: always the token's user (seed 004), never an argument. */
import { util, type Identity } from '@aws-appsync/utils';

function usernameOf(identity: Identity): unknown {
  // Cognito identities carry `username`; API key callers have no identity at all.
  return identity ? (identity as { username?: unknown }).username : undefined;
}

/** The signed-in caller's username; ends the handler as Unauthorized when there is none (API key). */
export function callerUsername(identity: Identity): string {
  const username = usernameOf(identity);
  if (typeof username !== 'string' || username === '') return util.unauthorized();
  return username;
}

/** The caller's username, or null for API key callers. */
export function optionalCallerUsername(identity: Identity): string | null {
  const username = usernameOf(identity);
  return typeof username === 'string' && username !== '' ? username : null;
}
