/**
 * rateGame: the repair of the steps that run when a game ends (the same steps, so the same conditional
 * writes, resolvers/_lib/steps/settle.ts): each player's won or lost game, prize and rating, settled at
 * most once. True when something missing was applied now, false when the game was already counted in
 * full; GameTooOld when a player's record no longer remembers games that old (resolvers/_lib/settle.ts).
 */
import type { Context } from '@aws-appsync/utils';
import type { MutationRateGameArgs } from '../_generated/schema.js';
import { callerUsername } from '../_lib/identity.js';

export function request(ctx: Context<MutationRateGameArgs>) {
  ctx.stash.caller = callerUsername(ctx.identity);
  // Unlike the end of a game, a repair must refuse a game the records may have settled and forgotten.
  ctx.stash.repair = true;
  return {};
}

export function response(ctx: Context<MutationRateGameArgs>): boolean {
  return ctx.stash.settleApplied === true;
}
