/**
 * The runtime library as it runs INSIDE the sandbox realm: util, extensions, runtime, console and
 * the @aws-appsync/utils/dynamodb module, plus the function that runs one handler.
 * sandbox.ts bundles this file once with esbuild and evaluates it in the sandbox context, so every
 * object resolver code can reach belongs to that realm (none leads back to the host's globals).
 * Everything crosses the boundary as JSON data, copied (json-copy.ts).
 */
import { setHostCapabilities, type HostCapabilities } from './capabilities.js';
import { beginCall, controlThrowable, endCall, newCallState } from './call-state.js';
import { dynamodbModule } from './dynamodb-helpers.js';
import { extensions, runtime } from './extensions.js';
import { hardenRealm } from './harden.js';
import { rdsModule } from './rds.js';
import { util } from './util.js';

import { INTRINSIC_NAMES } from './intrinsics.js';
import { copyJson, setEntry } from './json-copy.js';

type Tick = () => void;
type Exports = Record<string, unknown>;
/** Evaluates the module body once and returns its request/response exports (see prepare.ts). */
export type ModuleFactory = (importModule: (name: string) => unknown) => Exports;
/** What a compiled bundle script evaluates to: it takes the runtime objects and intrinsics, returns the module factory. */
export type BundleLinker = (...runtimeObjects: unknown[]) => ModuleFactory;

export interface SandboxLibrary {
  /** Binds a bundle to this realm's runtime objects. */
  link(linker: BundleLinker): ModuleFactory;
  /** Which handlers the bundle exports, as JSON: {"request":true,"response":false} or {"crash":"message","stack":"…"}. */
  inspect(factory: ModuleFactory): string;
  /**
   * Runs one handler. `context` is copied into this realm as JSON data; the outcome returned is
   * this realm's data as the handler left it, which the host copies into its own (the one copy
   * that also finds values with no JSON form). `stash`, when given, is a stash this realm copied for an
   * earlier run (see `copy`), used as it is in place of the context's.
   */
  run(factory: ModuleFactory, handler: string, context: unknown, authType: string | null, timeoutMs: number, stash?: unknown): unknown;
  /** A JSON copy made in this realm (what `carryStash` keeps); throws as the host's copy would for a value with no JSON form. */
  copy(value: unknown): unknown;
  /** Whether the last run (or code it left behind, such as a toJSON) went past its time limit. */
  timedOut(): boolean;
  /** Deletes globals added since install; false if one could not be deleted (the realm must be replaced). */
  cleanGlobals(): boolean;
}

function describeError(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const name = 'name' in error && typeof error.name === 'string' ? error.name : 'Error';
    return `${name}: ${String(error.message)}`;
  }
  return `Uncaught ${typeof error === 'string' ? error : JSON.stringify(error) ?? String(error)}`;
}

/** The V8 stack text, for the host to find the resolver's own frame in (sandbox.ts). */
function stackOf(error: unknown): string | undefined {
  const stack: unknown = typeof error === 'object' && error !== null ? (error as { stack?: unknown }).stack : undefined;
  return typeof stack === 'string' ? stack : undefined;
}

function formatLogArgument(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

const HIDDEN_INFO_KEYS = new Set(['selectionSetList', 'selectionSetGraphQL']);

/**
 * ctx.info with selectionSetList and selectionSetGraphQL readable (and writable) through accessors of its prototype,
 * so JSON.stringify, Object.keys and spreads leave them out. Defining the two as non-enumerable own properties took two
 * Object.defineProperty calls per handler run: 4 points of the NONE query's share of graphql-js at 16 clients.
 * The prototype is frozen with the realm's intrinsics, so no call can change it for the next one.
 */
class Info {
  #selectionSetList: unknown;
  #selectionSetGraphQL: unknown;

  constructor(selectionSetList: unknown, selectionSetGraphQL: unknown) {
    this.#selectionSetList = selectionSetList;
    this.#selectionSetGraphQL = selectionSetGraphQL;
  }

  get selectionSetList(): unknown {
    return this.#selectionSetList;
  }

  set selectionSetList(value: unknown) {
    this.#selectionSetList = value;
  }

  get selectionSetGraphQL(): unknown {
    return this.#selectionSetGraphQL;
  }

  set selectionSetGraphQL(value: unknown) {
    this.#selectionSetGraphQL = value;
  }
}
// Without its own (frozen, read-only) `constructor`, an info key of that name can be set, and ctx.info.constructor is
// Object, as for any other object of the context.
Reflect.deleteProperty(Info.prototype, 'constructor');

/**
 * AppSync leaves selectionSetList and selectionSetGraphQL out when ctx.info is serialised
 * (developer guide, context reference); they stay readable as properties. The other keys keep their order.
 * An info without both (a context given to EvaluateCode) gets whichever it has as non-enumerable own
 * properties instead, so that a missing one stays missing.
 */
function hideSelectionFromJson(info: unknown): unknown {
  if (typeof info !== 'object' || info === null || Array.isArray(info)) return info;
  const source = info as Record<string, unknown>;
  const complete = Object.hasOwn(source, 'selectionSetList') && Object.hasOwn(source, 'selectionSetGraphQL');
  const hidden = (complete ? new Info(source.selectionSetList, source.selectionSetGraphQL) : {}) as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    if (!HIDDEN_INFO_KEYS.has(key)) setEntry(hidden, key, source[key]);
    else if (!complete) Object.defineProperty(hidden, key, { value: source[key], writable: true, enumerable: false, configurable: true });
  }
  return hidden;
}

