/** One page of the caller's games from one player-slot index (see api.ts and _lib/pagination.ts). */
import { util, type Context, type DynamoDBQueryRequest } from '@aws-appsync/utils';
import type { IndexSlice } from './pagination.js';
import { statusKey } from './games.js';
import { fail } from './errors.js';

export interface MyGamesQuery {
  caller: string;
  status: string | null;
  limit: number;
  /** Only games with a smaller gameId (older); null for the first page. */
  below: string | null;
}

export function queryPlayerSlot(slot: 1 | 2, query: MyGamesQuery): DynamoDBQueryRequest {
  const byStatus = query.status !== null;
  const partitionKey = byStatus ? `player${slot}Status` : `player${slot}`;
  const names: Record<string, string> = { '#pk': partitionKey };
  const values: Record<string, unknown> = { ':pk': byStatus ? statusKey(query.caller, query.status as string) : query.caller };
  let expression = '#pk = :pk';
  if (query.below !== null) {
    names['#gameId'] = 'gameId';
    values[':below'] = query.below;
    expression = '#pk = :pk AND #gameId < :below';
  }
  return {
    operation: 'Query',
    index: byStatus ? `byPlayer${slot}Status` : `byPlayer${slot}`,
    query: { expression, expressionNames: names, expressionValues: util.dynamodb.toMapValues(values) },
    scanIndexForward: false,
    limit: query.limit,
  };
}

export function sliceFrom(ctx: Context): IndexSlice<{ gameId: string }> {
  if (ctx.error) return fail('InternalFailure', 'Could not list your games; please try again.');
  const result = ctx.result as { items?: Array<{ gameId: string }>; nextToken?: string | null } | null;
  return { items: result?.items ?? [], more: Boolean(result?.nextToken) };
}
