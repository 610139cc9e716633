/**
 * rateGame: the retry of the rating steps that run when a game ends (the same steps, so the same
 * conditional writes): true when a rating changed now, false when the game was already counted.
 */
import type { Context } from '@aws-appsync/utils';
import type { MutationRateGameArgs } from '../_generated/schema.js';
import { callerUsername } from '../_lib/identity.js';

export function request(ctx: Context<MutationRateGameArgs>) {
  ctx.stash.caller = callerUsername(ctx.identity);
  return {};
}

export function response(ctx: Context<MutationRateGameArgs>): boolean {
  return ctx.stash.ratingChanged === true;
}
