/** Invites the opponent (GAME_INVITE); a failed notification does not undo the game. */
import { runtime, type Context } from '@aws-appsync/utils';
import type { MutationCreateGameArgs } from '../_generated/schema.js';
import { ignoreNotifyFailure, inviteEvents, invokeNotify } from '../_lib/notifications.js';
import type { GameRecord } from '../_lib/records.js';

export function request(ctx: Context<MutationCreateGameArgs>) {
  // The computer needs no invitation.
  if ((ctx.stash.game as GameRecord).computer) return runtime.earlyReturn(null, { skipTo: 'NEXT' });
  return invokeNotify(inviteEvents(ctx.stash.game as GameRecord));
}

export function response(ctx: Context<MutationCreateGameArgs>) {
  ignoreNotifyFailure(ctx);
  return null;
}
