/** The engine's Node flags are the same wherever it is started (see node-flags.ts). */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { ENGINE_NODE_FLAGS } from './node-flags.js';

const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;

test.each(['start', 'dev', 'bench'])('npm run %s passes the engine flags to tsx', (name) => {
  expect(scripts[name]).toMatch(new RegExp(`^tsx ${ENGINE_NODE_FLAGS.join(' ')} `));
});

test('tsx hands the flags to the Node process it runs', async () => {
  const { execFileSync } = await import('node:child_process');
  const argv = execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', ...ENGINE_NODE_FLAGS, '-e', 'console.log(JSON.stringify(process.execArgv))'], { encoding: 'utf8' });
  expect(JSON.parse(argv) as string[]).toEqual(expect.arrayContaining([...ENGINE_NODE_FLAGS]));
});
