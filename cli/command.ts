/** What every command is given, and how a command describes itself for parsing and `--help`. */
import type { ParseArgsConfig } from 'node:util';
import { Api } from './graphql.js';
import { loadEndpoints, type Endpoints } from './outputs.js';
import type { Input } from './prompt.js';
import { configDir, type Profile } from './session.js';
import type { Terminal } from './terminal.js';

export interface Context {
  /** The values of the command's options (global ones included). */
  options: Record<string, string | boolean | undefined>;
  args: string[];
  json: boolean;
  /** The profile's name (--profile, else TURNBASE_PROFILE, else "default") and where its session is kept. */
  profile: Profile;
  /** The run's environment and streams: the process's own, or a test's. */
  terminal: Terminal;
  /** The run's stdin, read as lines (moves, a username) or as a password. */
  input: Input;
  endpoints(): Endpoints;
  api(): Api;
  out(line: string): void;
  /** Messages for the person at the terminal (stderr, so stdout stays clean for scripts). */
  note(line: string): void;
}

export interface Command {
  name: string;
  /** e.g. `<gameId> <heap> <count>` */
  args: string;
  summary: string;
  /** Extra lines for `turnbase <command> --help`. */
  details?: string[];
  options?: NonNullable<ParseArgsConfig['options']>;
  /** Lines describing each option, for --help. */
  optionHelp?: string[];
  /** How many positional arguments it takes. */
  arity: [min: number, max: number];
  run(context: Context): Promise<number | void>;
}

export function createContext(values: Context['options'], args: string[], io: Pick<Context, 'out' | 'note' | 'terminal' | 'input'>): Context {
  let endpoints: Endpoints | undefined;
  let api: Api | undefined;
  const { env } = io.terminal;
  const profile: Profile = { name: (values.profile as string | undefined) ?? env.TURNBASE_PROFILE ?? 'default', configDir: configDir(env) };
  return {
    options: values,
    args,
    json: values.json === true,
    profile,
    endpoints: () => (endpoints ??= loadEndpoints(values.outputs as string | undefined, env)),
    api() {
      return (api ??= new Api(this.endpoints(), profile));
    },
    ...io,
  };
}
