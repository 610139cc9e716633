/** The caller's games as player1 (games they created), newest first. */
import type { Context } from '@aws-appsync/utils';
import { queryPlayerSlot, sliceFrom, type MyGamesQuery } from '../_lib/gameIndex.js';

export function request(ctx: Context) {
  return queryPlayerSlot(1, ctx.stash.query as MyGamesQuery);
}

export function response(ctx: Context) {
  ctx.stash.asPlayer1 = sliceFrom(ctx);
  return null;
}
