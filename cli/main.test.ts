/**
 * The command line itself, in process: help for every command, how bad command lines are refused, and that a
 * run in process keeps to its own terminal (environment, streams, stdin lines). No test here spawns a process.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { beforeEach, describe, test } from 'vitest';
import { EXIT } from './errors.js';
import { commands, main } from './main.js';
import type { Terminal } from './terminal.js';
import { run } from './test-helpers.js';

let printed: string;
let terminal: Terminal;

beforeEach(() => {
  printed = '';
  // Written to at once (a PassThrough may hand its data on a tick later), so `printed` is whole when main returns.
  const stdout = new Writable({
    decodeStrings: false,
    write(chunk: string, _encoding, callback) {
      printed += chunk;
      callback();
    },
  });
  terminal = { env: {}, stdin: new PassThrough(), stdout, stderr: new PassThrough() };
});

describe('turnbase --help', () => {
  test('lists every command', async () => {
    assert.equal(await main(['--help'], terminal), EXIT.ok);
    for (const command of commands) assert.match(printed, new RegExp(`^ {2}${command.name} `, 'm'));
  });

  test('every command describes its arguments and options, and the exit codes', async () => {
    for (const command of commands) {
      printed = '';
      assert.equal(await main([command.name, '--help'], terminal), EXIT.ok);
      assert.ok(printed.startsWith(`Usage: turnbase ${command.name}${command.args ? ` ${command.args}` : ''} [options]`), printed);
      for (const option of Object.keys(command.options ?? {})) assert.match(printed, new RegExp(`--${option}\\b`), `${command.name} --help lacks --${option}`);
      assert.match(printed, /Exit codes: 0 done/);
    }
  });

  test('no arguments prints the help and exits 2', async () => {
    assert.equal(await main([], terminal), EXIT.usage);
    assert.match(printed, /^Usage: turnbase <command>/m);
  });
});

describe('bad command lines', () => {
  test.each([
    [['fly'], /Unknown command "fly"/],
    [['move', 'g1', '1'], /Usage: turnbase move <gameId> <heap> <count>/],
    [['move', 'g1', '1', 'two'], /<count> must be a whole number/],
    [['games', '--colour'], /Unknown option '--colour'/],
    [['new', 'bob', '--heaps', '5,,4'], /each heap must be a whole number/],
    [['query', '{ me { username } }', '--variables', '{nope'], /--variables is not valid JSON/],
    [['query', '{ me { username } }', '--variables', '[1]'], /--variables must be a JSON object/],
    [['query', '{ me { username } }', '--auth', 'iam'], /--auth must be api-key or user/],
    [['games', '--status', 'paused'], /--status must be in-progress or finished, not "paused"/],
    [['new', '--computer', 'genius'], /--computer must be random or perfect, not "genius"/],
    [['new', 'bob', '--turn-time', 'soon'], /--turn-time must be a time such as 90s, 5m, 1h or 2d, not "soon"/],
    [['leaderboard', '--top', '0'], /--top must be a whole number from 1 up, not "0"/],
    [['register', 'ann', '--phone', '+15555550100', '--height', '70', '--weight', '150'], /--email is required \(see `turnbase register --help`\)/],
    [['register', 'ann', '--email', 'a@example.com', '--phone', '+15555550100', '--height', 'tall', '--weight', '150'], /--height must be a whole number/],
  ])('%j', async (args, message) => {
    await assert.rejects(main(args, terminal), (error: { exitCode?: number; message: string }) => {
      assert.equal(error.exitCode, EXIT.usage);
      assert.match(error.message, message);
      return true;
    });
  });
});

describe('a run in process', () => {
  test("reads its own environment, never the process's, and leaves the process's exit code alone", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'turnbase-cli-'));
    try {
      const before = { outputs: process.env.TURNBASE_OUTPUTS, exitCode: process.exitCode };
      const result = await run(['whoami'], { TURNBASE_OUTPUTS: join(dir, 'nowhere.json') });
      assert.equal(result.code, EXIT.setup);
      assert.equal(result.stderr, `turnbase: Cannot read ${join(dir, 'nowhere.json')}.\n`);
      assert.deepEqual({ outputs: process.env.TURNBASE_OUTPUTS, exitCode: process.exitCode }, before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("reads only its own stdin: a line one run left unread is not the next run's", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'turnbase-cli-'));
    try {
      // An API on a port nobody listens on any more: login asks for its lines before it signs in, then cannot reach Cognito.
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const outputs = join(dir, 'amplify_outputs.json');
      writeFileSync(outputs, JSON.stringify({ data: { url: `http://127.0.0.1:${port}/graphql` }, auth: { user_pool_id: 'pool', user_pool_client_id: 'client' } }));
      const env = { TURNBASE_OUTPUTS: outputs, XDG_CONFIG_HOME: join(dir, 'config') };
      const first = await run(['login'], env, 'ann\nMypassword1\nleft over\n');
      assert.equal(first.code, EXIT.setup);
      assert.match(first.stderr, new RegExp(`^turnbase: Cannot reach Cognito at http://127\\.0\\.0\\.1:${port}/cognito: .*ECONNREFUSED`));
      const second = await run(['login', 'ann'], env, '');
      assert.equal(second.code, EXIT.usage);
      assert.equal(second.stderr, 'turnbase: Expected the password on stdin, but it ended.\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
