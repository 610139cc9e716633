/**
 * rematch: either player of a finished game starts a new game between the same two, with the
 * same starting heaps; the caller creates it, so the other player moves first and is invited.
 * Asking again (either player, or a retry) gives the same new game: the old game records its
 * rematch with one conditional write, and the new game is stored with one conditional PutItem
 * under that id, so two requests can never start two rematches.
 */
import type { Context } from '@aws-appsync/utils';
import type { Game, MutationRematchArgs } from '../_generated/schema.js';
import { toGame } from '../_lib/games.js';
import { callerUsername } from '../_lib/identity.js';
import type { GameRecord } from '../_lib/records.js';

export function request(ctx: Context<MutationRematchArgs>) {
  ctx.stash.caller = callerUsername(ctx.identity);
  return {};
}

export function response(ctx: Context<MutationRematchArgs>): Game {
  return toGame(ctx.stash.rematch as GameRecord);
}
