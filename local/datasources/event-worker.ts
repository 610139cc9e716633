/**
 * Asynchronous (Event) invocations of an engine's functions, run on one worker thread of its process.
 *
 * In AWS an Event invocation runs in the function's own container, never on AppSync's time. Run on the
 * engine's thread, a move's notification (two SNS publishes through the real AWS SDK: serialization,
 * SigV4 signing, HTTP to the stand-in and back) cost more CPU than the move itself, and the next request
 * waited behind it. On the worker thread each handler module is loaded and called as before (the same
 * bundle, its own module instance, the process's environment shared as in-process functions share it),
 * and the engine's thread only hands over the event. One thread serves all the engine's functions, as
 * one thread ran them before, so the engine's memory grows by one V8 instance at most.
 */
import { SHARE_ENV, Worker } from 'node:worker_threads';
import type { DataSourceOutcome } from './contract.js';
import { THREAD_ENDPOINTS_SOURCE, endpointAddress, type ThreadEndpoint } from './thread-endpoints.js';

/** The worker's code (CommonJS, evaluated as is, so it needs no TypeScript loader). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { randomUUID } = require('node:crypto');
${THREAD_ENDPOINTS_SOURCE}
const asked = new Map();
let nextCall = 0;
serveEndpoints(workerData.endpoints, (endpoint, body, contentType) =>
  new Promise((resolve, reject) => {
    const call = nextCall;
    nextCall += 1;
    asked.set(call, { resolve, reject });
    parentPort.postMessage({ call, endpoint, body, contentType });
  }),
);
const handlers = new Map();
function load(url, name) {
  let loading = handlers.get(url);
  if (!loading) {
    loading = import(url).then((module) => {
      if (typeof module.handler !== 'function') throw new Error('function "' + name + '" does not export a handler');
      return module.handler;
    });
    handlers.set(url, loading);
  }
  return loading;
}
parentPort.on('message', async ({ id, url, name, event, timeoutSeconds, call, answer, error }) => {
  if (call !== undefined) {
    const waiting = asked.get(call);
    asked.delete(call);
    if (answer) waiting.resolve(answer);
    else waiting.reject(new Error(error));
    return;
  }
  const deadline = Date.now() + timeoutSeconds * 1000;
  try {
    const handler = await load(url, name);
    const context = {
      functionName: name,
      functionVersion: '$LATEST',
      awsRequestId: randomUUID(),
      memoryLimitInMB: '128',
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      callbackWaitsForEmptyEventLoop: false,
    };
    // Only JSON leaves a function: a result without a JSON form fails the invocation, as on the engine's thread.
    JSON.stringify(await handler(JSON.parse(event), context));
    parentPort.postMessage({ id });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

export interface EventFunction {
  /** The function's name (Lambda's functionName). */
  name: string;
  /** The handler module (the function's bundle). */
  moduleUrl: string;
  /**
   * The function's variables, set in the process's environment just before its module loads, as for a
   * module loaded on the engine's thread (the worker shares the process's environment).
   */
  environment: Record<string, string | undefined>;
  timeoutSeconds: number;
}

export interface EventThread {
  /** What runs one function's Event invocations here; it never throws (a failure is the outcome's error). */
  runner(fn: EventFunction): (payload: unknown) => Promise<DataSourceOutcome>;
  /** Stops the thread once the invocations it is running have finished. */
  close(): Promise<void>;
}

/**
 * Invocations running on the thread at once; the others wait as their event's JSON text. Lambda runs one
 * invocation per execution environment, and here every event used to start as soon as it came: with 16 moves at
 * once on a 2-core machine, thousands of notifications were in flight on the thread, each holding its SDK request
 * half-made, the thread's garbage collection grew with them, and it fell further behind (a backlog of 6,000 after
 * 15 s; the engine grew from 320 to 860 MiB in 40 s). With this limit the same load leaves a backlog of a few
 * hundred that does not grow, and the engine stays near 420 MiB. An invocation spends most of its time waiting
 * for a stand-in's answer from the engine's thread, so a few dozen at once keep the thread busy. An invocation past
 * its time limit gives its place up, though its handler may still be running there (Lambda would stop it).
 */
const MAX_RUNNING = 64;

