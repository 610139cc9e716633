/** The move itself: one conditional UpdateItem, or a precise refusal and nothing written. */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationMakeMoveArgs } from '../_generated/schema.js';
import { applyMove, type Move } from '../../game/nim.js';
import { fail } from '../_lib/errors.js';
import { stateOf } from '../_lib/games.js';
import { computerReply } from '../_lib/computer.js';
import { explainRefusal, gameUpdate } from '../_lib/gameWrite.js';
import type { GameRecord } from '../_lib/records.js';

export function request(ctx: Context<MutationMakeMoveArgs>) {
  const current = ctx.prev.result as GameRecord;
  const caller = ctx.stash.caller as string;
  const move = ctx.stash.move as Move;
  const next = applyMove(stateOf(current), caller, move);
  if (!next.ok) return fail(next.error.type, next.error.message);
  // Against the computer, its reply joins the same conditional write.
  const reply = computerReply(next.value, current.computer);
  return gameUpdate(current, reply ? reply.state : next.value, caller, move, util.time.nowISO8601(), reply ? reply.played : null);
}

export function response(ctx: Context<MutationMakeMoveArgs>): GameRecord {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
      return explainRefusal((ctx.result as GameRecord | null) ?? null, ctx.stash.caller as string, ctx.stash.move as Move);
    }
    return fail('InternalFailure', 'Could not save the move; please try again.');
  }
  ctx.stash.game = ctx.result;
  return ctx.result as GameRecord;
}
