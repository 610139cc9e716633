/**
 * compileBundle: turns one esbuild ESM resolver bundle into a CompiledBundle.
 *
 * Isolation model. Creating a node:vm context costs ~600 µs and a vm timeout watchdog ~100 µs,
 * which would cost far more than the GraphQL work around each field (two handlers per field).
 * So all bundles share one sandbox realm that is hardened once (every intrinsic frozen, existing
 * globals pinned) and each run still starts from scratch:
 *  - the bundle's module code is re-evaluated per run, so module-level state never survives;
 *  - ctx is copied into the realm as JSON data and the outcome copied back out, once each way
 *    (json-copy.ts: a JSON round trip without the text, ~3x cheaper than stringify + parse);
 *  - globals a run adds are deleted after it; if one cannot be deleted the realm is replaced;
 *  - the time limit is enforced by checks prepare.ts inserts into every loop and function.
 * Library objects (util, …) live in the sandbox realm, frozen, so resolver code never touches a
 * host object. This is a consistency sandbox for trusted project code, not a security boundary.
 */
import type { BuildOptions } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { BundleCache, cacheKey } from '../../description/bundle-cache.js';
import type { CompiledBundle, HandlerContext, HandlerOutcome, RunOptions } from './contract.js';
import { engineCacheDir } from './derivation-cache.js';
import { nodeCapabilities } from './host-capabilities.js';
import { INTRINSIC_NAMES, RUNTIME_PARAMETER_NAMES } from './intrinsics.js';
import { copyJson } from './json-copy.js';
import { IMPORT_NAME, prepareModule, prepareModuleRemembered } from './prepare.js';
import { frameIn, lineStarts, originalOffset, positionAt, type SourcePosition } from './source-position.js';
import type { BundleLinker, ModuleFactory, SandboxLibrary } from './sandbox-library.js';
import { writeFileAtomic } from '../../description/write-atomic.js';

interface Realm {
  context: vm.Context;
  /** The object node:vm contextified: a global a run adds shows up here, cheap to check. */
  contextObject: Record<string, unknown>;
  baselineKeys: Set<PropertyKey>;
  library: SandboxLibrary;
  generation: number;
}

let libraryScript: vm.Script | null = null;
let realm: Realm | null = null;
let generation = 0;

export type Isolation = 'shared-realm' | 'context-per-call';
let isolation: Isolation = 'shared-realm';

/**
 * 'shared-realm' (default) runs each call from scratch in one hardened context, as described above.
 * 'context-per-call' throws the context away after every call: the strictest isolation node:vm
 * offers, for resolver code that defines hidden globals, at roughly a millisecond per handler.
 */
export function setIsolation(mode: Isolation): void {
  if (mode !== 'shared-realm' && mode !== 'context-per-call') throw new TypeError(`Unknown isolation "${String(mode)}"`);
  isolation = mode;
  realm = null;
}

const LIBRARY_BUILD: BuildOptions = {
  entryPoints: [join(dirname(fileURLToPath(import.meta.url)), 'sandbox-library.ts')],
  bundle: true,
  format: 'cjs',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  target: 'es2022',
  logLevel: 'silent',
};

/**
 * The runtime library's bundle. esbuild takes about half a second of a start to make it, so it is kept
 * in the engine's cache and rebuilt only when one of its source files changed.
 */
function libraryCode(): string {
  const cache = new BundleCache(engineCacheDir);
  const outFile = join(engineCacheDir, 'sandbox-library.js');
  const key = cacheKey(String(LIBRARY_BUILD.entryPoints), LIBRARY_BUILD);
  const cached = cache.lookup(outFile, key);
  if (cached !== undefined) return cached;
  // esbuild is loaded only when the cache misses: an ordinary start never needs it.
  const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const built = buildSync({ ...LIBRARY_BUILD, write: false, metafile: true });
  const code = built.outputFiles[0].text;
  try {
    writeFileAtomic(outFile, code);
    cache.store(outFile, key, built.metafile, code, process.cwd());
    cache.save(new Set([outFile]));
  } catch {
    // Not cached: the next start builds it again.
  }
  return code;
}

function loadLibraryScript(): vm.Script {
  if (libraryScript === null) {
    libraryScript = new vm.Script(`(function (module, exports, ${INTRINSIC_NAMES.join(', ')}) {\n${libraryCode()}\n})`, {
      filename: 'appsync-runtime-library.js',
    });
  }
  return libraryScript;
}