export function installLibrary(host: HostCapabilities): SandboxLibrary {
  setHostCapabilities(host);
  const global = globalThis;

  let deadline = 0;
  let ticks = 0;
  let timedOut = false;
  /** Inserted at every loop iteration and function entry of resolver code (see prepare.ts). */
  const tick: Tick = () => {
    if (timedOut) throw controlThrowable;
    ticks = (ticks + 1) | 0;
    if ((ticks & 255) === 0 && Date.now() > deadline) {
      timedOut = true;
      throw controlThrowable;
    }
  };

  let logs: string[] = [];
  const log = (...args: unknown[]): void => {
    logs.push(args.map(formatLogArgument).join(' '));
  };
  const console = { log, error: log, warn: log, info: log, debug: log };

  const utilsModule = { util, extensions, runtime };
  const requireModule = (name: string): unknown => {
    if (name === '@aws-appsync/utils') return utilsModule;
    if (name === '@aws-appsync/utils/dynamodb') return dynamodbModule;
    if (name === '@aws-appsync/utils/rds') return rdsModule;
    throw new Error(`Cannot import "${name}": the APPSYNC_JS runtime provides only @aws-appsync/utils, @aws-appsync/utils/dynamodb and @aws-appsync/utils/rds`);
  };

  for (const [name, value] of Object.entries({ util, extensions, runtime, console })) {
    Object.defineProperty(global, name, { value, writable: false, enumerable: false, configurable: false });
  }
  // Deep enough that an exception raised inside the library still shows the resolver's own frame.
  Error.stackTraceLimit = 25;
  hardenRealm(global, [utilsModule, dynamodbModule, rdsModule, requireModule, tick, Info]);
  const baselineGlobals = new Set(Reflect.ownKeys(global));
  const intrinsicValues = INTRINSIC_NAMES.map((name) => (global as unknown as Record<string, unknown>)[name]);

  /**
   * Deletes globals a run added; false when one cannot be deleted (the realm is then replaced).
   * Listing the global's keys is slow in a vm context, so the host only asks when its cheap check
   * of the contextified object saw a new key.
   */
  function removeNewGlobals(): boolean {
    let clean = true;
    for (const key of Reflect.ownKeys(global)) {
      if (!baselineGlobals.has(key) && !Reflect.deleteProperty(global, key)) clean = false;
    }
    return clean;
  }

  function link(linker: BundleLinker): ModuleFactory {
    return linker(tick, util, extensions, runtime, console, ...intrinsicValues);
  }

  function evaluate(factory: ModuleFactory): Exports {
    return factory(requireModule);
  }

  function inspect(factory: ModuleFactory): string {
    const state = newCallState(null, '', '');
    beginCall(state);
    deadline = Date.now() + 1000;
    timedOut = false;
    logs = [];
    try {
      const exports = evaluate(factory);
      return JSON.stringify({ request: typeof exports.request === 'function', response: typeof exports.response === 'function' });
    } catch (error) {
      return JSON.stringify(timedOut ? { crash: 'Resolver code exceeded the time limit while loading' } : { crash: describeError(error), stack: stackOf(error) });
    } finally {
      endCall();
    }
  }

  function run(factory: ModuleFactory, handler: string, context: unknown, authType: string | null, timeoutMs: number, stash?: unknown): unknown {
    const ctx = copyJson(context) as Record<string, unknown> & { info?: { fieldName?: string; parentTypeName?: string } };
    if (stash !== undefined) ctx.stash = stash;
    ctx.args = ctx.arguments;
    if (Object.hasOwn(ctx, 'info')) ctx.info = hideSelectionFromJson(ctx.info) as typeof ctx.info;
    const state = newCallState(authType, String(ctx.info?.fieldName ?? ''), String(ctx.info?.parentTypeName ?? ''));
    beginCall(state);
    logs = [];
    timedOut = false;
    deadline = Date.now() + timeoutMs;
    let result: Record<string, unknown>;
    try {
      const exports = evaluate(factory);
      const handlerFunction = exports[handler];
      if (typeof handlerFunction !== 'function') {
        result = { kind: 'crash', message: `The code exports no "${handler}" function` };
      } else {
        const value: unknown = (handlerFunction as (context: unknown) => unknown)(ctx);
        result = { kind: 'return', value: value === undefined ? null : value };
      }
    } catch (error) {
      result = error === controlThrowable ? { kind: 'crash', message: 'The handler was stopped' } : { kind: 'crash', message: describeError(error), stack: stackOf(error) };
    }
    endCall();
    if (timedOut) result = { kind: 'crash', message: `Resolver code exceeded the ${timeoutMs} ms time limit` };
    else if (state.control !== null) result = state.control;
    // Not copied here: the host's one copy out of this realm also checks that it is JSON. `result` is this
    // run's own object, completed in place: an object spread costs a fifth of a small query in this
    // hardened realm (frozen intrinsics keep V8 off its fast path).
    result.stash = ctx.stash;
    result.appendedErrors = state.appendedErrors;
    result.extensions = state.extensions;
    result.logs = logs;
    return result;
  }

  function cleanGlobals(): boolean {
    return removeNewGlobals();
  }

  return { link, inspect, run, copy: copyJson, cleanGlobals, timedOut: () => timedOut };
}
