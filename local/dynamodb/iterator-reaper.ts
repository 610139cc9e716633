/**
 * Closes the LevelDB iterators dynalite forgets. Its Query and Scan read through an iterator and stop
 * reading at `Limit` (or 1 MB) without closing it, and abstract-level keeps every open iterator in its
 * database's resource set until it is closed, with the snapshot of the data it started from. Every paged
 * Query therefore leaked memory outside the V8 heap for as long as the engine ran (about 3.5 MiB per 1,000
 * `myGames` calls, bench/soak.ts). No query reads for long, so an iterator open for more than MAX_AGE_MS
 * has been abandoned: closing it frees it, and an iterator dynalite still reads from would end in an
 * error for that one request, never a wrong answer.
 */
import { createRequire } from 'node:module';

interface Resource {
  close(): Promise<void>;
}

const MAX_AGE_MS = 10_000;
const SWEEP_EVERY_MS = 2_000;

/** Open iterators of every dynalite database in this process, with the time each was opened. */
const open = new Map<Resource, number>();
let installed = false;

/** Watches iterators from now on (once per process; later calls do nothing). */
export function installIteratorReaper(): void {
  if (installed) return;
  installed = true;
  // The abstract-level copy dynalite's stores are built on: required from dynalite's memory-level.
  const dynaliteRequire = createRequire(createRequire(import.meta.url).resolve('dynalite'));
  const levelRequire = createRequire(dynaliteRequire.resolve('memory-level'));
  const abstract = levelRequire('abstract-level') as Record<string, { prototype: object }>;
  const iteratorClasses = ['AbstractIterator', 'AbstractKeyIterator', 'AbstractValueIterator'].map((name) => abstract[name]);
  const isIterator = (resource: unknown) => iteratorClasses.some((Class) => resource instanceof (Class as unknown as new () => object));
  const proto = abstract.AbstractLevel.prototype as { attachResource(resource: Resource): void; detachResource(resource: Resource): void };
  const attach = proto.attachResource;
  const detach = proto.detachResource;
  proto.attachResource = function (this: unknown, resource: Resource) {
    attach.call(this, resource);
    if (isIterator(resource)) open.set(resource, Date.now());
  };
  proto.detachResource = function (this: unknown, resource: Resource) {
    detach.call(this, resource);
    open.delete(resource);
  };
  setInterval(() => reapIterators(MAX_AGE_MS), SWEEP_EVERY_MS).unref();
}

/** Closes the iterators open longer than `maxAgeMs`; answers how many it closed. */
export function reapIterators(maxAgeMs: number): number {
  const before = Date.now() - maxAgeMs;
  let closed = 0;
  for (const [iterator, openedAt] of open) {
    if (openedAt > before) continue;
    open.delete(iterator);
    closed += 1;
    iterator.close().catch(() => undefined);
  }
  return closed;
}

export function openIteratorCount(): number {
  return open.size;
}
