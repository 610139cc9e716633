/** Pipeline step after a move or resignation: YOUR_TURN or GAME_OVER notifications. */
import { runtime, type Context } from '@aws-appsync/utils';
import { ignoreNotifyFailure, invokeNotify, progressEvents, type Phones } from '../notifications.js';
import type { GameRecord } from '../records.js';

export function request(ctx: Context) {
  const events = progressEvents(ctx.stash.game as GameRecord, (ctx.stash.phones ?? {}) as Phones);
  // skipTo NEXT, spelled out: the later steps (stats, notifications) must still run.
  if (events.length === 0) return runtime.earlyReturn(null, { skipTo: 'NEXT' });
  return invokeNotify(events);
}

export function response(ctx: Context) {
  ignoreNotifyFailure(ctx);
  return null;
}
