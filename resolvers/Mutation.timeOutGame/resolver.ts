/**
 * timeOutGame: the scheduler's call (AWS_IAM only, by the field's directive) when a turn deadline
 * passes. The same write discipline and the same after-the-end steps as makeMove and resign: one
 * conditional write decides, then each player's one settle write (stats, prize, rating) and notifications.
 */
import type { Context } from '@aws-appsync/utils';
import type { Game, MutationTimeOutGameArgs } from '../_generated/schema.js';
import { toGame } from '../_lib/games.js';
import type { GameRecord } from '../_lib/records.js';

export function request(_ctx: Context<MutationTimeOutGameArgs>) {
  return {};
}

export function response(ctx: Context<MutationTimeOutGameArgs>): Game {
  return toGame(ctx.stash.game as GameRecord);
}
