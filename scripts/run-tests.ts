/**
 * Runs node's test runner over every `*.test.ts` file of the project (Node 20's runner takes no globs).
 * Usage: tsx scripts/run-tests.ts [folder-or-file ...]   (default: the whole project)
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const skipDirs = new Set(['node_modules', '.git', 'build', 'cdk.out', '.turnbase']);

function findTests(path: string, found: string[]): string[] {
  if (statSync(path).isFile()) {
    if (path.endsWith('.test.ts')) found.push(path);
    return found;
  }
  for (const entry of readdirSync(path)) {
    if (!skipDirs.has(entry)) findTests(join(path, entry), found);
  }
  return found;
}

const roots = process.argv.slice(2);
const files = (roots.length > 0 ? roots : ['.']).flatMap((root) => findTests(root, [])).sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// package-lock pins the AWS SDK, so its notice about future Node versions is only noise in test output.
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
