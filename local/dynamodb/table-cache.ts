/**
 * Dynalite reads a table's description from its store at the start of every call (`getTable`): one more
 * storage read, and one more turn of the event loop through its `setImmediate` callbacks, for each GetItem,
 * UpdateItem or Query. Under 16 moves at once every turn waits behind the other requests' work, so a
 * game-ending move (five storage calls) paid for five of them. This keeps the descriptions of ACTIVE tables.
 *
 * Every change of a description goes through dynalite's table store (CreateTable, UpdateTable, DeleteTable,
 * its status timers, tags), so any write there forgets everything kept. A read that started before such a
 * write is not kept when it ends. Only item operations use the kept descriptions, and none of them changes
 * one (they only read it); table operations keep reading the store, as before.
 */
import type { DynaliteInternals } from './direct-store.js';

type TableCallback = (error: unknown, table?: { TableStatus?: string }) => void;

interface TableStore {
  put(...args: unknown[]): unknown;
  del(...args: unknown[]): unknown;
  batch(...args: unknown[]): unknown;
}

interface Internals {
  tableDb: TableStore;
  getTable(name: string, ...statusAndCallback: unknown[]): void;
}

/** `internals` as item operations see it, with `getTable` answered from memory once a table is ACTIVE. */
export function withTableCache(internals: DynaliteInternals): DynaliteInternals {
  const { tableDb, getTable } = internals as Internals;
  const kept = new Map<string, { TableStatus?: string }>();
  let writes = 0;
  for (const method of ['put', 'del', 'batch'] as const) {
    const write = tableDb[method].bind(tableDb);
    tableDb[method] = (...args: unknown[]) => {
      writes += 1;
      kept.clear();
      return write(...args);
    };
  }
  const cached = {
    getTable(name: string, checkStatus: boolean | TableCallback, callback?: TableCallback) {
      const done = (typeof checkStatus === 'function' ? checkStatus : callback) as TableCallback;
      const table = kept.get(name);
      // An ACTIVE table passes the status check too, so it answers either kind of call.
      if (table !== undefined) return done(null, table);
      const writesBefore = writes;
      const keep: TableCallback = (error, found) => {
        if (!error && found?.TableStatus === 'ACTIVE' && writes === writesBefore) kept.set(name, found);
        done(error, found);
      };
      // With the status argument left out, dynalite words a missing table's error differently: pass the call on as made.
      if (typeof checkStatus === 'function') getTable.call(internals, name, keep);
      else getTable.call(internals, name, checkStatus, keep);
    },
  };
  return Object.assign(Object.create(internals) as object, cached);
}
