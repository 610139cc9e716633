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
}

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
  /** Resolves once every asynchronous (Event) invocation started so far has finished. */
  settled(): Promise<void>;
}

export function createLambdaDataSource(fn: LambdaFunction): LambdaDataSource {
  const running = new Set<Promise<void>>();
  return {
    async settled() {
      while (running.size > 0) await Promise.all(running);
    },
    async invoke(request) {
      const { operation, payload, invocationType } = (request ?? {}) as { operation?: string; payload?: unknown; invocationType?: string };
      if (operation !== 'Invoke' && operation !== 'BatchInvoke') {
        return { result: null, error: { type: 'Lambda:InvalidRequest', message: `Unsupported Lambda operation "${String(operation)}": use Invoke or BatchInvoke.` } };
      }
      if (invocationType === 'Event') {
        // Fire and forget: the resolver gets no result, the function starts only after the caller has
        // moved on (as Lambda queues the event), and a failure only reaches the log, as in AWS.
        const run = new Promise<void>((resolve) => setImmediate(resolve))
          .then(() => call(fn, payload))
          .then((outcome) => {
            if (outcome.error) fn.log?.(`${fn.name}: asynchronous invocation failed: ${outcome.error.message}`);
          })
          .finally(() => running.delete(run));
        running.add(run);
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
