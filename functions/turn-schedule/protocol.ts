/** What the resolvers send the turn-schedule function after each change of a game with a time limit. */
import type { NotifyEvent } from '../notify/protocol.js';

export interface TurnScheduleEvent {
  gameId: string;
  /** The game's version after the change: schedules are named by it, so an older invocation arriving late never replaces a newer one. */
  version: number;
  /** ISO 8601: when the player to move times out; null once the game is over (then only the old schedules go). */
  deadline: string | null;
  /** ISO 8601: when the reminder goes out, with the notify event it sends; null for none. */
  reminderAt: string | null;
  reminder: NotifyEvent | null;
}
