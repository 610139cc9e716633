import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEventThread } from './event-worker.js';

let dir: string;

/** A handler module like a function's bundle: records what it saw in a file, or fails as the event asks. */
const HANDLER = `
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
export async function handler(event, context) {
  if (event.fail) throw new Error('boom: ' + event.fail);
  if (event.wait) await new Promise((resolve) => setTimeout(resolve, event.wait));
  writeFileSync(event.out, JSON.stringify({ event, isMainThread, stage: process.env.STAGE, functionName: context.functionName, remaining: context.getRemainingTimeInMillis() }));
  return { ok: true };
}
`;

/** A handler that notes in a log when each invocation starts and ends. */
const LOGGING_HANDLER = `
import { appendFileSync } from 'node:fs';
export async function handler(event) {
  appendFileSync(event.log, 'start ' + event.n + '\\n');
  if (event.crash) setTimeout(() => { throw new Error('the thread crashes'); });
  await new Promise((resolve) => setTimeout(resolve, event.wait));
  appendFileSync(event.log, 'end ' + event.n + '\\n');
}
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'event-worker-'));
  writeFileSync(join(dir, 'index.mjs'), HANDLER);
  writeFileSync(join(dir, 'logging.mjs'), LOGGING_HANDLER);
  writeFileSync(join(dir, 'no-handler.mjs'), 'export const other = 1;\n');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  delete process.env.STAGE;
});

/** A thread with one function on it (`run`), and the thread to close. */
function worker(file = 'index.mjs', timeoutSeconds = 5, thread = createEventThread()) {
  const run = thread.runner({ name: file === 'index.mjs' ? 'notify' : 'other', moduleUrl: pathToFileURL(join(dir, file)).href, environment: { STAGE: 'local' }, timeoutSeconds });
  return { run, close: () => thread.close(), thread };
}

/** A thread that runs at most `maxRunning` invocations of the logging handler at once, and its empty log. */
function loggingThread(maxRunning: number, timeoutSeconds: number, logName: string) {
  const thread = createEventThread([], maxRunning);
  const run = thread.runner({ name: 'logging', moduleUrl: pathToFileURL(join(dir, 'logging.mjs')).href, environment: {}, timeoutSeconds });
  const log = join(dir, logName);
  writeFileSync(log, '');
  return { thread, run, log };
}

describe('createEventThread', () => {
  test("runs the module's handler off the engine's thread, with the event as JSON, the function's environment and a Lambda context", async () => {
    const events = worker();
    try {
      const out = join(dir, 'seen.json');
      assert.deepEqual(await events.run({ out, list: [1, 'two'] }), { result: null });
      const seen = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
      assert.deepEqual(seen.event, { out, list: [1, 'two'] });
      assert.equal(seen.isMainThread, false);
      assert.equal(seen.stage, 'local');
      assert.equal(seen.functionName, 'notify');
      assert.ok(typeof seen.remaining === 'number' && seen.remaining > 0 && seen.remaining <= 5000);
    } finally {
      await events.close();
    }
  });

  test("the thread shares the process's environment: a variable changed later is seen by the next invocation", async () => {
    const events = worker();
    try {
      const out = join(dir, 'stage.json');
      await events.run({ out });
      process.env.STAGE = 'changed';
      await events.run({ out });
      assert.equal((JSON.parse(readFileSync(out, 'utf8')) as { stage: string }).stage, 'changed');
    } finally {
      await events.close();
    }
  });

  test('a failing handler, a module without a handler and a handler past its time limit are failed outcomes, never throws', async () => {
    const events = worker('index.mjs', 1);
    // A second function on the same thread.
    const missing = worker('no-handler.mjs', 5, events.thread);
    try {
      assert.deepEqual(await events.run({ fail: 'no phone' }), { result: null, error: { type: 'Lambda:Unhandled', message: 'boom: no phone' } });
      assert.deepEqual(await events.run({ wait: 3000, out: join(dir, 'late.json') }), { result: null, error: { type: 'Lambda:Unhandled', message: 'Task timed out after 1.00 seconds' } });
      const outcome = await missing.run({});
      assert.match(outcome.error?.message ?? '', /does not export a handler/);
    } finally {
      await events.close();
    }
  });

  test('at most maxRunning invocations run at once: the others start in the order they came, as places free up', async () => {
    const { thread, run, log } = loggingThread(2, 5, 'concurrency.log');
    try {
      const outcomes = await Promise.all([0, 1, 2, 3, 4].map((n) => run({ log, n, wait: 100 + 50 * (n % 2) })));
      assert.deepEqual(outcomes, Array(5).fill({ result: null }));
      const lines = readFileSync(log, 'utf8').trim().split('\n');
      let running = 0;
      let most = 0;
      for (const line of lines) {
        running += line.startsWith('start') ? 1 : -1;
        most = Math.max(most, running);
      }
      assert.equal(most, 2);
      assert.deepEqual(lines.filter((line) => line.startsWith('start')), ['start 0', 'start 1', 'start 2', 'start 3', 'start 4']);
    } finally {
      await thread.close();
    }
  });

  test("a waiting invocation's time limit counts from its start, and close waits for the invocations still waiting", async () => {
    const { thread, run, log } = loggingThread(1, 1, 'limits.log');
    // Together 1.4 s, each 0.7 s: the second started after the first ended, well within its own second.
    const both = [run({ log, n: 1, wait: 700 }), run({ log, n: 2, wait: 700 })];
    await thread.close();
    assert.deepEqual(await Promise.all(both), [{ result: null }, { result: null }]);
    assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), ['start 1', 'end 1', 'start 2', 'end 2']);
  });

  test('an invocation whose thread crashed fails; the one waiting for its place runs on a new thread', async () => {
    const { thread, run, log } = loggingThread(1, 5, 'crash.log');
    try {
      const crashed = run({ log, n: 1, wait: 1000, crash: true });
      const next = run({ log, n: 2, wait: 50 });
      assert.match((await crashed).error?.message ?? '', /the thread crashes/);
      assert.deepEqual(await next, { result: null });
      assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), ['start 1', 'start 2', 'end 2']);
    } finally {
      await thread.close();
    }
  });

  test('close lets the invocations in flight finish first', async () => {
    const events = worker();
    const out = join(dir, 'finished.json');
    const running = events.run({ wait: 200, out });
    await events.close();
    assert.deepEqual(await running, { result: null });
    assert.equal((JSON.parse(readFileSync(out, 'utf8')) as { event: { wait: number } }).event.wait, 200);
  });
});
