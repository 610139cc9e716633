/**
 * Reading what the user types. On a terminal a password is read in raw mode and never echoed; from a pipe
 * (scripts, tests) it is simply the next line.
 */
import { createInterface, type Interface } from 'node:readline';
import { CliError, EXIT } from './errors.js';
import type { Terminal } from './terminal.js';

/**
 * One run's stdin. Its line reader is made on first use and kept for the whole run, so no line read ahead is
 * lost between two questions; it belongs to the run, not the module, so a run never sees another run's lines.
 */
export class Input {
  private lines: { reader: Interface; queue: string[]; waiting: Array<(line: string | null) => void>; closed: boolean } | undefined;
  /** Whether this run read stdin at all: one that did not leaves it alone when it stops. */
  private reading = false;

  constructor(private readonly terminal: Terminal) {}

  /** The next line of stdin, or null once stdin has ended. */
  nextLine(): Promise<string | null> {
    this.reading = true;
    if (!this.lines) {
      const state = { reader: createInterface({ input: this.terminal.stdin, terminal: false }), queue: [] as string[], waiting: [] as Array<(line: string | null) => void>, closed: false };
      state.reader.on('line', (line) => {
        const waiter = state.waiting.shift();
        if (waiter) waiter(line);
        else state.queue.push(line);
      });
      state.reader.on('close', () => {
        state.closed = true;
        for (const waiter of state.waiting.splice(0)) waiter(null);
      });
      this.lines = state;
    }
    const state = this.lines;
    if (state.queue.length) return Promise.resolve(state.queue.shift()!);
    if (state.closed) return Promise.resolve(null);
    return new Promise((resolve) => state.waiting.push(resolve));
  }

  /** All of stdin as it came, for a command that takes a whole document there (never mixed with nextLine). */
  async readAll(): Promise<string> {
    this.reading = true;
    const chunks: Buffer[] = [];
    for await (const chunk of this.terminal.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  }

  /** Stops reading stdin, so the process can exit. */
  stop(): void {
    if (!this.reading) return;
    this.lines?.reader.close();
    this.terminal.stdin.pause();
  }

  async ask(question: string): Promise<string> {
    if (this.terminal.stdin.isTTY) this.terminal.stderr.write(question);
    const line = await this.nextLine();
    if (line === null) throw new CliError(`Expected ${question.replace(/[:\s]+$/, '').toLowerCase()} on stdin, but it ended.`, EXIT.usage);
    return line.trim();
  }

  /** A password: hidden on a terminal, the next stdin line otherwise. */
  async askSecret(question: string): Promise<string> {
    const { stdin, stderr } = this.terminal;
    if (!stdin.isTTY || !stdin.setRawMode) {
      const line = await this.nextLine();
      if (line === null) throw new CliError('Expected the password on stdin, but it ended.', EXIT.usage);
      return line;
    }
    stderr.write(question);
    this.reading = true;
    stdin.setRawMode(true);
    stdin.resume();
    try {
      return await new Promise<string>((resolve, reject) => {
        let secret = '';
        const onData = (chunk: Buffer): void => {
          for (const char of chunk.toString('utf8')) {
            if (char === '\r' || char === '\n') {
              stdin.off('data', onData);
              stderr.write('\n');
              return resolve(secret);
            }
            if (char === '\u0003' || char === '\u0004') {
              stdin.off('data', onData);
              stderr.write('\n');
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
}
