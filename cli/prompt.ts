/**
 * Reading what the user types. On a terminal a password is read in raw mode and never echoed; from a pipe
 * (scripts, tests) it is simply the next line.
 */
import { createInterface, type Interface } from 'node:readline';
import { CliError, EXIT } from './errors.js';

let lines: { reader: Interface; queue: string[]; waiting: Array<(line: string | null) => void>; closed: boolean } | undefined;

/** The next line of stdin, or null once stdin has ended. One reader for the whole process, so no line is lost. */
export function nextLine(): Promise<string | null> {
  if (!lines) {
    const state = { reader: createInterface({ input: process.stdin, terminal: false }), queue: [] as string[], waiting: [] as Array<(line: string | null) => void>, closed: false };
    state.reader.on('line', (line) => {
      const waiter = state.waiting.shift();
      if (waiter) waiter(line);
      else state.queue.push(line);
    });
    state.reader.on('close', () => {
      state.closed = true;
      for (const waiter of state.waiting.splice(0)) waiter(null);
    });
    lines = state;
  }
  const state = lines;
  if (state.queue.length) return Promise.resolve(state.queue.shift()!);
  if (state.closed) return Promise.resolve(null);
  return new Promise((resolve) => state.waiting.push(resolve));
}

/** Stops reading stdin, so the process can exit. */
export function stopReading(): void {
  lines?.reader.close();
  process.stdin.pause();
}

export async function ask(question: string): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write(question);
  const line = await nextLine();
  if (line === null) throw new CliError(`Expected ${question.replace(/[:\s]+$/, '').toLowerCase()} on stdin, but it ended.`, EXIT.usage);
  return line.trim();
}

/** A password: hidden on a terminal, the next stdin line otherwise. */
export async function askSecret(question: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const line = await nextLine();
    if (line === null) throw new CliError('Expected the password on stdin, but it ended.', EXIT.usage);
    return line;
  }
  process.stderr.write(question);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let secret = '';
      const onData = (chunk: Buffer): void => {
        for (const char of chunk.toString('utf8')) {
          if (char === '\r' || char === '\n') {
            stdin.off('data', onData);
            process.stderr.write('\n');
            return resolve(secret);
          }
          if (char === '\u0003' || char === '\u0004') {
            stdin.off('data', onData);
            process.stderr.write('\n');
            return reject(new CliError('Cancelled.', EXIT.usage));
          }
          if (char === '\u007f' || char === '\b') secret = secret.slice(0, -1);
          else if (char >= ' ') secret += char;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
  }
}
