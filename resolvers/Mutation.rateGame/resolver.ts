/**
 * rateGame: the retry of the steps that run when a game ends (the same steps, so the same conditional
 * writes): ratings, and the players' won and lost games with the prize (resolvers/_lib/steps/credit.ts).
 * True when something missing was applied now, false when the game was already counted in full.
 */
import type { Context } from '@aws-appsync/utils';
import type { MutationRateGameArgs } from '../_generated/schema.js';
import { callerUsername } from '../_lib/identity.js';

export function request(ctx: Context<MutationRateGameArgs>) {
  ctx.stash.caller = callerUsername(ctx.identity);
  return {};
}

export function response(ctx: Context<MutationRateGameArgs>): boolean {
  return ctx.stash.ratingChanged === true || ctx.stash.creditApplied === true;
}
