/**
 * Fails when the committed generated types differ from what graphql-codegen makes of the current
 * schema, so a schema change cannot land without its regenerated types (`npm run codegen`).
 * Usage: tsx scripts/codegen-check.ts [codegen.yml]
 */
import { readFileSync, existsSync } from 'node:fs';
import { resolve, dirname, relative } from 'node:path';
import { generate, loadContext } from '@graphql-codegen/cli';

interface GeneratedFile {
  filename: string;
  content: string;
}

async function main(): Promise<number> {
  const configPath = resolve(process.argv[2] ?? 'codegen.yml');
  if (!existsSync(configPath)) {
    console.error(`codegen-check: ${configPath} does not exist`);
    return 1;
  }
  const root = dirname(configPath);
  process.chdir(root);
  const context = await loadContext(configPath);
  context.updateConfig({ silent: true });
  // false: produce the files in memory instead of writing them.
  const outputs = (await generate(context, false)) as GeneratedFile[];
  const stale: string[] = [];
  for (const output of outputs) {
    const path = resolve(root, output.filename);
    const committed = existsSync(path) ? readFileSync(path, 'utf8') : null;
    if (committed !== output.content) stale.push(relative(root, path));
  }
  if (stale.length > 0) {
    console.error(`codegen-check: generated types are stale: ${stale.join(', ')}\nRun \`npm run codegen\` and commit the result.`);
    return 1;
  }
  console.log(`codegen-check: ${outputs.length} generated file(s) up to date`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`codegen-check: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
