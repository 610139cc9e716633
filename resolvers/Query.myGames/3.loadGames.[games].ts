/**
 * The indexes hold keys only (a move then writes no index): the page is chosen from the two key
 * lists, and only its games are read, by key, in one BatchGetItem.
 */
import { runtime, type Context } from '@aws-appsync/utils';
import { batchGet } from '@aws-appsync/utils/dynamodb';
import { fail } from '../_lib/errors.js';
import type { MyGamesQuery } from '../_lib/gameIndex.js';
import { mergeNewestFirst, type IndexSlice, type Page } from '../_lib/pagination.js';
import type { GameRecord } from '../_lib/records.js';

export function request(ctx: Context) {
  const query = ctx.stash.query as MyGamesQuery;
  const page = mergeNewestFirst(ctx.stash.asPlayer1 as IndexSlice<{ gameId: string }>, ctx.stash.asPlayer2 as IndexSlice<{ gameId: string }>, query.limit);
  ctx.stash.page = page;
  if (page.items.length === 0) return runtime.earlyReturn([], { skipTo: 'NEXT' });
  const keys = page.items.map((entry) => ({ gameId: entry.gameId }));
  return batchGet({ tables: { [ctx.env.GAMES_TABLE]: { keys } } });
}

export function response(ctx: Context): GameRecord[] {
  if (ctx.error) return fail('InternalFailure', 'Could not list your games; please try again.');
  const page = ctx.stash.page as Page<{ gameId: string }>;
  const found = (ctx.result.data[ctx.env.GAMES_TABLE] ?? []) as Array<GameRecord | null>;
  // Games are never deleted; a slot the store left unprocessed is the only way to miss one.
  if (found.length !== page.items.length || found.some((game) => game === null)) {
    return fail('InternalFailure', 'Could not list your games; please try again.');
  }
  return found as GameRecord[];
}
