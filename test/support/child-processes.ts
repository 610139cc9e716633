/**
 * Processes the tests start (engines, the `turnbase` command, example apps), stopped when their test file
 * ends even if a test timed out first: a timed-out test never runs its own `finally`, and an engine or an
 * app waiting for an event would outlive the whole run. `stop-leftovers.ts` (a setup file in
 * vitest.config.ts) calls `stopLeftovers` after every test file, after the file's own hooks.
 */
import type { ChildProcess } from 'node:child_process';

const running = new Set<ChildProcess>();

/** The child, remembered until it exits. */
export function tracked<T extends ChildProcess>(child: T): T {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Kills, by process id, every tracked child still running; says how many there were. */
export function stopLeftovers(): number {
  const left = running.size;
  for (const child of running) child.kill('SIGKILL');
  running.clear();
  return left;
}
