/**
 * Builds the web app into a folder of static files: index.html, styles.css and one esbuild bundle
 * (React and aws-amplify included, nothing fetched from a CDN). The local engine serves that folder at
 * the description's `web.path`; the CDK app uploads it. amplify_outputs.json is not part of the build:
 * the app fetches it from its origin at run time, so one build runs against local and cloud alike.
 *   npx tsx web/build.ts [outDir]        (default build/web)
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = import.meta.dirname;

export default async function buildWeb(outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(here, 'src', 'main.tsx')],
    outfile: join(outDir, 'main.js'),
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
  });
  for (const file of ['index.html', 'styles.css']) copyFileSync(join(here, file), join(outDir, file));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outDir = resolve(process.argv[2] ?? 'build/web');
  await buildWeb(outDir);
  console.log(`web app built into ${outDir}`);
}