function currentRealm(): Realm {
  if (realm === null) {
    const contextObject: Record<string, unknown> = {};
    const context = vm.createContext(contextObject, { name: 'APPSYNC_JS', codeGeneration: { strings: false, wasm: false } });
    const intrinsics = vm.runInContext(`[${INTRINSIC_NAMES.join(', ')}]`, context) as unknown[];
    const libraryModule: { exports: { installLibrary?: (host: typeof nodeCapabilities) => SandboxLibrary } } = { exports: {} };
    const factory = loadLibraryScript().runInContext(context) as (...args: unknown[]) => void;
    factory(libraryModule, libraryModule.exports, ...intrinsics);
    const install = libraryModule.exports.installLibrary;
    if (typeof install !== 'function') throw new Error('The APPSYNC_JS runtime library did not load');
    const library = install(nodeCapabilities);
    generation += 1;
    realm = { context, contextObject, baselineKeys: new Set(Reflect.ownKeys(contextObject)), library, generation };
  }
  return realm;
}

/**
 * A run that added globals gets them deleted; a realm where that fails is dropped and rebuilt.
 * The check counts enumerable keys only (0.3 µs instead of 2-7 µs for all keys): it catches
 * `globalThis.x = …`, the way code sets a global; a global made with Object.defineProperty as
 * non-enumerable, or under a symbol, is not detected and would survive until the realm is rebuilt.
 */
function removeAddedGlobals(active: Realm): void {
  if (Object.keys(active.contextObject).length === 0) return;
  const clean = active.library.cleanGlobals();
  for (const key of Reflect.ownKeys(active.contextObject)) {
    if (!active.baselineKeys.has(key)) Reflect.deleteProperty(active.contextObject, key);
  }
  if (!clean || Reflect.ownKeys(active.contextObject).length !== active.baselineKeys.size) realm = null;
}

function describe(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const name = 'name' in error && typeof error.name === 'string' ? error.name : 'Error';
    return `${name}: ${String(error.message)}`;
  }
  return String(error);
}

function emptyOutcomeBase(): Omit<HandlerOutcome, 'kind'> {
  return { stash: {}, appendedErrors: [], extensions: { invalidations: [], evictions: [] }, logs: [] } as unknown as Omit<HandlerOutcome, 'kind'>;
}

class FailedBundle implements CompiledBundle {
  constructor(
    readonly name: string,
    private readonly message: string,
    private readonly location: SourcePosition | null = null,
  ) {}

  has(): boolean {
    return false;
  }

  run(_handler: 'request' | 'response', ctx: HandlerContext): HandlerOutcome {
    const crash = { ...emptyOutcomeBase(), stash: ctx.stash, kind: 'crash' as const, message: this.message };
    return this.location ? { ...crash, location: this.location } : crash;
  }
}

/**
 * Stashes kept in the realm by `carryStash` runs, with the generation of the realm that holds them. A run
 * takes one as it is only once and only in that realm; otherwise it is copied like any other stash.
 */
const carriedStashes = new WeakMap<object, number>();

class SandboxBundle implements CompiledBundle {
  private factory: ModuleFactory | null = null;
  private factoryGeneration = 0;
  private readonly exported: { request: boolean; response: boolean };

  constructor(
    readonly name: string,
    private readonly script: vm.Script,
    exported: { request: boolean; response: boolean },
    private readonly locate: (stack: string) => SourcePosition | null,
  ) {
    this.exported = exported;
  }

  static load(name: string, script: vm.Script, locate: (stack: string) => SourcePosition | null): CompiledBundle {
    const bundle = new SandboxBundle(name, script, { request: false, response: false }, locate);
    const { library } = currentRealm();
    const inspected = JSON.parse(library.inspect(bundle.moduleFactory())) as { request?: boolean; response?: boolean; crash?: string; stack?: string };
    if (inspected.crash !== undefined) return new FailedBundle(name, inspected.crash, inspected.stack === undefined ? null : locate(inspected.stack));
    return new SandboxBundle(name, script, { request: inspected.request === true, response: inspected.response === true }, locate);
  }

  /** The module factory bound to the current realm (re-created when the realm was replaced). */
  private moduleFactory(): ModuleFactory {
    const active = currentRealm();
    if (this.factory === null || this.factoryGeneration !== active.generation) {
      this.factory = active.library.link(this.script.runInContext(active.context) as BundleLinker);
      this.factoryGeneration = active.generation;
    }
    return this.factory;
  }

  has(handler: 'request' | 'response'): boolean {
    return this.exported[handler];
  }

