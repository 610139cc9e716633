/** The caller's games as player2 (games they were invited to), newest first. */
import type { Context } from '@aws-appsync/utils';
import { queryPlayerSlot, sliceFrom, type MyGamesQuery } from '../_lib/gameIndex.js';

export function request(ctx: Context) {
  return queryPlayerSlot(2, ctx.stash.query as MyGamesQuery);
}

export function response(ctx: Context) {
  ctx.stash.asPlayer2 = sliceFrom(ctx);
  return null;
}
