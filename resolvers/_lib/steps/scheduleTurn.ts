/**
 * Pipeline step after a game with a time limit changed: asks the turn-schedule function
 * (asynchronously, so the player never waits for it) to replace the last turn's deadline and
 * reminder schedules with this turn's, or only to remove them once the game is over.
 */
import { runtime, util, type Context } from '@aws-appsync/utils';
import { reminderTime } from '../../../game/deadlines.js';
import type { TurnScheduleEvent } from '../../../functions/turn-schedule/protocol.js';
import { reminderEvent } from '../notifications.js';
import type { GameRecord } from '../records.js';

function scheduleEvent(game: GameRecord): TurnScheduleEvent {
  const deadline = game.status === 'IN_PROGRESS' ? (game.turnDeadline ?? null) : null;
  const reminder = deadline ? reminderEvent(game) : null;
  const reminderAt = deadline && reminder ? util.time.epochMilliSecondsToISO8601(reminderTime(util.time.parseISO8601ToEpochMilliSeconds(deadline), game.turnSeconds as number)) : null;
  return { gameId: game.gameId, version: game.version, deadline, reminderAt, reminder: reminder ? { events: [reminder] } : null };
}

/** The step's request for `game` (null: nothing to schedule). */
export function scheduleRequest(game: GameRecord | null) {
  if (!game || !game.turnSeconds) return runtime.earlyReturn(null, { skipTo: 'NEXT' });
  return { operation: 'Invoke', invocationType: 'Event', payload: scheduleEvent(game) };
}

export function request(ctx: Context) {
  return scheduleRequest(ctx.stash.game as GameRecord);
}

export function response(ctx: Context) {
  // The game is decided already; a lost schedule is logged (the deadline then waits for the next move).
  if (ctx.error) console.error('could not schedule the turn deadline', ctx.error.type, ctx.error.message);
  return null;
}
