/**
 * The embedded DynamoDB of the local engine: dynalite, in this process, on 127.0.0.1 and a free port.
 * It has no transactions, TTL or Streams; anything needing those points TURNBASE_DYNAMODB_ENDPOINT elsewhere.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import dynalite from 'dynalite';
import { inProcessStore, type DynamoStore } from './store.js';
import { directStore, type DynaliteInternals } from './direct-store.js';
import { installExpressionCache } from './expression-cache.js';
import { installIndexWritesInOneRound } from './index-writes.js';
import { installIteratorReaper } from './iterator-reaper.js';

const dynaliteDb = createRequire(import.meta.url)('dynalite/db') as { create(options: unknown): DynaliteInternals };

/**
 * Dynalite keeps the store its actions work on to itself (its handler is bound to it). It makes it with
 * `db.create` of its db module, called once inside `dynalite()`: wrapped for that one call, it is seen.
 */
export function dynaliteWithInternals(options: Parameters<typeof dynalite>[0]): { server: ReturnType<typeof dynalite>; internals: DynaliteInternals } {
  const create = dynaliteDb.create;
  let internals: DynaliteInternals | undefined;
  dynaliteDb.create = (createOptions) => (internals = create(createOptions));
  try {
    const server = dynalite(options);
    if (internals === undefined) throw new Error('dynalite did not create its store through db.create');
    return { server, internals };
  } finally {
    dynaliteDb.create = create;
  }
}

export interface EmbeddedDynamo {
  endpoint: string;
  /** The same store without HTTP or the SDK (its operations called directly): for the engine's data sources. */
  store: DynamoStore;
  close(): Promise<void>;
}

/** `dataDir` null keeps everything in memory; otherwise tables live under `<dataDir>/dynamodb`. */
export async function startEmbeddedDynamo(options: { dataDir: string | null }): Promise<EmbeddedDynamo> {
  let path: string | undefined;
  if (options.dataDir !== null) {
    path = join(options.dataDir, 'dynamodb');
    mkdirSync(path, { recursive: true });
  }
  installIteratorReaper();
  installExpressionCache();
  installIndexWritesInOneRound();
  // Tables become ACTIVE at once: the engine creates them at start-up and should not wait on a simulated delay.
  const { server, internals } = dynaliteWithInternals({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    store: directStore(internals, inProcessStore(server)),
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; without this, close would wait for them to time out.
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
