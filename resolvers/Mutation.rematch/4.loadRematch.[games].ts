/** When the rematch was stored by an earlier request, read it as it is now (it may have moves). */
import { runtime, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { MutationRematchArgs } from '../_generated/schema.js';
import { fail } from '../_lib/errors.js';
import type { GameRecord } from '../_lib/records.js';

export function request(ctx: Context<MutationRematchArgs>) {
  if (ctx.stash.created) return runtime.earlyReturn(null, { skipTo: 'NEXT' });
  return get<GameRecord>({ key: { gameId: ctx.stash.rematchId as string }, consistentRead: true });
}

export function response(ctx: Context<MutationRematchArgs>) {
  if (ctx.error || !ctx.result) return fail('InternalFailure', 'Could not read the rematch; please try again.');
  ctx.stash.rematch = ctx.result;
  return null;
}
