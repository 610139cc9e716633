/**
 * Runs one field's resolver the way AppSync does: a unit resolver (request → data source → response)
 * or a pipeline (before → each function's request → data source → response → after), threading
 * `ctx.stash` and `ctx.prev.result` through the stages.
 */
import type { ResolverRoute } from '../../description/load.js';
import type { DataSource, DataSourceOutcome, InvokeOptions } from '../datasources/contract.js';
import type { CompiledBundle, ExtensionCalls, HandlerContext, HandlerOutcome, ResolverError, RunOptions } from '../runtime/contract.js';

export interface StageTrace {
  /** e.g. `Mutation.addBook` or `Mutation_addBook_1_write`. */
  name: string;
  dataSource?: string;
  ms: number;
  request?: unknown;
  response?: unknown;
}

export interface FieldResolution {
  /** Set when the field resolved (possibly to null). */
  value?: unknown;
  /** Set when the field failed: it becomes null and this error is reported at its path. */
  error?: ResolverError;
  /** `util.appendError` calls: reported at the field's path, the value stands. */
  appended: ResolverError[];
  extensions: ExtensionCalls;
  stages: StageTrace[];
  logs: string[];
}

export interface ResolverSet {
  resolvers: Map<string, CompiledBundle>;
  functions: Map<string, CompiledBundle>;
  dataSources: Map<string, DataSource>;
}

type BaseContext = Omit<HandlerContext, 'stash' | 'prev' | 'result' | 'error'>;

interface Run {
  stash: Record<string, unknown>;
  resolution: FieldResolution;
  deadline: number;
  authType: RunOptions['authType'];
  /** Data-source calls made so far. */
  calls: number;
}

/**
 * A resolver's data-source calls past this many are urgent: the embedded store runs them to their answer
 * without giving the event loop back between its steps (dynamodb/urgent-calls.ts). Most resolvers make one
 * or two calls and keep the event loop's batching; a long pipeline (five calls, say) no longer waits a
 * round of every other request's work for each step of its later calls.
 */
const PLAIN_CALLS = 2;
const URGENT: InvokeOptions = { urgent: true };

function crashError(bundle: CompiledBundle, message: string): ResolverError {
  return { message: `${bundle.name}: ${message}`, errorType: 'Code', data: null, errorInfo: null };
}

/** Runs one handler and folds its side effects (stash, appended errors, extensions, logs) into the run. */
function runHandler(run: Run, bundle: CompiledBundle, handler: 'request' | 'response', ctx: HandlerContext): HandlerOutcome {
  const timeoutMs = Math.max(1, run.deadline - Date.now());
  // The stash only passes from handler to handler here, so it stays in the runtime between them.
  const outcome = bundle.run(handler, Object.assign({}, ctx, { stash: run.stash }), { timeoutMs, authType: run.authType, carryStash: true });
  run.stash = outcome.stash;
  const { resolution } = run;
  resolution.appended.push(...outcome.appendedErrors);
  resolution.logs.push(...outcome.logs);
  const ext = outcome.extensions;
  if (ext.subscriptionFilter !== undefined) resolution.extensions.subscriptionFilter = ext.subscriptionFilter;
  if (ext.subscriptionInvalidationFilter !== undefined) resolution.extensions.subscriptionInvalidationFilter = ext.subscriptionInvalidationFilter;
  resolution.extensions.invalidations.push(...ext.invalidations);
  resolution.extensions.evictions.push(...ext.evictions);
  return outcome;
}

/** The request's 30 s budget covers data sources too: a call still running at the deadline fails the field. */
function withDeadline(call: Promise<DataSourceOutcome>, deadline: number): Promise<DataSourceOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<DataSourceOutcome>((resolve) => {
    timer = setTimeout(
      () => resolve({ result: null, error: { type: 'ExecutionTimeout', message: 'The request exceeded its execution time limit while waiting for a data source.' } }),
      Math.max(0, deadline - Date.now()),
    );
  });
  return Promise.race([call, expired]).finally(() => clearTimeout(timer));
}

/** A failed stage: `util.error` keeps its fields, a crash becomes a `Code` error. */
function failure(bundle: CompiledBundle, outcome: HandlerOutcome): ResolverError | undefined {
  if (outcome.kind === 'error') return outcome.error;
  if (outcome.kind === 'crash') return crashError(bundle, outcome.message);
  return undefined;
}

/**
 * One request → data source → response round. Returns the stage's value, or the error that ends the field.
 * An early return from `request` skips the data source and `response`.
 */
