/**
 * The embedded DynamoDB of the local engine: dynalite, in this process, on 127.0.0.1 and a free port.
 * It has no transactions, TTL or Streams; anything needing those points TURNBASE_DYNAMODB_ENDPOINT elsewhere.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import dynalite from 'dynalite';
import { inProcessStore, type DynamoStore } from './store.js';
import { installIteratorReaper } from './iterator-reaper.js';

export interface EmbeddedDynamo {
  endpoint: string;
  /** The same store without HTTP or the SDK: for the engine's data sources. */
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
  // Tables become ACTIVE at once: the engine creates them at start-up and should not wait on a simulated delay.
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
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
    store: inProcessStore(server),
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
