/**
 * AWS_LAMBDA: calls the function's bundled handler in-process with AppSync's event, which is the
 * request's `payload` itself (reference §5.1).
 */
import { randomUUID } from 'node:crypto';
import type { DataSource, DataSourceOutcome } from './contract.js';

export type LambdaHandler = (event: unknown, context: Record<string, unknown>) => unknown;

export interface LambdaFunction {
  name: string;
  handler: LambdaHandler;
  timeoutSeconds: number;
  log?: (line: string) => void;
  /**
   * The waits before each retry of a failed asynchronous (Event) invocation. Lambda's default: two retries, the
   * first after about a minute, the second two minutes later.
   */
  asyncRetryDelaysMs?: readonly number[];
  /** Runs an asynchronous (Event) invocation elsewhere (event-worker.ts); without it, `handler` runs in this thread. */
  runEvent?: (payload: unknown) => Promise<DataSourceOutcome>;
}

export const LAMBDA_ASYNC_RETRY_DELAYS_MS: readonly number[] = [60_000, 120_000];

function lambdaContext(fn: LambdaFunction, deadline: number): Record<string, unknown> {
  return {
    functionName: fn.name,
    functionVersion: '$LATEST',
    awsRequestId: randomUUID(),
    memoryLimitInMB: '128',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    callbackWaitsForEmptyEventLoop: false,
  };
}

async function call(fn: LambdaFunction, payload: unknown): Promise<DataSourceOutcome> {
  const deadline = Date.now() + fn.timeoutSeconds * 1000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Task timed out after ${fn.timeoutSeconds}.00 seconds`)), fn.timeoutSeconds * 1000);
  });
  try {
    // The event crosses a process boundary in AWS: only JSON survives.
    const event = payload === undefined ? null : JSON.parse(JSON.stringify(payload));
    const result = await Promise.race([Promise.resolve(fn.handler(event, lambdaContext(fn, deadline))), timeout]);
    return { result: result === undefined ? null : JSON.parse(JSON.stringify(result)) };
  } catch (error) {
    return { result: null, error: { type: 'Lambda:Unhandled', message: error instanceof Error ? error.message : String(error) } };
  } finally {
    clearTimeout(timer);
  }
}

export interface LambdaDataSource extends DataSource {
  /** Resolves once every attempt of an asynchronous (Event) invocation now running has finished (retries still waiting are not waited for). */
  settled(): Promise<void>;
  /** No asynchronous invocation running and no retry waiting: an API swapped out by a reload can be let go. */
  idle(): boolean;
  /** Drops the retries still waiting, with a log line: the engine is stopping, and they cannot outlive it. */
  dropRetries(): void;
}

export function createLambdaDataSource(fn: LambdaFunction): LambdaDataSource {
  const running = new Set<Promise<void>>();
  const waitingRetries = new Set<NodeJS.Timeout>();
  const retryDelays = fn.asyncRetryDelaysMs ?? LAMBDA_ASYNC_RETRY_DELAYS_MS;

  /** One attempt of an Event invocation; a failure schedules the next attempt, as Lambda's event queue does. */
  const attempt = (payload: unknown, number: number): void => {
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => (fn.runEvent ? fn.runEvent(payload) : call(fn, payload)))
      .then((outcome) => {
        if (!outcome.error) return;
        const attempts = retryDelays.length + 1;
        const delay = retryDelays[number - 1];
        if (delay === undefined) {
          fn.log?.(`${fn.name}: asynchronous invocation failed (attempt ${number} of ${attempts}, the last): ${outcome.error.message}; the event is dropped`);
          return;
        }
        fn.log?.(`${fn.name}: asynchronous invocation failed (attempt ${number} of ${attempts}): ${outcome.error.message}; retrying in ${delay / 1000} s`);
        const timer = setTimeout(() => {
          waitingRetries.delete(timer);
          attempt(payload, number + 1);
        }, delay);
        timer.unref();
        waitingRetries.add(timer);
      })
      .finally(() => running.delete(run));
    running.add(run);
  };

  return {
    async settled() {
      while (running.size > 0) await Promise.all(running);
    },
    idle: () => running.size === 0 && waitingRetries.size === 0,
    dropRetries() {
      if (waitingRetries.size === 0) return;
      for (const timer of waitingRetries) clearTimeout(timer);
      fn.log?.(`${fn.name}: ${waitingRetries.size} asynchronous invocation(s) waiting for a retry dropped: the engine stopped`);
      waitingRetries.clear();
    },
    async invoke(request) {
      const { operation, payload, invocationType } = (request ?? {}) as { operation?: string; payload?: unknown; invocationType?: string };
      if (operation !== 'Invoke' && operation !== 'BatchInvoke') {
        return { result: null, error: { type: 'Lambda:InvalidRequest', message: `Unsupported Lambda operation "${String(operation)}": use Invoke or BatchInvoke.` } };
      }
      if (invocationType === 'Event') {
        // Fire and forget: the resolver gets no result, the function starts only after the caller has
        // moved on (as Lambda queues the event), and a failure reaches the log and is retried, as in AWS.
        attempt(payload, 1);
        return { result: null };
      }
      if (operation === 'BatchInvoke') {
        // The engine resolves fields one by one, so each batch holds a single event; the handler
        // still sees AppSync's array form and must answer an array of the same length.
        const outcome = await call(fn, [payload]);
        if (outcome.error) return outcome;
        if (!Array.isArray(outcome.result) || outcome.result.length !== 1) {
          return { result: null, error: { type: 'Lambda:Unhandled', message: 'A BatchInvoke handler must return an array with one entry per event.' } };
        }
        return { result: outcome.result[0] };
      }
      return call(fn, payload);
    },
  };
}
