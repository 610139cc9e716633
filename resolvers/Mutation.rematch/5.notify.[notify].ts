/** Invites the other player to a rematch this request created (never twice, never the computer). */
import { runtime, type Context } from '@aws-appsync/utils';
import type { MutationRematchArgs } from '../_generated/schema.js';
import { ignoreNotifyFailure, inviteEvents, invokeNotify } from '../_lib/notifications.js';
import type { GameRecord } from '../_lib/records.js';

export function request(ctx: Context<MutationRematchArgs>) {
  const game = ctx.stash.rematch as GameRecord;
  if (!ctx.stash.created || game.computer) return runtime.earlyReturn(null, { skipTo: 'NEXT' });
  return invokeNotify(inviteEvents(game));
}

export function response(ctx: Context<MutationRematchArgs>) {
  ignoreNotifyFailure(ctx);
  return null;
}
