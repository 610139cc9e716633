/**
 * Runs the engine's command line (local/cli.ts) as a child process, in a temporary copy of the
 * fixture API, the way a developer runs `npm start` or `npm run dev` in their project.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tracked } from './child-processes.js';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = join(projectRoot, 'local', 'cli.ts');

/** A copy of test/fixture-api in a temporary folder; it reaches the project's modules through absolute imports and a node_modules link. */
export function copyFixtureApi(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'turnbase-api-'));
  cpSync(join(projectRoot, 'test', 'fixture-api'), dir, { recursive: true });
  const apiFile = join(dir, 'api.ts');
  const typesUrl = pathToFileURL(join(projectRoot, 'description', 'types.ts')).href;
  writeFileSync(apiFile, readFileSync(apiFile, 'utf8').replace('../../description/types.js', typesUrl));
  symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function spawnCli(args: string[], cwd: string): ChildProcess {
  // The command line decides the port and host, whatever the test runner's environment says.
  const env = { ...process.env };
  delete env.PORT;
  delete env.HOST;
  return tracked(
    spawn(process.execPath, ['--import', 'tsx', cliPath, ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** Runs the CLI to its end. */
export function runCli(args: string[], cwd: string): Promise<Finished> {
  const child = spawnCli(args, cwd);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

export interface RunningCli {
  child: ChildProcess;
  /** Everything written so far to stdout and stderr. */
  output(): string;
  graphqlUrl: string;
  apiKey: string;
  /** Waits until the output holds `pattern`, or fails after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

/** Starts the CLI and waits for its banner. */
export async function startCli(args: string[], cwd: string): Promise<RunningCli> {
  const child = spawnCli(args, cwd);
  let output = '';
  const waiters = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const wake of waiters) wake();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const waitFor = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.match(pattern);
        if (!match) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(match);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no ${pattern} in the output within ${timeoutMs} ms:\n${output}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  // Line-anchored: the --memory banner mentions "a new API key" further down.
  const ready = waitFor(/^ +GraphQL +(\S+)$[\s\S]*?^ +API key +(\S+)$/m);
  const early = exited.then(() => {
    throw new Error(`the engine exited before its banner:\n${output}`);
  });
  const [, graphqlUrl, apiKey] = await Promise.race([ready, early]);
  return {
    child,
    output: () => output,
    graphqlUrl,
    apiKey,
    waitFor,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}
