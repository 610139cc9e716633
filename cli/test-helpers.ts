/**
 * Runs the `turnbase` command for tests, two ways with the same shape:
 *   - `start`/`run`: in this process, through `run` of main.ts with a terminal of in-memory streams and its own
 *     environment. What most tests use: a spawned process costs about 0.2 s of CPU to start and the test worker
 *     more to fork it, for output that is the same.
 *   - `startProcess`/`runProcess`: a real process through cli/bin.mjs, the way a person or a script runs it,
 *     for what only a process shows: the bin shim, its exit code, stdin piped in, and that it exits at all.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { tracked } from '../test/support/child-processes.js';
import { run as runCli } from './main.js';
import type { Terminal } from './terminal.js';

const BIN = join(import.meta.dirname, 'bin.mjs');

export interface Finished {
  /** null when the run was stopped (`stop`) before it ended by itself, as for a killed process. */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  /** Waits until `stream` shows `pattern` after the point the previous wait on that stream matched. */
  waitFor(pattern: string | RegExp, stream?: 'stdout' | 'stderr'): Promise<string>;
  /** Types one line on stdin. */
  write(line: string): void;
  /** Ends stdin after `text`, as the end of a pipe (or Ctrl-D at a terminal). */
  end(text?: string): void;
  /** Ends the run before it ends by itself (a test that failed half-way leaves none running). */
  stop(): void;
  done: Promise<Finished>;
  output(): Finished;
}

export interface RunningProcess extends Running {
  child: ChildProcessWithoutNullStreams;
}

/** What a run has printed so far, and waiting for a pattern in it. */
function transcript(args: string[], exitCode: () => number | null) {
  const text = { stdout: '', stderr: '' };
  const seen = { stdout: 0, stderr: 0 };
  const listeners = new Set<() => void>();
  let ended = false;
  const failure = (what: string): Error => new Error(`turnbase ${args.join(' ')}: ${what}.\nstdout: ${text.stdout}\nstderr: ${text.stderr}`);
  return {
    text,
    append(stream: 'stdout' | 'stderr', chunk: string): void {
      text[stream] += chunk;
      for (const listener of [...listeners]) listener();
    },
    /** The run is over and all its output is in: a wait still going can no longer succeed. */
    end(): void {
      ended = true;
      for (const listener of [...listeners]) listener();
    },
    waitFor(pattern: string | RegExp, stream: 'stdout' | 'stderr' = 'stdout'): Promise<string> {
      return new Promise<string>((resolve, reject) => {
        const check = (): boolean => {
          const rest = text[stream].slice(seen[stream]);
          const match = typeof pattern === 'string' ? (rest.includes(pattern) ? { index: rest.indexOf(pattern), 0: pattern } : null) : pattern.exec(rest);
          if (!match) return false;
          seen[stream] += match.index + match[0].length;
          return true;
        };
        const finish = (error?: Error): void => {
          listeners.delete(listener);
          clearTimeout(timer);
          if (error) reject(error);
          else resolve(text[stream]);
        };
        const listener = (): void => {
          if (check()) finish();
          else if (ended) finish(failure(`exited (${exitCode()}) before ${String(pattern)} on ${stream}`));
        };
        const timer = setTimeout(() => finish(failure(`no ${String(pattern)} on ${stream} within 40 s`)), 40_000);
        listeners.add(listener);
        listener();
      });
    },
  };
}

/**
 * Starts `turnbase args` in this process. Its environment is this process's with `env` over it, as a spawned
 * process would get, but the process's own is never changed; each run has its own streams and stdin reader.
 */
export function start(args: string[], env: Record<string, string>): Running {
  const stdin = new PassThrough();
  const stdout = new PassThrough({ encoding: 'utf8' });
  const stderr = new PassThrough({ encoding: 'utf8' });
  const stopping = new AbortController();
  const terminal: Terminal = { env: { ...process.env, ...env }, stdin, stdout, stderr, signal: stopping.signal };
  let code: number | null = null;
  const output = transcript(args, () => code);
  stdout.on('data', (chunk: string) => output.append('stdout', chunk));
  stderr.on('data', (chunk: string) => output.append('stderr', chunk));
  const done = (async (): Promise<Finished> => {
    const returned = await runCli(args, terminal);
    // Ending the streams and waiting for their end makes sure every line written is in the transcript.
    stdout.end();
    stderr.end();
    await Promise.all([once(stdout, 'end'), once(stderr, 'end')]);
    code = stopping.signal.aborted ? null : returned;
    output.end();
    return { code, ...output.text };
  })();
  return {
    done,
    output: () => ({ code, ...output.text }),
    write: (line) => stdin.write(`${line}\n`),
    end: (text = '') => stdin.end(text),
    stop() {
      stopping.abort();
      stdin.end();
    },
    waitFor: output.waitFor,
  };
}

/** Runs one command to its end in this process, with `input` as its stdin. */
export async function run(args: string[], env: Record<string, string>, input = ''): Promise<Finished> {
  const running = start(args, env);
  running.end(input);
  return running.done;
}

/** Starts `turnbase args` as a real process through cli/bin.mjs. */
export function startProcess(args: string[], env: Record<string, string>): RunningProcess {
  const child = tracked(spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: 'pipe' }));
  const output = transcript(args, () => child.exitCode);
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => output.append('stdout', chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => output.append('stderr', chunk));
  const done = new Promise<Finished>((resolve) =>
    child.on('close', (code) => {
      output.end();
      resolve({ code, ...output.text });
    }),
  );
  return {
    child,
    done,
    output: () => ({ code: child.exitCode, ...output.text }),
    write: (line) => child.stdin.write(`${line}\n`),
    end: (text = '') => child.stdin.end(text),
    stop: () => child.kill(),
    waitFor: output.waitFor,
  };
}

/** Runs one command to its end as a real process, with `input` as its stdin. */
export async function runProcess(args: string[], env: Record<string, string>, input = ''): Promise<Finished> {
  const running = startProcess(args, env);
  running.end(input);
  return running.done;
}
