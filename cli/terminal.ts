/**
 * What a `turnbase` run reads and writes beyond its arguments: its environment and its three standard streams.
 * A real run is given the process's own (processTerminal); tests give it streams of their own, so the command
 * runs inside the test's process without touching the process's environment or streams.
 */
import type { Readable, Writable } from 'node:stream';

export type Env = Readonly<Record<string, string | undefined>>;

export interface Terminal {
  /** TURNBASE_OUTPUTS, TURNBASE_PROFILE, TURNBASE_COGNITO_ENDPOINT, XDG_CONFIG_HOME are read from here. */
  env: Env;
  /** A terminal has isTTY and setRawMode (for a hidden password); a pipe has neither. */
  stdin: Readable & { isTTY?: boolean; setRawMode?(mode: boolean): unknown };
  /** On a terminal, `play` prompts for the next move. */
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  /**
   * Ends a live command (`watch`, `play`) before its game does. A real process has none: its signals end it;
   * a run inside another process has no other way to be stopped.
   */
  signal?: AbortSignal;
}

export function processTerminal(): Terminal {
  return { env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}
