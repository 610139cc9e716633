/**
 * Contact details are private: `User.email` and `User.phoneNumber` resolve only for the player
 * themself. Everyone else (other players, API key callers) gets null rather than an error, so a
 * public profile query that happens to select these fields still returns the public part.
 */
import type { Context, NONERequest } from '@aws-appsync/utils';
import { optionalCallerUsername } from './identity.js';

export function ownerOnly(ctx: Context, value: unknown): NONERequest {
  const source = ctx.source as { username?: string } | undefined;
  const caller = optionalCallerUsername(ctx.identity);
  const isOwner = caller !== null && source !== undefined && source.username === caller;
  return { payload: isOwner ? (value ?? null) : null };
}
