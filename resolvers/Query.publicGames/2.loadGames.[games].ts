/** The page's games, read by key in one BatchGetItem, in index order. */
import { runtime, type Context } from '@aws-appsync/utils';
import { batchGet } from '@aws-appsync/utils/dynamodb';
import { fail } from '../_lib/errors.js';
import type { GameRecord } from '../_lib/records.js';

export function request(ctx: Context) {
  const keys = ctx.stash.keys as Array<{ gameId: string }>;
  if (keys.length === 0) return runtime.earlyReturn([], { skipTo: 'NEXT' });
  return batchGet({ tables: { [ctx.env.GAMES_TABLE]: { keys } } });
}

export function response(ctx: Context): GameRecord[] {
  if (ctx.error) return fail('InternalFailure', 'Could not list public games; please try again.');
  const found = (ctx.result.data[ctx.env.GAMES_TABLE] ?? []) as Array<GameRecord | null>;
  // A game that ended between the two reads is still shown, as it is now.
  return found.filter((game) => game !== null) as GameRecord[];
}
