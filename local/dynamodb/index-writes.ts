/**
 * Dynalite writes an item's secondary-index entries in two rounds: first it deletes the entries whose
 * key changed, and only when all are gone does it put the new ones. Each round is a turn of the event
 * loop through its `setImmediate` callbacks, and under load every turn waits behind the other requests'
 * work. A write that moves an item within an index (a game that ends leaves its status indexes, a
 * settled player moves on the leaderboard) paid for both rounds: here they are one.
 *
 * The entries dynalite writes are unchanged (its own `getIndexActions` lists them). A deleted entry and a
 * put one never share a key (dynalite deletes an old entry only when the new key differs), so their order
 * does not matter; with both in one round, a Query on the index no longer finds the item in neither place
 * between the two rounds.
 */
import { createRequire } from 'node:module';

type Callback = (error?: unknown) => void;

interface IndexStore {
  put(key: string, item: unknown, callback: Callback): void;
  del(key: string, callback: Callback): void;
}

interface TableDescription {
  TableName: string;
  LocalSecondaryIndexes?: unknown[];
  GlobalSecondaryIndexes?: unknown[];
}

interface IndexActions {
  puts: Array<{ index: string; key: string; item: unknown }>;
  deletes: Array<{ index: string; key: string }>;
}

export interface DynaliteDb {
  updateIndexes(store: unknown, table: TableDescription, existingItem: unknown, item: unknown, callback: Callback): void;
  getIndexActions(indexes: unknown[], existingItem: unknown, item: unknown, table: TableDescription): IndexActions;
}

/** dynalite's `db` module, whose exports its actions call `updateIndexes` through. */
export function dynaliteDb(): DynaliteDb {
  return createRequire(import.meta.url)('dynalite/db') as DynaliteDb;
}

/** `updateIndexes` with the deletes and the puts in one round; the same arguments and callback as dynalite's. */
function updateIndexesInOneRound(db: Pick<DynaliteDb, 'getIndexActions'>) {
  return (store: unknown, table: TableDescription, existingItem: unknown, item: unknown, callback: Callback): void => {
    if (!existingItem && !item) return callback();
    const writes: Array<(done: Callback) => void> = [];
    for (const indexType of ['Local', 'Global'] as const) {
      const indexes = table[`${indexType}SecondaryIndexes`] ?? [];
      const actions = db.getIndexActions(indexes, existingItem, item, table);
      const indexDb = (name: string) => (store as { getIndexDb(type: string, table: string, index: string): IndexStore }).getIndexDb(indexType, table.TableName, name);
      for (const action of actions.deletes) writes.push((done) => indexDb(action.index).del(action.key, done));
      for (const action of actions.puts) writes.push((done) => indexDb(action.index).put(action.key, action.item, done));
    }
    if (writes.length === 0) return callback();
    let pending = writes.length;
    let failed = false;
    for (const write of writes) {
      write((error) => {
        if (failed) return;
        if (error) {
          failed = true;
          return callback(error);
        }
        pending -= 1;
        if (pending === 0) callback();
      });
    }
  };
}

let installed = false;

/** Replaces dynalite's `updateIndexes`, once per process. */
export function installIndexWritesInOneRound(): void {
  if (installed) return;
  installed = true;
  const db = dynaliteDb();
  db.updateIndexes = updateIndexesInOneRound(db);
}
