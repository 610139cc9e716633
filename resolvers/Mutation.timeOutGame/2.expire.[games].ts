/**
 * The timeout itself: one conditional UpdateItem that ends the game for the player to move, only if
 * the game is still at the version the deadline was set for and the deadline has passed.
 */
import { util, type Context } from '@aws-appsync/utils';
import type { MutationTimeOutGameArgs } from '../_generated/schema.js';
import { timeOut } from '../../game/nim.js';
import { fail } from '../_lib/errors.js';
import { stateOf } from '../_lib/games.js';
import { timeOutUpdate } from '../_lib/gameWrite.js';
import type { GameRecord } from '../_lib/records.js';

/** Why the game cannot time out now, from the game as read; null when it can. */
function refusal(game: GameRecord, version: number, now: string): string | null {
  if (game.status !== 'IN_PROGRESS') return 'GameOver';
  if (game.version !== version) return 'GameChanged';
  if (!game.turnDeadline || game.turnDeadline > now) return 'DeadlineNotReached';
  return null;
}

function explain(type: string | null, game: GameRecord | null): never {
  if (type === 'GameOver') return fail('GameOver', 'This game is already over.');
  if (type === 'DeadlineNotReached') {
    return fail('DeadlineNotReached', game && game.turnDeadline ? `The turn deadline (${game.turnDeadline}) has not passed yet.` : 'This game has no turn deadline.');
  }
  return fail('GameChanged', 'The game changed since this deadline was set (a move came first); it keeps going.');
}

export function request(ctx: Context<MutationTimeOutGameArgs>) {
  const current = ctx.prev.result as GameRecord;
  const now = util.time.nowISO8601();
  const problem = refusal(current, ctx.args.version, now);
  if (problem) return explain(problem, current);
  const next = timeOut(stateOf(current));
  if (!next.ok) return fail(next.error.type, next.error.message);
  ctx.stash.now = now;
  return timeOutUpdate(current, next.value, now);
}

export function response(ctx: Context<MutationTimeOutGameArgs>): GameRecord {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
      // [U] see explainRefusal in gameWrite.ts: without the current item, the game changed.
      const current = (ctx.result as GameRecord | null) ?? null;
      return explain(current ? refusal(current, ctx.args.version, ctx.stash.now as string) : null, current);
    }
    return fail('InternalFailure', 'Could not end the game; please try again.');
  }
  ctx.stash.game = ctx.result;
  return ctx.result as GameRecord;
}
