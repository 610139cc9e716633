/** The resignation: one conditional UpdateItem that ends the game, or a precise refusal. */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationResignArgs } from '../_generated/schema.js';
import { resign } from '../../game/nim.js';
import { fail } from '../_lib/errors.js';
import { stateOf } from '../_lib/games.js';
import { explainRefusal, gameUpdate } from '../_lib/gameWrite.js';
import type { GameRecord } from '../_lib/records.js';

export function request(ctx: Context<MutationResignArgs>) {
  const current = ctx.prev.result as GameRecord;
  const caller = ctx.stash.caller as string;
  const next = resign(stateOf(current), caller);
  if (!next.ok) return fail(next.error.type, next.error.message);
  return gameUpdate(current, next.value, caller, null, util.time.nowISO8601());
}

export function response(ctx: Context<MutationResignArgs>): GameRecord {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
      return explainRefusal((ctx.result as GameRecord | null) ?? null, ctx.stash.caller as string, null);
    }
    return fail('InternalFailure', 'Could not save the resignation; please try again.');
  }
  ctx.stash.game = ctx.result;
  return ctx.result as GameRecord;
}
