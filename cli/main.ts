/**
 * `turnbase`: the command-line client. Parses the command line, runs one command, and turns every failure
 * into one line on stderr and an exit code (see errors.ts).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Command } from './command.js';
import { createContext } from './command.js';
import { login, logout, whoami } from './commands/account.js';
import { games, hint, move, newGame, publicGames, rematch, resign, show } from './commands/games.js';
import { play, watch } from './commands/live.js';
import { outbox } from './commands/outbox.js';
import { confirm, leaderboard, me, register, user } from './commands/players.js';
import { query } from './commands/query.js';
import { CliError, EXIT } from './errors.js';
import { Input } from './prompt.js';
import { processTerminal, type Terminal } from './terminal.js';

export const commands: Command[] = [register, confirm, login, logout, whoami, me, user, leaderboard, games, newGame, show, move, hint, resign, rematch, publicGames, watch, play, query, outbox];

const globalOptions: NonNullable<ParseArgsConfig['options']> = {
  outputs: { type: 'string' },
  profile: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const globalHelp = [
  '--outputs FILE      the API to talk to (default: ./amplify_outputs.json, or TURNBASE_OUTPUTS)',
  '--profile NAME      keep this sign-in apart from others, e.g. one per player (default: TURNBASE_PROFILE, else "default")',
  '--json              print JSON for scripts',
  '-h, --help          this help',
];

const exitCodes = 'Exit codes: 0 done, 1 the API refused, 2 bad command line, 3 not signed in or session over, 4 API or outputs file unusable.';

function mainHelp(): string {
  const width = Math.max(...commands.map((c) => `${c.name} ${c.args}`.length));
  return [
    'turnbase: play Nim and call the turnbase API from a terminal, against the local engine or AWS alike.',
    '',
    'Usage: turnbase <command> [arguments] [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${`${c.name} ${c.args}`.padEnd(width)}  ${c.summary}`),
    '',
    'Options for every command:',
    ...globalHelp.map((line) => `  ${line}`),
    '',
    '`turnbase <command> --help` describes one command.',
    exitCodes,
  ].join('\n');
}

function commandHelp(command: Command): string {
  return [
    `Usage: turnbase ${command.name}${command.args ? ` ${command.args}` : ''} [options]`,
    '',
    `${command.summary[0].toUpperCase()}${command.summary.slice(1)}.`,
    ...(command.details ? ['', ...command.details] : []),
    '',
    'Options:',
    ...[...(command.optionHelp ?? []), ...globalHelp].map((line) => `  ${line}`),
    '',
    exitCodes,
  ].join('\n');
}

/** The first argument that is neither an option nor the value of a global option names the command. */
function findCommand(argv: string[]): { name?: string; rest: string[] } {
  for (let i = 0; i < argv.length; i += 1) {
    const token = argv[i];
    if (token === '--') break;
    if (token === '--outputs' || token === '--profile') {
      i += 1;
      continue;
    }
    if (!token.startsWith('-')) return { name: token, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
  }
  return { rest: argv };
}

/** Runs one command line; a failure meant for the user is thrown as a CliError (`run` prints it). */
export async function main(argv: string[], terminal: Terminal = processTerminal()): Promise<number> {
  const out = (line: string): void => {
    terminal.stdout.write(`${line}\n`);
  };
  const note = (line: string): void => {
    terminal.stderr.write(`${line}\n`);
  };
  const { name, rest } = findCommand(argv);
  if (!name) {
    if (rest.includes('--help') || rest.includes('-h') || rest.length === 0) {
      out(mainHelp());
      return rest.length === 0 ? EXIT.usage : EXIT.ok;
    }
    throw new CliError(`No command given: see \`turnbase --help\`.`, EXIT.usage);
  }
  const command = commands.find((c) => c.name === name);
  if (!command) throw new CliError(`Unknown command "${name}": see \`turnbase --help\`.`, EXIT.usage);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: { ...globalOptions, ...command.options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message.split('\n')[0]} See \`turnbase ${name} --help\`.`, EXIT.usage);
  }
  if (parsed.values.help) {
    out(commandHelp(command));
    return EXIT.ok;
  }
  const [min, max] = command.arity;
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    throw new CliError(`Usage: turnbase ${command.name} ${command.args}`.trimEnd() + ` (see \`turnbase ${name} --help\`).`, EXIT.usage);
  }
  const input = new Input(terminal);
  const context = createContext(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals, { out, note, terminal, input });
  try {
    const code = await command.run(context);
    return typeof code === 'number' ? code : EXIT.ok;
  } finally {
    // Whatever the outcome, stdin is let go, so a process has nothing left to wait for and exits.
    input.stop();
  }
}

/**
 * The whole of a `turnbase` run: every failure becomes one line on the terminal's stderr. Returns the exit
 * code; bin.mjs makes it the process's (a run inside a test's process must leave that process's code alone).
 */
export async function run(argv: string[], terminal: Terminal = processTerminal()): Promise<number> {
  try {
    return await main(argv, terminal);
  } catch (error) {
    if (error instanceof CliError) {
      terminal.stderr.write(`turnbase: ${error.message}\n`);
      return error.exitCode;
    }
    terminal.stderr.write(`turnbase: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 70;
  }
}
