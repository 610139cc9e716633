#!/usr/bin/env node
// The `turnbase` command (package.json "bin": `npx turnbase` works in a clone after `npm ci`).
// It runs an esbuild bundle of cli/ kept in build/cli/, rebuilt whenever one of its source files is newer:
// starting from the bundle costs about a third of the CPU of running the TypeScript through tsx, which
// matters for a command run many times by scripts and tests.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'build', 'cli');
const bundle = join(outDir, 'turnbase.mjs');
const inputsFile = join(outDir, 'inputs.json');

function isFresh() {
  try {
    const built = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
    return inputs.every((input) => statSync(join(root, input)).mtimeMs <= built);
  } catch {
    return false;
  }
}

async function build() {
  const { build } = await import('esbuild');
  mkdirSync(outDir, { recursive: true });
  // Written aside and renamed, so a second turnbase starting at the same moment never reads half a bundle.
  const temporary = `${bundle}.${process.pid}.tmp.mjs`;
  const result = await build({
    entryPoints: [join(root, 'cli', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: temporary,
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs).map((input) => relative(root, resolve(input)));
  writeFileSync(`${inputsFile}.${process.pid}.tmp`, JSON.stringify(inputs));
  renameSync(`${inputsFile}.${process.pid}.tmp`, inputsFile);
  renameSync(temporary, bundle);
}

if (!isFresh()) await build();
const { run } = await import(pathToFileURL(bundle).href);
process.exitCode = await run(process.argv.slice(2));
