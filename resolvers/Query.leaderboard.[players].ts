/** leaderboard: rated players, highest first, from the key-only byRating index (a Query, never a Scan). */
import { util, type Context } from '@aws-appsync/utils';
import type { QueryLeaderboardArgs, RatingConnection } from './_generated/schema.js';
import { DEFAULT_RATING } from '../game/ratings.js';
import { fail } from './_lib/errors.js';
import { callerUsername } from './_lib/identity.js';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

export function request(ctx: Context<QueryLeaderboardArgs>) {
  callerUsername(ctx.identity);
  const limit = ctx.args.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return fail('InvalidInput', `limit must be from 1 to ${MAX_LIMIT}.`);
  return {
    operation: 'Query',
    index: 'byRating',
    query: { expression: '#board = :all', expressionNames: { '#board': 'board' }, expressionValues: util.dynamodb.toMapValues({ ':all': 'ALL' }) },
    scanIndexForward: false,
    limit,
    nextToken: ctx.args.nextToken ?? null,
  };
}

export function response(ctx: Context<QueryLeaderboardArgs>): RatingConnection {
  if (ctx.error) {
    if (ctx.error.message.indexOf('token') >= 0) return fail('InvalidInput', 'nextToken is not one this API gave out.');
    return fail('InternalFailure', 'Could not read the leaderboard; please try again.');
  }
  const result = ctx.result as { items?: Array<{ username: string; ratingPoints: number }>; nextToken?: string | null };
  return {
    items: (result.items ?? []).map((entry) => ({ username: entry.username, rating: DEFAULT_RATING + entry.ratingPoints })),
    nextToken: result.nextToken ?? null,
  };
}
