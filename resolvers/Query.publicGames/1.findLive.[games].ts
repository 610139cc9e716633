/** The page's keys from the live partition of byPublicStatus, newest first. */
import { util, type Context } from '@aws-appsync/utils';
import type { QueryPublicGamesArgs } from '../_generated/schema.js';
import { fail } from '../_lib/errors.js';
import { publicStatusKey } from '../_lib/games.js';

export function request(ctx: Context<QueryPublicGamesArgs>) {
  return {
    operation: 'Query',
    index: 'byPublicStatus',
    query: {
      expression: '#publicStatus = :live',
      expressionNames: { '#publicStatus': 'publicStatus' },
      expressionValues: util.dynamodb.toMapValues({ ':live': publicStatusKey('IN_PROGRESS') }),
    },
    scanIndexForward: false,
    limit: ctx.stash.limit as number,
    nextToken: ctx.args.nextToken ?? null,
  };
}

export function response(ctx: Context<QueryPublicGamesArgs>) {
  if (ctx.error) {
    // A token this API did not give out is the caller's mistake, not a failure.
    if (ctx.error.type === 'DynamoDB:ValidationException' || ctx.error.message.indexOf('token') >= 0) return fail('InvalidInput', 'nextToken is not one this API gave out.');
    return fail('InternalFailure', 'Could not list public games; please try again.');
  }
  const result = ctx.result as { items?: Array<{ gameId: string }>; nextToken?: string | null };
  ctx.stash.keys = (result.items ?? []).map((item) => ({ gameId: item.gameId }));
  ctx.stash.nextToken = result.nextToken ?? null;
  return null;
}
