/**
 * Schedule names and times. A game's schedules are named by the game and its version, so each turn
 * has its own pair: out-of-order invocations (asynchronous Lambda gives no order) cannot overwrite a
 * newer turn's deadline with an older one; a stale one that survives only fires a refused timeout.
 */
export function scheduleNames(gameId: string, version: number): { timeout: string; reminder: string } {
  return { timeout: `${gameId}-${version}-timeout`, reminder: `${gameId}-${version}-reminder` };
}

/** Scheduler's `at()` has whole seconds: round up, so a timeout never fires before its deadline. */
export function atExpression(iso: string): string {
  const ms = Math.ceil(Date.parse(iso) / 1000) * 1000;
  return `at(${new Date(ms).toISOString().slice(0, 19)})`;
}
