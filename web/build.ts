/**
 * Builds the web app into a folder of static files: index.html, styles.css and one esbuild bundle
 * (React and aws-amplify included, nothing fetched from a CDN). The local engine serves that folder at
 * the description's `web.path`; the CDK app uploads it. amplify_outputs.json is not part of the build:
 * the app fetches it from its origin at run time, so one build runs against local and cloud alike.
 *   npx tsx web/build.ts [outDir]        (default build/web)
 *
 * The bundle is kept in node_modules/.cache/turnbase-web with the content hash of every file that went into it
 * (esbuild's metafile), and reused while none of them has changed: every engine builds the app on its first visit,
 * and the build is seconds of CPU.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = import.meta.dirname;
const projectRoot = resolve(here, '..');
const defaultCacheDir = join(projectRoot, 'node_modules', '.cache', 'turnbase-web');
const bundleFiles = ['main.js', 'main.js.LEGAL.txt'];

const contentHash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Whether the bundle in `cacheDir` was built from the files as they are now. */
export function cachedBundleIsFresh(cacheDir = defaultCacheDir): boolean {
  try {
    const inputs = JSON.parse(readFileSync(join(cacheDir, 'inputs.json'), 'utf8')) as Record<string, string>;
    return Object.entries(inputs).every(([file, hash]) => contentHash(join(projectRoot, file)) === hash);
  } catch {
    return false;
  }
}

async function buildIntoCache(cacheDir: string): Promise<void> {
  mkdirSync(cacheDir, { recursive: true });
  const temporary = join(cacheDir, `build-${process.pid}-${Date.now()}`);
  try {
    await buildInto(temporary, cacheDir);
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}

async function buildInto(temporary: string, cacheDir: string): Promise<void> {
  const result = await build({
    absWorkingDir: projectRoot,
    entryPoints: [join(here, 'src', 'main.tsx')],
    outfile: join(temporary, 'main.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    jsx: 'automatic',
    minify: true,
    sourcemap: false,
    legalComments: 'linked',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    metafile: true,
  });
  const inputs = Object.fromEntries(Object.keys(result.metafile.inputs).map((file) => [file, contentHash(join(projectRoot, file))]));
  // Each file is renamed into place, the list of inputs last, so an engine building at the same moment never reads half a bundle.
  for (const file of bundleFiles) renameSync(join(temporary, file), join(cacheDir, file));
  writeFileSync(join(temporary, 'inputs.json'), JSON.stringify(inputs));
  renameSync(join(temporary, 'inputs.json'), join(cacheDir, 'inputs.json'));
}

export default async function buildWeb(outDir: string, cacheDir = defaultCacheDir): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  if (!cachedBundleIsFresh(cacheDir)) await buildIntoCache(cacheDir);
  for (const file of bundleFiles) copyFileSync(join(cacheDir, file), join(outDir, file));
  for (const file of ['index.html', 'styles.css']) copyFileSync(join(here, file), join(outDir, file));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outDir = resolve(process.argv[2] ?? 'build/web');
  await buildWeb(outDir);
  console.log(`web app built into ${outDir}`);
}
