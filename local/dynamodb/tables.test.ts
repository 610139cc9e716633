import assert from 'node:assert/strict';
import { afterEach, test, vi } from 'vitest';
import type { DynamoStore } from './store.js';
import { ensureTables } from './tables.js';

/** A store whose new table is still CREATING for the first `creatingLooks` DescribeTable calls after CreateTable. */
function slowStore(creatingLooks: number): DynamoStore & { describes: number } {
  let created = false;
  let looks = 0;
  const store = {
    protocol: 'DynamoDB_20120810' as const,
    describes: 0,
    async send(operation: string): Promise<never> {
      if (operation === 'CreateTable') {
        created = true;
        return {} as never;
      }
      if (operation !== 'DescribeTable') throw new Error(`unexpected ${operation}`);
      store.describes += 1;
      if (!created) throw Object.assign(new Error('no table'), { name: 'ResourceNotFoundException' });
      looks += 1;
      return { Table: { TableName: 't', TableStatus: looks > creatingLooks ? 'ACTIVE' : 'CREATING' } } as never;
    },
  };
  return store as DynamoStore & { describes: number };
}

const table = { name: 't', config: { partitionKey: { name: 'pk', type: 'S' as const } } };

afterEach(() => {
  vi.useRealTimers();
});

test('a table that turns ACTIVE on the next turn is seen within milliseconds, not after a fixed pause', async () => {
  vi.useFakeTimers();
  const store = slowStore(2);
  let done = false;
  void ensureTables(store, [table]).then(() => (done = true));
  await vi.advanceTimersByTimeAsync(20);
  assert.equal(done, true, `still waiting after 20 ms and ${store.describes} looks`);
});

test('a table that stays CREATING is looked at less and less often, until the timeout names it', async () => {
  vi.useFakeTimers();
  const store = slowStore(Number.POSITIVE_INFINITY);
  const outcome = ensureTables(store, [table], { timeoutMs: 10_000 }).then(
    () => 'resolved',
    (error: Error) => error.message,
  );
  await vi.advanceTimersByTimeAsync(11_000);
  assert.equal(await outcome, 'table t did not become ACTIVE within 10000 ms');
  // Doubling pauses up to half a second: about 30 looks in 10 s, where a fixed 100 ms pause made 100.
  assert.ok(store.describes < 40, `${store.describes} looks`);
});
