/**
 * Turn deadlines: how long a turn may last and when the player to move is reminded. Pure and
 * inside the APPSYNC_JS subset (see nim.ts), so resolvers bundle it; times are epoch milliseconds.
 */

/** Shorter than this, a reminder SMS could not arrive in time to be of use. */
export const MIN_TURN_SECONDS = 30;
/** A week: a correspondence game's usual longest turn. */
export const MAX_TURN_SECONDS = 7 * 24 * 60 * 60;

/** Why `turnSeconds` is refused, or null when it is a valid time per turn. */
export function turnSecondsProblem(turnSeconds: unknown): string | null {
  if (typeof turnSeconds !== 'number' || !Number.isInteger(turnSeconds) || turnSeconds < MIN_TURN_SECONDS || turnSeconds > MAX_TURN_SECONDS) {
    return `turnSeconds must be a whole number of seconds from ${MIN_TURN_SECONDS} to ${MAX_TURN_SECONDS} (7 days).`;
  }
  return null;
}

/** The deadline of a turn that starts at `startedAt`. */
export function turnDeadline(startedAt: number, turnSeconds: number): number {
  return startedAt + turnSeconds * 1000;
}

/** The reminder goes out when a quarter of the turn is left. */
export function reminderTime(deadline: number, turnSeconds: number): number {
  return deadline - Math.floor((turnSeconds * 1000) / 4);
}
