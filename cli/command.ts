/** What every command is given, and how a command describes itself for parsing and `--help`. */
import type { ParseArgsConfig } from 'node:util';
import { Api } from './graphql.js';
import { loadEndpoints, type Endpoints } from './outputs.js';

export interface Context {
  /** The values of the command's options (global ones included). */
  options: Record<string, string | boolean | undefined>;
  args: string[];
  json: boolean;
  profile: string;
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

export function createContext(values: Context['options'], args: string[], io: Pick<Context, 'out' | 'note'>): Context {
  let endpoints: Endpoints | undefined;
  let api: Api | undefined;
  const profile = (values.profile as string | undefined) ?? process.env.TURNBASE_PROFILE ?? 'default';
  return {
    options: values,
    args,
    json: values.json === true,
    profile,
    endpoints: () => (endpoints ??= loadEndpoints(values.outputs as string | undefined)),
    api() {
      return (api ??= new Api(this.endpoints(), profile));
    },
    ...io,
  };
}
