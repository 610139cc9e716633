/**
 * Item operations read table descriptions from memory (withTableCache), yet never see an old one: a table
 * deleted and made again with another key is seen as it now is, and a read that raced a change is not kept.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { directStore, type DynaliteInternals } from './direct-store.js';
import { dynaliteWithInternals } from './embedded.js';
import { inProcessStore, type DynamoStore } from './store.js';
import { withTableCache } from './table-cache.js';

let server: Server;
let internals: DynaliteInternals;
let store: DynamoStore;

type GetTable = (name: string, checkStatus: boolean, callback: (error: unknown, table?: { TableStatus: string }) => void) => void;

beforeAll(() => {
  const made = dynaliteWithInternals({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server = made.server;
  internals = made.internals;
  store = directStore(internals, inProcessStore(server));
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

/** dynalite's zero delays still pass through timers: wait until the table is (or is no longer) there. */
async function waitForTable(name: string, present: boolean): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const status = await store.send('DescribeTable', { TableName: name }).then(
      (output) => output.Table?.TableStatus,
      () => undefined,
    );
    if (present ? status === 'ACTIVE' : status === undefined) return;
    await new Promise((done) => setTimeout(done, 5));
  }
  assert.fail(`table ${name} never became ${present ? 'ACTIVE' : 'deleted'}`);
}

async function createTable(name: string, key: { name: string; type: 'S' | 'N' }): Promise<void> {
  await store.send('CreateTable', {
    TableName: name,
    AttributeDefinitions: [{ AttributeName: key.name, AttributeType: key.type }],
    KeySchema: [{ AttributeName: key.name, KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  await waitForTable(name, true);
}

describe('item operations and table changes', () => {
  test('a table deleted, then made again with another key, is seen as it is now', async () => {
    await createTable('remade', { name: 'pk', type: 'S' });
    await store.send('PutItem', { TableName: 'remade', Item: { pk: { S: 'a' } } });
    assert.deepEqual((await store.send('GetItem', { TableName: 'remade', Key: { pk: { S: 'a' } } })).Item, { pk: { S: 'a' } });

    await store.send('DeleteTable', { TableName: 'remade' });
    await waitForTable('remade', false);
    await assert.rejects(store.send('GetItem', { TableName: 'remade', Key: { pk: { S: 'a' } } }), { name: 'ResourceNotFoundException' });

    await createTable('remade', { name: 'id', type: 'N' });
    // The old key no longer fits; the new one does.
    await assert.rejects(store.send('GetItem', { TableName: 'remade', Key: { pk: { S: 'a' } } }), { name: 'ValidationException' });
    await store.send('PutItem', { TableName: 'remade', Item: { id: { N: '7' } } });
    assert.deepEqual((await store.send('GetItem', { TableName: 'remade', Key: { id: { N: '7' } } })).Item, { id: { N: '7' } });
  });
});

describe('withTableCache', () => {
  /** A cached view whose store reads are counted. */
  function counted(): { view: { getTable: GetTable }; reads: () => number } {
    const own = Object.create(internals) as { getTable: GetTable };
    const original = (internals as { getTable: GetTable }).getTable;
    let reads = 0;
    own.getTable = (...args) => {
      reads += 1;
      original.apply(internals, args);
    };
    return { view: withTableCache(own) as unknown as { getTable: GetTable }, reads: () => reads };
  }
  const read = (view: { getTable: GetTable }, name: string) =>
    new Promise<string | undefined>((resolve, reject) => view.getTable(name, true, (error, table) => (error ? reject(error as Error) : resolve(table?.TableStatus))));

  test('an ACTIVE table is read from the store once, until a description changes', async () => {
    await createTable('kept', { name: 'pk', type: 'S' });
    const { view, reads } = counted();
    assert.equal(await read(view, 'kept'), 'ACTIVE');
    assert.equal(await read(view, 'kept'), 'ACTIVE');
    assert.equal(reads(), 1);

    await createTable('another', { name: 'pk', type: 'S' });
    assert.equal(await read(view, 'kept'), 'ACTIVE');
    assert.equal(reads(), 2, 'a write to the table store forgets what was kept');
  });

  test('a read that a change overtook is not kept', async () => {
    await createTable('raced', { name: 'pk', type: 'S' });
    const { view, reads } = counted();
    const first = read(view, 'raced');
    // Between the read's start and its answer, a write to the table store (deleting a description that is not there).
    const tableDb = (internals as unknown as { tableDb: { del(key: string, callback: () => void): void } }).tableDb;
    const written = new Promise<void>((done) => tableDb.del('no-such-table', done));
    assert.equal(await first, 'ACTIVE');
    await written;
    assert.equal(await read(view, 'raced'), 'ACTIVE');
    assert.equal(reads(), 2);
    assert.equal(await read(view, 'raced'), 'ACTIVE');
    assert.equal(reads(), 2);
  });

  test('a missing table is an error every time, never kept', async () => {
    const { view, reads } = counted();
    await assert.rejects(read(view, 'nowhere'), (error: { statusCode?: number }) => error.statusCode === 400);
    await assert.rejects(read(view, 'nowhere'), (error: { statusCode?: number }) => error.statusCode === 400);
    assert.equal(reads(), 2);
  });
});
