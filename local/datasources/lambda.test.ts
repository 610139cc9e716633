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
  assert.equal(source.idle(), false, 'not idle while an invocation runs');
  finish();
  await waiting;
  assert.equal(settled, true);
  assert.equal(source.idle(), true);
});

/** Waits until `check` holds, polling; fails after a second. */
async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 1000;
  while (!check()) {
    assert.ok(Date.now() < deadline, 'timed out');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

test('a failing Event invocation is logged and retried, as Lambda retries an event twice', async () => {
  const lines: string[] = [];
  const events: unknown[] = [];
  const source = createLambdaDataSource({
    name: 'flaky',
    timeoutSeconds: 5,
    asyncRetryDelaysMs: [5, 10],
    log: (line) => lines.push(line),
    handler: async (event) => {
      events.push(event);
      if (events.length < 3) throw new Error(`boom ${events.length}`);
      return 'done';
    },
  });
  assert.deepEqual(await source.invoke({ operation: 'Invoke', invocationType: 'Event', payload: { n: 7 } }), { result: null });
  await until(() => events.length === 3);
  await source.settled();
  assert.deepEqual(events, [{ n: 7 }, { n: 7 }, { n: 7 }], 'the same event each time');
  assert.deepEqual(lines, [
    'flaky: asynchronous invocation failed (attempt 1 of 3): boom 1; retrying in 0.005 s',
    'flaky: asynchronous invocation failed (attempt 2 of 3): boom 2; retrying in 0.01 s',
  ]);
});

test('after the last retry fails the event is dropped, and the log says so', async () => {
  const lines: string[] = [];
  let calls = 0;
  const source = createLambdaDataSource({
    name: 'broken',
    timeoutSeconds: 5,
    asyncRetryDelaysMs: [1, 1],
    log: (line) => lines.push(line),
    handler: () => {
      calls += 1;
      return Promise.reject(new Error('boom'));
    },
  });
  await source.invoke({ operation: 'Invoke', invocationType: 'Event', payload: {} });
  await until(() => lines.length === 3);
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(calls, 3, 'no fourth attempt');
  assert.match(lines[2], /^broken: asynchronous invocation failed \(attempt 3 of 3, the last\): boom; the event is dropped$/);
});

test('Lambda\'s own retry delays by default; dropRetries cancels the retries still waiting', async () => {
  const lines: string[] = [];
  let calls = 0;
  const source = createLambdaDataSource({
    name: 'broken',
    timeoutSeconds: 5,
    log: (line) => lines.push(line),
    handler: () => {
      calls += 1;
      throw new Error('boom');
    },
  });
  await source.invoke({ operation: 'Invoke', invocationType: 'Event', payload: {} });
  await until(() => lines.length === 1);
  assert.match(lines[0], /retrying in 60 s$/);
  await source.settled();
  assert.equal(source.idle(), false, 'a retry waiting is work still to do');
  source.dropRetries();
  assert.equal(source.idle(), true);
  assert.equal(lines[1], 'broken: 1 asynchronous invocation(s) waiting for a retry dropped: the engine stopped');
  source.dropRetries();
  assert.equal(lines.length, 2, 'nothing left to drop');
  assert.equal(calls, 1);
});

test('a RequestResponse invocation waits for the answer', async () => {
  const source = createLambdaDataSource({ name: 'echo', timeoutSeconds: 5, handler: async (event) => ({ got: event }) });
  assert.deepEqual(await source.invoke({ operation: 'Invoke', payload: { n: 2 } }), { result: { got: { n: 2 } } });
});
