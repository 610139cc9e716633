/**
 * Dynalite hands back each storage step of a call (read the item, write it, write its index entries)
 * through a `setImmediate` callback of its storage wrapper: a turn of the event loop per step. Under load
 * every turn waits behind the ready work of all the other requests, so a request's time grows with its
 * count of storage steps rather than with its own work. With 16 moves at once, a game-ending move (five
 * storage calls, eleven steps) took about 2.7 times as long as another move (two calls, four steps).
 *
 * An urgent call gets its steps' callbacks as microtasks instead: it runs to its answer without giving
 * the event loop back. The engine marks a resolver's calls urgent past its second (graphql/resolve.ts):
 * ordinary resolvers keep the event loop's batching of many requests' steps, which served about 10% more
 * moves a second than running every call to its end, and only a long pipeline stops paying a round per step.
 *
 * What changes is only when a callback runs, never what it gets; a step that must wait (dynalite's item
 * lock, held by another call) goes back to `setImmediate`, and so does the rest of that call.
 */
import type { DynaliteInternals } from './direct-store.js';

type Callback = (error: unknown, value?: unknown) => void;
type StorageMethod = (...args: unknown[]) => unknown;

/** The storage methods all of dynalite's tables and indexes go through (its `db`, wrapped with callbacks). */
const STEPS = ['get', 'put', 'del', 'batch'] as const;

/** Runs `call` (which starts a dynalite action) as urgent or not: the flag follows the action's callbacks. */
export type UrgentRunner = <T>(urgent: boolean, call: () => T) => T;

export function urgentCalls(internals: DynaliteInternals): UrgentRunner {
  const db = (internals as { db: Record<(typeof STEPS)[number], StorageMethod> }).db;
  let urgent = false;
  const within = <T>(flag: boolean, call: () => T): T => {
    const before = urgent;
    urgent = flag;
    try {
      return call();
    } finally {
      urgent = before;
    }
  };
  for (const step of STEPS) {
    const original = db[step];
    db[step] = (...args: unknown[]) => {
      const callback = args[args.length - 1];
      if (!urgent || typeof callback !== 'function') return original(...args);
      // Called without its callback, dynalite's wrapper answers with the operation's promise instead.
      const answer = original(...args.slice(0, -1)) as Promise<unknown>;
      const deliver = (error: unknown, value?: unknown) => queueMicrotask(() => within(true, () => (step === 'get' && !error ? (callback as Callback)(null, value) : (callback as Callback)(error ?? null))));
      answer.then(
        (value) => deliver(null, value),
        (error: unknown) => deliver(error),
      );
      return undefined;
    };
  }
  return within;
}
