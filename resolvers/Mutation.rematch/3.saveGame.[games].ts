/**
 * Stores the rematch under the claimed id: one PutItem that never overwrites. Whoever's request
 * gets here first writes it; a later one (the other player, a retry) finds it stored already.
 */
import { util, type Context } from '@aws-appsync/utils';
import { put } from '@aws-appsync/utils/dynamodb';
import type { MutationRematchArgs } from '../_generated/schema.js';
import { newGame, opponentOf } from '../../game/nim.js';
import { fail } from '../_lib/errors.js';
import { newGameRecord, withTurnLimit, withVisibility } from '../_lib/games.js';
import { withComputerOpening } from '../_lib/computer.js';
import type { GameRecord } from '../_lib/records.js';

/** The old game's phone pair in the new game's order (the creator is player1). */
function phonesFor(old: GameRecord, creator: string): Array<string | null> {
  const phones = old.phones ?? [];
  return creator === old.player1 ? [phones[0] ?? null, phones[1] ?? null] : [phones[1] ?? null, phones[0] ?? null];
}

export function request(ctx: Context<MutationRematchArgs>) {
  const old = ctx.stash.game as GameRecord;
  const creator = ctx.stash.rematchBy as string;
  // Against the computer only the person can ask, so the computer (player2) makes the opening move.
  const state = newGame(creator, opponentOf(old, creator) as string, old.initialHeaps);
  if (!state.ok) return fail('InvalidGame', state.error.message);
  const nowMs = util.time.nowEpochMilliSeconds();
  const made = newGameRecord(ctx.stash.rematchId as string, state.value, util.time.epochMilliSecondsToISO8601(nowMs), old.computer);
  // Same visibility and time per move as the game it repeats.
  const fresh: GameRecord = { ...withTurnLimit(withVisibility(made, old.visibility), old.turnSeconds, nowMs), rematchOf: old.gameId, phones: phonesFor(old, creator) };
  const record = withComputerOpening(fresh, state.value);
  ctx.stash.rematch = record;
  return put<GameRecord>({ key: { gameId: record.gameId }, item: record, condition: { gameId: { attributeExists: false } } });
}

export function response(ctx: Context<MutationRematchArgs>) {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
      ctx.stash.created = false;
      return null;
    }
    return fail('InternalFailure', 'Could not start the rematch; please try again.');
  }
  ctx.stash.created = true;
  return null;
}
