/**
 * Builds the console's browser assets with esbuild: GraphiQL (React, Monaco) and our own panels, plus
 * Monaco's three web workers as separate files, all from node_modules (no CDN: it works offline).
 * Output is cached by content (the UI sources and the bundled packages' versions), so an unchanged tree
 * builds once; concurrent engines build into temporary folders and the first rename wins.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const uiDir = fileURLToPath(new URL('./ui/', import.meta.url));
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const cacheRoot = join(projectRoot, 'node_modules', '.cache', 'turnbase-console');
const require = createRequire(import.meta.url);

/** Packages whose code ends up in the bundle; their versions are part of the cache key. */
const bundledPackages = ['esbuild', 'graphiql', '@graphiql/react', 'react', 'react-dom', 'monaco-editor', 'monaco-graphql'];

function packageVersion(name: string): string {
  // Some packages do not export their package.json; find it next to the resolved entry instead.
  let dir = dirname(require.resolve(name === 'monaco-editor' ? 'monaco-editor/esm/vs/editor/editor.worker.js' : name, { paths: [join(projectRoot, 'node_modules', 'graphiql')] }));
  while (!existsSync(join(dir, 'package.json')) || (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== name) {
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? sourceFiles(path) : [path];
    });
}

function cacheKey(): string {
  const hash = createHash('sha256');
  for (const name of bundledPackages) hash.update(`${name}@${packageVersion(name)}\n`);
  for (const file of sourceFiles(uiDir).filter((f) => !f.endsWith('.test.ts'))) hash.update(file.slice(uiDir.length)).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/** Monaco asks `MonacoEnvironment.getWorker` for these by label (see ui/workers.ts). */
const workers: Record<string, string> = {
  'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
  'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
  'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
};

async function buildInto(outdir: string): Promise<void> {
  // Loaded here, not at start-up: most runs never build the console.
  const { build } = await import('esbuild');
  const common = { bundle: true, minify: true, target: 'es2022', logLevel: 'silent', legalComments: 'none', absWorkingDir: projectRoot } as const;
  await build({
    ...common,
    entryPoints: { console: join(uiDir, 'main.tsx') },
    outdir,
    format: 'esm',
    jsx: 'automatic',
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'dataurl' },
    assetNames: '[name]',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  await build({ ...common, entryPoints: Object.fromEntries(Object.entries(workers).map(([name, path]) => [name, require.resolve(path, { paths: [join(projectRoot, 'node_modules', 'graphiql')] })])), outdir, format: 'iife' });
}

let pending: Promise<string> | undefined;

/** The folder holding index.html's scripts and styles, built if not cached. */
export function consoleAssets(): Promise<string> {
  pending ??= (async () => {
    const dir = join(cacheRoot, cacheKey());
    if (existsSync(join(dir, 'console.js'))) return dir;
    mkdirSync(cacheRoot, { recursive: true });
    const temporary = `${dir}.${process.pid}.${Date.now()}`;
    try {
      await buildInto(temporary);
      if (!existsSync(dir)) renameSync(temporary, dir);
    } catch (error) {
      // Another process may have renamed its build into place first; theirs is as good as ours.
      if (!existsSync(join(dir, 'console.js'))) throw error;
    } finally {
      rmSync(temporary, { recursive: true, force: true });
    }
    return dir;
  })();
  pending.catch(() => (pending = undefined));
  return pending;
}
