/** What the scheduler sends the turn-timeout function when a turn deadline passes. */
export interface TurnTimeoutEvent {
  gameId: string;
  /** The game's version when the deadline was set: the timeout only applies if no move came since. */
  version: number;
}
