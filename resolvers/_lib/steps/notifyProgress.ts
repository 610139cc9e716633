/** Pipeline step after a move or resignation: YOUR_TURN or GAME_OVER notifications. */
import { runtime, type Context } from '@aws-appsync/utils';
import { ignoreNotifyFailure, invokeNotify, progressEvents } from '../notifications.js';
import type { GameRecord } from '../records.js';

export function request(ctx: Context) {
  const events = progressEvents(ctx.stash.game as GameRecord);
  // Nothing to send (no one to notify): skip the call; NEXT leads on to the after handler.
  if (events.length === 0) return runtime.earlyReturn(null, { skipTo: 'NEXT' });
  return invokeNotify(events);
}

export function response(ctx: Context) {
  ignoreNotifyFailure(ctx);
  return null;
}
