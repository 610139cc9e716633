/** Runs the `turnbase` command as a real process, the way a person or a script would. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, 'bin.mjs');

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcessWithoutNullStreams;
  /** Waits until `stream` shows `pattern` after the point the previous wait on that stream matched. */
  waitFor(pattern: string | RegExp, stream?: 'stdout' | 'stderr'): Promise<string>;
  write(line: string): void;
  done: Promise<Finished>;
  output(): Finished;
}

export function start(args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: 'pipe' });
  const text = { stdout: '', stderr: '' };
  const seen = { stdout: 0, stderr: 0 };
  const listeners = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    text.stdout += chunk.toString();
    for (const listener of listeners) listener();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    text.stderr += chunk.toString();
    for (const listener of listeners) listener();
  });
  const done = new Promise<Finished>((resolve) => child.on('close', (code) => resolve({ code, ...text })));
  const output = (): Finished => ({ code: child.exitCode, ...text });
  return {
    child,
    done,
    output,
    write: (line) => child.stdin.write(`${line}\n`),
    waitFor(pattern, stream = 'stdout') {
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
        };
        const timer = setTimeout(
          () => finish(new Error(`turnbase ${args.join(' ')}: no ${String(pattern)} on ${stream} within 40 s.\nstdout: ${text.stdout}\nstderr: ${text.stderr}`)),
          40_000,
        );
        listeners.add(listener);
        child.once('close', () => listeners.has(listener) && finish(check() ? undefined : new Error(`turnbase ${args.join(' ')} exited (${child.exitCode}) before ${String(pattern)} on ${stream}.\nstdout: ${text.stdout}\nstderr: ${text.stderr}`)));
        if (check()) finish();
      });
    },
  };
}

/** Runs one command to its end, with `input` as its stdin. */
export async function run(args: string[], env: Record<string, string>, input = ''): Promise<Finished> {
  const running = start(args, env);
  running.child.stdin.end(input);
  return running.done;
}