async function runStage(
  run: Run,
  name: string,
  bundle: CompiledBundle,
  dataSourceName: string,
  dataSource: DataSource,
  ctx: HandlerContext,
): Promise<{ value: unknown; skipTo?: 'END' | 'NEXT' } | { error: ResolverError }> {
  const started = performance.now();
  const trace: StageTrace = { name, dataSource: dataSourceName, ms: 0 };
  run.resolution.stages.push(trace);
  try {
    const request = runHandler(run, bundle, 'request', ctx);
    const requestError = failure(bundle, request);
    if (requestError) return { error: requestError };
    if (request.kind === 'earlyReturn') return { value: request.value, skipTo: request.skipTo };
    trace.request = request.kind === 'return' ? request.value : undefined;
    run.calls += 1;
    const invoked = dataSource.invoke(trace.request, run.calls > PLAIN_CALLS ? URGENT : undefined);
    const called = invoked instanceof Promise ? await withDeadline(invoked, run.deadline) : invoked;
    trace.response = called.error ? { error: called.error, result: called.result } : called.result;
    if (!bundle.has('response')) {
      // With no response handler a failed call is the field's error, as AppSync reports it.
      if (called.error) return { error: { message: called.error.message, errorType: called.error.type, data: null, errorInfo: null } };
      return { value: called.result ?? null };
    }
    const response = runHandler(run, bundle, 'response', Object.assign({}, ctx, { result: called.result ?? null, error: called.error }));
    const responseError = failure(bundle, response);
    if (responseError) return { error: responseError };
    return { value: response.kind === 'return' || response.kind === 'earlyReturn' ? response.value : null };
  } finally {
    trace.ms = performance.now() - started;
  }
}

// Object.assign, not an object spread: in Node 20 a spread followed by more keys takes V8's slow path (about 3 µs,
// several times per field). The keys keep the spread's order, which resolvers see in JSON.stringify(ctx).
// Module functions, not closures made per field: under tsx (esbuild's keepNames) every named closure costs a
// defineProperty of its name each time it is made.
function stageContext(base: BaseContext, run: Run, prev: { result: unknown } | undefined): HandlerContext {
  return Object.assign({}, base, { stash: run.stash, prev });
}

function failedField(resolution: FieldResolution, error: ResolverError): FieldResolution {
  return Object.assign({}, resolution, { error });
}

export async function resolveField(
  route: ResolverRoute,
  set: ResolverSet,
  base: BaseContext,
  options: { deadline: number; authType: RunOptions['authType'] },
): Promise<FieldResolution> {
  const resolution: FieldResolution = { appended: [], extensions: { invalidations: [], evictions: [] }, stages: [], logs: [] };
  const run: Run = { stash: {}, resolution, deadline: options.deadline, authType: options.authType, calls: 0 };
  const coordinate = `${route.typeName}.${route.fieldName}`;

  if (route.kind === 'UNIT') {
    const bundle = set.resolvers.get(coordinate);
    const dataSource = set.dataSources.get(route.dataSource ?? '');
    if (!bundle || !dataSource) return failedField(resolution, { message: `${coordinate} is not wired`, errorType: 'Code', data: null, errorInfo: null });
    const outcome = await runStage(run, coordinate, bundle, route.dataSource ?? '', dataSource, stageContext(base, run, undefined));
    return 'error' in outcome ? failedField(resolution, outcome.error) : Object.assign({}, resolution, { value: outcome.value });
  }

  // The bundler gives every pipeline before/after handlers (a pass-through when it has no resolver.ts).
  const handlers = set.resolvers.get(coordinate);
  if (!handlers) return failedField(resolution, { message: `${coordinate} is not wired`, errorType: 'Code', data: null, errorInfo: null });
  const started = performance.now();
  const before = runHandler(run, handlers, 'request', stageContext(base, run, undefined));
  resolution.stages.push({ name: `${coordinate} (before)`, ms: performance.now() - started });
  const beforeError = failure(handlers, before);
  if (beforeError) return failedField(resolution, beforeError);
  let result: unknown = before.kind === 'return' || before.kind === 'earlyReturn' ? before.value : null;
  const skipFunctions = before.kind === 'earlyReturn';

  for (const fn of skipFunctions ? [] : route.functions) {
    const bundle = set.functions.get(fn.name);
    const dataSource = set.dataSources.get(fn.dataSource);
    if (!bundle || !dataSource) return failedField(resolution, { message: `${fn.name} is not wired`, errorType: 'Code', data: null, errorInfo: null });
    const outcome = await runStage(run, fn.name, bundle, fn.dataSource, dataSource, stageContext(base, run, { result }));
    // [U] Whether AppSync runs the after handler once a function raised util.error is not documented;
    // the field fails here without it, which never lets an after handler mask the error.
    if ('error' in outcome) return failedField(resolution, outcome.error);
    result = outcome.value;
    if (outcome.skipTo === 'END') break;
  }

  const afterStarted = performance.now();
  const after = runHandler(run, handlers, 'response', Object.assign(stageContext(base, run, { result }), { result }));
  resolution.stages.push({ name: `${coordinate} (after)`, ms: performance.now() - afterStarted });
  const afterError = failure(handlers, after);
  if (afterError) return failedField(resolution, afterError);
  return Object.assign({}, resolution, { value: after.kind === 'return' || after.kind === 'earlyReturn' ? after.value : null });
}