  run(handler: 'request' | 'response', ctx: HandlerContext, options: RunOptions): HandlerOutcome {
    if (handler !== 'request' && handler !== 'response') throw new TypeError(`Unknown handler "${String(handler)}"`);
    if (typeof options?.timeoutMs !== 'number' || !(options.timeoutMs > 0)) throw new TypeError('RunOptions.timeoutMs must be a positive number');
    const factory = this.moduleFactory();
    const active = currentRealm();
    const given: unknown = ctx.stash;
    const carried = typeof given === 'object' && given !== null && carriedStashes.get(given) === active.generation;
    if (carried) carriedStashes.delete(given);
    // A carried stash is not copied in: null holds its place among the context's keys.
    const context = carried ? Object.assign({}, ctx, { stash: null }) : ctx;
    const outcome = active.library.run(factory, handler, context, options.authType, options.timeoutMs, carried ? given : undefined) as { logs?: unknown; stash?: unknown };
    let copied: HandlerOutcome;
    try {
      let kept: unknown;
      if (options.carryStash) {
        kept = active.library.copy(outcome.stash);
        outcome.stash = null;
      }
      // The realm boundary: the one copy of the outcome, which is also the check that it is JSON.
      copied = copyJson(outcome) as HandlerOutcome;
      if (options.carryStash) {
        copied.stash = kept as Record<string, unknown>;
        if (typeof kept === 'object' && kept !== null) carriedStashes.set(kept, active.generation);
      }
    } catch (error) {
      const message = active.library.timedOut() ? 'Resolver code exceeded the time limit' : `The handler produced a value that is not JSON: ${describe(error)}`;
      // The caller's stash as it came (the run only changed its own copy).
      copied = { ...emptyOutcomeBase(), stash: ctx.stash, logs: copyJson(outcome.logs) as string[], kind: 'crash', message };
    }
    if (isolation === 'context-per-call') realm = null;
    else removeAddedGlobals(active);
    if (copied.kind === 'crash') this.placeCrash(copied as typeof copied & { stack?: unknown });
    return copied;
  }

  /** Replaces the crash's stack text by the position in the bundle's own source, when it has one. */
  private placeCrash(crash: Extract<HandlerOutcome, { kind: 'crash' }> & { stack?: unknown }): void {
    const { stack } = crash;
    delete crash.stack;
    const location = typeof stack === 'string' ? this.locate(stack) : null;
    if (location) crash.location = location;
  }
}

/**
 * Compiles once; never throws for bad code (the bundle then answers every run with kind 'crash').
 * `remember` keeps the prepared module on disk for the next start: for the engine's own bundles.
 */
export function compileBundle(name: string, code: string, options: { remember?: boolean } = {}): CompiledBundle {
  if (typeof name !== 'string' || typeof code !== 'string') throw new TypeError('compileBundle(name, code) expects two strings');
  let script: vm.Script;
  let locate: (stack: string) => SourcePosition | null;
  try {
    // The outer function receives the runtime objects and intrinsics once per realm; the inner one
    // is the module body, re-evaluated on every run.
    const parameters = [...RUNTIME_PARAMETER_NAMES, ...INTRINSIC_NAMES].join(', ');
    const prepared = options.remember ? prepareModuleRemembered(code) : prepareModule(code);
    const header = `(function (${parameters}) { return function (${IMPORT_NAME}) {"use strict";\n`;
    const wrapped = `${header}${prepared.body}\n}; })`;
    script = new vm.Script(wrapped, { filename: `${name}.js` });
    locate = sourceLocator(`${name}.js`, code, wrapped, header.length + prepared.codeStart, prepared.edits);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
    return new FailedBundle(name, `The code of ${name} does not compile: ${detail}`);
  }
  return SandboxBundle.load(name, script, locate);
}

/** Turns a stack into the position, in the original code, of its first frame in the bundle (null inside the wrapper or imports). */
function sourceLocator(filename: string, code: string, wrapped: string, codeStart: number, edits: Parameters<typeof originalOffset>[0]) {
  let wrappedStarts: number[] | null = null;
  let codeStarts: number[] | null = null;
  return (stack: string): SourcePosition | null => {
    const frame = frameIn(stack, filename);
    if (!frame) return null;
    wrappedStarts ??= lineStarts(wrapped);
    codeStarts ??= lineStarts(code);
    const offset = (wrappedStarts[frame.line - 1] ?? Number.NaN) + frame.column - 1 - codeStart;
    if (!(offset >= 0)) return null;
    const original = originalOffset(edits, offset);
    return original <= code.length ? positionAt(codeStarts, original) : null;
  };
}
