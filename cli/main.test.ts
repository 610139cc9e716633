/** The command line itself, in process: help for every command, and how bad command lines are refused. */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test, vi } from 'vitest';
import { EXIT } from './errors.js';
import { commands, main } from './main.js';

let printed: string;

beforeEach(() => {
  printed = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed += String(chunk);
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('turnbase --help', () => {
  test('lists every command', async () => {
    assert.equal(await main(['--help']), EXIT.ok);
    for (const command of commands) assert.match(printed, new RegExp(`^ {2}${command.name} `, 'm'));
  });

  test('every command describes its arguments and options, and the exit codes', async () => {
    for (const command of commands) {
      printed = '';
      assert.equal(await main([command.name, '--help']), EXIT.ok);
      assert.ok(printed.startsWith(`Usage: turnbase ${command.name}${command.args ? ` ${command.args}` : ''} [options]`), printed);
      for (const option of Object.keys(command.options ?? {})) assert.match(printed, new RegExp(`--${option}\\b`), `${command.name} --help lacks --${option}`);
      assert.match(printed, /Exit codes: 0 done/);
    }
  });

  test('no arguments prints the help and exits 2', async () => {
    assert.equal(await main([]), EXIT.usage);
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
    await assert.rejects(main(args), (error: { exitCode?: number; message: string }) => {
      assert.equal(error.exitCode, EXIT.usage);
      assert.match(error.message, message);
      return true;
    });
  });
});