const failed = (message: string): DataSourceOutcome => ({ result: null, error: { type: 'Lambda:Unhandled', message } });

/**
 * `endpoints`: stand-ins the functions reach without the engine's HTTP stack (thread-endpoints.ts). At most
 * `maxRunning` invocations run on the thread at once; the others wait, in order, as their event's JSON text.
 */
export function createEventThread(endpoints: ThreadEndpoint[] = [], maxRunning = MAX_RUNNING): EventThread {
  let worker: Worker | undefined;
  let nextId = 0;
  /** Invocations running, by id: the thread each was posted to, and what takes its outcome. */
  const pending = new Map<number, { thread: Worker; done: (outcome: DataSourceOutcome) => void }>();
  /** Modules the current thread has been asked to load (their environment is set by then). */
  let loaded = new Set<string>();
  let idle: (() => void) | undefined;

  /** Invocations waiting for a place on the thread, oldest first: each one posts itself when called. */
  const waiting: Array<() => void> = [];

  const finish = (id: number, outcome: DataSourceOutcome) => {
    const running = pending.get(id);
    if (!running) return;
    pending.delete(id);
    running.done(outcome);
    waiting.shift()?.();
    if (pending.size === 0 && waiting.length === 0) idle?.();
  };

  /** A stand-in request from a function on the thread, answered here. */
  const answer = (thread: Worker, { call, endpoint, body, contentType }: { call: number; endpoint: number; body: string; contentType: string }) => {
    // A thread stopped meanwhile takes no answer (postMessage to it does nothing).
    endpoints[endpoint].handle(body, contentType).then(
      (response) => thread.postMessage({ call, answer: response }),
      (error: unknown) => thread.postMessage({ call, error: error instanceof Error ? error.message : String(error) }),
    );
  };

  const start = (): Worker => {
    // Started on the first event, as Lambda starts a container: many runs never notify anyone.
    const started = new Worker(WORKER_SOURCE, { eval: true, env: SHARE_ENV, workerData: { endpoints: endpoints.map((endpoint) => endpointAddress(endpoint.url)) } });
    loaded = new Set();
    // Idle, it must not keep the engine's process alive.
    started.unref();
    started.on('message', (message: { id: number; error?: string } | { call: number; endpoint: number; body: string; contentType: string }) => {
      if ('call' in message) return answer(started, message);
      finish(message.id, message.error === undefined ? { result: null } : failed(message.error));
    });
    const lost = (reason: string) => {
      if (worker === started) worker = undefined;
      // Only the invocations this thread was running: those that waited for them start on a new thread meanwhile.
      for (const [id, running] of [...pending]) if (running.thread === started) finish(id, failed(reason));
    };
    started.on('error', (error) => lost(error.message));
    started.on('exit', (code) => lost(`the functions' thread exited (code ${code})`));
    return started;
  };

  const run = (fn: EventFunction, payload: unknown): Promise<DataSourceOutcome> => {
    let event: string;
    try {
      event = JSON.stringify(payload ?? null);
    } catch (error) {
      return Promise.resolve(failed((error as Error).message));
    }
    return new Promise<DataSourceOutcome>((resolve) => {
      const post = () => {
        worker ??= start();
        if (!loaded.has(fn.moduleUrl)) {
          Object.assign(process.env, fn.environment);
          loaded.add(fn.moduleUrl);
        }
        const id = nextId;
        nextId += 1;
        // The time limit counts from the start, as Lambda's does, not from the wait for a place.
        const timer = setTimeout(() => finish(id, failed(`Task timed out after ${fn.timeoutSeconds}.00 seconds`)), fn.timeoutSeconds * 1000);
        pending.set(id, {
          thread: worker,
          done: (outcome) => {
            clearTimeout(timer);
            resolve(outcome);
          },
        });
        worker.postMessage({ id, url: fn.moduleUrl, name: fn.name, event, timeoutSeconds: fn.timeoutSeconds });
      };
      if (pending.size < maxRunning) post();
      else waiting.push(post);
    });
  };

  return {
    runner: (fn) => (payload) => run(fn, payload),
    async close() {
      if (pending.size > 0 || waiting.length > 0) await new Promise<void>((resolve) => (idle = resolve));
      const stopping = worker;
      worker = undefined;
      await stopping?.terminate();
    },
  };
}
