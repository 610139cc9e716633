/** resign: the caller gives up and the other player wins; same write discipline as makeMove. */
import type { Context } from '@aws-appsync/utils';
import type { Game, MutationResignArgs } from '../_generated/schema.js';
import { toGame } from '../_lib/games.js';
import { callerUsername } from '../_lib/identity.js';
import type { GameRecord } from '../_lib/records.js';

export function request(ctx: Context<MutationResignArgs>) {
  ctx.stash.caller = callerUsername(ctx.identity);
  return {};
}

export function response(ctx: Context<MutationResignArgs>): Game {
  return toGame(ctx.stash.game as GameRecord);
}
