import { test } from 'vitest';
import assert from 'node:assert/strict';
import { createLambdaDataSource } from './lambda.js';

test('an Event invocation answers at once with no result; the handler runs afterwards and settled() waits for it', async () => {
  const seen: unknown[] = [];
  let finish: () => void = () => {};
  const source = createLambdaDataSource({
    name: 'slow',
    timeoutSeconds: 5,
    handler: async (event) => {
      seen.push(event);
      await new Promise<void>((resolve) => (finish = resolve));
      return 'ignored';
    },
  });
  const outcome = await source.invoke({ operation: 'Invoke', invocationType: 'Event', payload: { n: 1 } });
  assert.deepEqual(outcome, { result: null });
  assert.deepEqual(seen, [], 'the handler has not started when the caller gets its answer');
  let settled = false;
  const waiting = source.settled().then(() => (settled = true));
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(seen, [{ n: 1 }]);
  assert.equal(settled, false, 'still running');
  finish();
  await waiting;
  assert.equal(settled, true);
});

test('a failing Event invocation only reaches the log', async () => {
  const lines: string[] = [];
  const source = createLambdaDataSource({ name: 'broken', timeoutSeconds: 5, log: (line) => lines.push(line), handler: () => Promise.reject(new Error('boom')) });
  assert.deepEqual(await source.invoke({ operation: 'Invoke', invocationType: 'Event', payload: {} }), { result: null });
  await source.settled();
  assert.equal(lines.length, 1);
  assert.match(lines[0], /broken: asynchronous invocation failed: boom/);
});

test('a RequestResponse invocation waits for the answer', async () => {
  const source = createLambdaDataSource({ name: 'echo', timeoutSeconds: 5, handler: async (event) => ({ got: event }) });
  assert.deepEqual(await source.invoke({ operation: 'Invoke', payload: { n: 2 } }), { result: { got: { n: 2 } } });
});
