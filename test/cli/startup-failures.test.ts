/** Every start-up failure is one line on stderr saying what to do, exit code 2, and no stack trace unless --debug. */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, test } from 'vitest';
import { copyFixtureApi, runCli, type Finished } from '../support/cli.js';

const STACK = /^\s+at /m;

function assertOneLineFailure(result: Finished, pattern: RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `expected one line, got:\n${result.stderr}`);
  assert.match(lines[0], pattern);
  assert.doesNotMatch(result.stderr, STACK);
}

describe('one-line start-up failures', () => {
  let copy: ReturnType<typeof copyFixtureApi>;
  const restore: Array<() => void> = [];
  /** Changes a file of the copy for one test. */
  const edit = (relativePath: string, content: string | null) => {
    const path = join(copy.dir, relativePath);
    const before = readFileSync(path, 'utf8');
    if (content === null) rmSync(path);
    else writeFileSync(path, content);
    restore.push(() => writeFileSync(path, before));
  };

  beforeAll(() => {
    copy = copyFixtureApi();
  });
  afterEach(() => {
    for (const undo of restore.splice(0)) undo();
  });
  afterAll(() => copy.remove());

  test('--help prints the usage on stdout and exits 0', async () => {
    const result = await runCli(['--help'], copy.dir);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Usage: npm start/);
    assert.match(result.stdout, /--port <n>/);
    assert.equal(result.stderr, '');
  });

  test('an unknown flag names it and points at --help', async () => {
    assertOneLineFailure(await runCli(['--prot', '4000'], copy.dir), /Unknown option '--prot'.*--help/);
  });

  test('an option without its value says so', async () => {
    assertOneLineFailure(await runCli(['--port'], copy.dir), /--port.*--help/);
  });

  test('a host other than loopback is refused', async () => {
    assertOneLineFailure(await runCli(['--host', '0.0.0.0'], copy.dir), /Refusing to listen on "0\.0\.0\.0"/);
  });

  test('a port in use names the port and how to choose another', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      assertOneLineFailure(await runCli(['--memory', '--port', String(port)], copy.dir), new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use.*--port <n>.*PORT=`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  test('a missing description file says how to name one', async () => {
    assertOneLineFailure(await runCli(['--memory', '--port', '0', '--api', 'nothere.ts'], copy.dir), /Cannot find the API description "nothere\.ts".*--api/);
  });

  test('a description error names the file and the field', async () => {
    edit('resolvers/Query.info.[none].ts', null);
    assertOneLineFailure(await runCli(['--memory', '--port', '0'], copy.dir), /^api\.ts: .*Query\.info has no resolver file/);
  });

  test('a bundling error gives file:line:column and esbuild\'s message', async () => {
    edit('resolvers/Query.echo.[none].ts', 'export function request(ctx) {\n  return { payload: ctx.args.text +  };\n}\n');
    assertOneLineFailure(await runCli(['--memory', '--port', '0'], copy.dir), /^resolvers\/Query\.echo\.\[none\]\.ts:2:\d+: Unexpected "}" \(esbuild\)$/);
  });

  test('--debug adds the stack trace', async () => {
    edit('resolvers/Query.info.[none].ts', null);
    const result = await runCli(['--memory', '--port', '0', '--debug'], copy.dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr.split('\n')[0], /Query\.info has no resolver file/);
    assert.match(result.stderr, STACK);
  });
});
