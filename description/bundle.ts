/**
 * Bundles every resolver, pipeline function and Lambda handler of an API once, with esbuild.
 * The output folder is the one artifact: the local engine executes these files and the
 * CDK stack deploys these same files.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { BundleCache, cacheKey } from './bundle-cache.js';
import type { LoadedApi } from './load.js';
import { writeFileAtomic } from './write-atomic.js';

export interface BundledCode {
  /** Absolute path of the bundled JavaScript (ESM). */
  path: string;
  code: string;
}

/**
 * Before/after handlers of a pipeline folder without `resolver.ts`: pass `{}` to the first
 * function and return the last function's result. AppSync needs code for them, so this is
 * part of the artifact like any other handler.
 */
export const PIPELINE_PASS_THROUGH_CODE = 'export function request(ctx) {\n  return {};\n}\n\nexport function response(ctx) {\n  return ctx.prev.result;\n}\n';

export interface BundledApi {
  outDir: string;
  /** Keyed by `Type.field` (unit code, or pipeline before/after handlers). */
  resolvers: Map<string, BundledCode>;
  /** Keyed by pipeline function name. */
  functions: Map<string, BundledCode>;
  /** Keyed by Lambda function name; each is a folder holding `index.mjs` that exports `handler`. */
  lambdas: Map<string, BundledCode & { dir: string }>;
  /** Output files esbuild made this time; the others came unchanged from the cache. */
  built: string[];
  /** Every source file the bundles were made from. */
  inputs: string[];
}

/** esbuild settings for APPSYNC_JS, as AWS documents them (without the source map, to stay under the 32 KB limit). */
export const appsyncBuildOptions: BuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'esnext',
  external: ['@aws-appsync/utils', '@aws-appsync/utils/*'],
  write: false,
  logLevel: 'silent',
  legalComments: 'none',
};

const lambdaOptions: BuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The Node.js Lambda runtime ships AWS SDK v3; locally node_modules has it.
  external: ['@aws-sdk/*'],
  write: false,
  logLevel: 'silent',
  banner: { js: "import { createRequire as __turnbaseCreateRequire } from 'node:module'; const require = __turnbaseCreateRequire(import.meta.url);" },
};

async function bundleOne(entry: string, outFile: string, options: BuildOptions, cache: BundleCache, built: string[]): Promise<BundledCode> {
  const key = cacheKey(entry, options);
  const cached = cache.lookup(outFile, key);
  if (cached !== undefined) return { path: outFile, code: cached };
  // Loaded only when something must be built: a start on an unchanged tree never starts esbuild.
  const { build } = await import('esbuild');
  const result = await build({ ...options, entryPoints: [entry], outfile: outFile, metafile: true });
  const code = result.outputFiles?.[0]?.text ?? '';
  cache.store(outFile, key, result.metafile, code, process.cwd());
  built.push(outFile);
  return writeBundle(outFile, code);
}

function writeBundle(outFile: string, code: string): BundledCode {
  // Several processes (npm start, tests, cdk synth) may bundle the same API at once: a file is
  // replaced atomically, so none of them ever reads a half-written or missing bundle.
  writeFileAtomic(outFile, code);
  return { path: outFile, code };
}

/** Removes files a previous bundling left that are no longer part of the API (a deleted resolver). */
function prune(dir: string, keep: Set<string>): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) prune(path, keep);
    else if (!keep.has(path) && !entry.name.endsWith('.tmp')) rmSync(path, { force: true });
  }
}

export function defaultBuildDir(api: LoadedApi): string {
  return join(api.root, 'build', api.description.name);
}

export async function bundleApi(api: LoadedApi, outDir = defaultBuildDir(api)): Promise<BundledApi> {
  const bundled: BundledApi = { outDir, resolvers: new Map(), functions: new Map(), lambdas: new Map(), built: [], inputs: [] };
  const cache = new BundleCache(outDir);
  const one = (entry: string, outFile: string, options: BuildOptions) => bundleOne(entry, outFile, options, cache, bundled.built);
  const jobs: Array<Promise<void>> = [];
  for (const route of api.resolvers) {
    const coordinate = `${route.typeName}.${route.fieldName}`;
    const outFile = join(outDir, 'appsync', `${coordinate}.js`);
    if (route.file) {
      jobs.push(one(route.file, outFile, appsyncBuildOptions).then((b) => void bundled.resolvers.set(coordinate, b)));
    } else if (route.kind === 'PIPELINE') {
      bundled.resolvers.set(coordinate, writeBundle(outFile, PIPELINE_PASS_THROUGH_CODE));
    }
    for (const fn of route.functions) {
      jobs.push(one(fn.file, join(outDir, 'appsync', 'functions', `${fn.name}.js`), appsyncBuildOptions).then((b) => void bundled.functions.set(fn.name, b)));
    }
  }
  for (const [name, fn] of Object.entries(api.description.functions ?? {})) {
    const dir = join(outDir, 'lambda', name);
    jobs.push(one(join(api.root, fn.entry), join(dir, 'index.mjs'), lambdaOptions).then((b) => void bundled.lambdas.set(name, { ...b, dir })));
  }
  await Promise.all(jobs);
  const written = new Set([...bundled.resolvers.values(), ...bundled.functions.values(), ...bundled.lambdas.values()].map((b) => b.path));
  cache.save(written);
  prune(outDir, new Set([...written, cache.path]));
  bundled.inputs = cache.inputs();
  return bundled;
}

/** Paths relative to the project root, for messages. */
export function describeBundle(api: LoadedApi, bundled: BundledApi): string[] {
  return [...bundled.resolvers.values(), ...bundled.functions.values(), ...bundled.lambdas.values()].map((b) => relative(api.root, b.path)).sort();
}
