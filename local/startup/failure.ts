/**
 * Turns whatever stopped the engine from starting into one line that says what is wrong and what to
 * do. A stack trace helps only the engine's own developers, so it is shown with --debug alone.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { UsageError } from './args.js';

export interface StartContext {
  /** The API description as given on the command line. */
  api: string;
  port: number;
  host: string;
  dataDir: string | null;
}

interface EsbuildMessage {
  text: string;
  location?: { file: string; line: number; column: number } | null;
}

type SystemError = Error & { code?: string; port?: number; address?: string; path?: string; errors?: EsbuildMessage[]; cause?: unknown };

/** Absolute paths of this project read better relative to where the command ran. */
function shorten(text: string, cwd: string): string {
  return text.split(cwd + sep).join('');
}

function esbuildLine(messages: EsbuildMessage[], cwd: string): string {
  const [first] = messages;
  const where = first.location ? `${shorten(isAbsolute(first.location.file) ? relative(cwd, first.location.file) : first.location.file, cwd)}:${first.location.line}:${first.location.column}: ` : '';
  const more = messages.length > 1 ? ` (and ${messages.length - 1} more)` : '';
  return `${where}${first.text.split('\n')[0]}${more} (esbuild)`;
}

function causeCodes(error: SystemError): string[] {
  const codes: string[] = [];
  for (let e: SystemError | undefined = error; e && codes.length < 5; e = e.cause as SystemError | undefined) if (e.code) codes.push(e.code);
  return codes;
}

export function describeStartFailure(error: unknown, context: StartContext, cwd = process.cwd()): string {
  if (!(error instanceof Error)) return `The engine did not start: ${String(error)}`;
  const e = error as SystemError;
  if (e instanceof UsageError) return e.message;
  if (e.code === 'EADDRINUSE') {
    return `Port ${e.port ?? context.port} on ${context.host} is already in use (another engine?): choose another with --port <n> or PORT=<n> (--port 0 picks a free one).`;
  }
  if (e.code === 'EACCES' && e.port !== undefined) return `Port ${e.port} needs privileges this user lacks: choose one above 1023 with --port <n> or PORT=<n>.`;
  // By name: description/load.ts pulls in graphql, which a mistyped flag should not wait for.
  if (e.name === 'ApiDescriptionError') return `${context.api}: ${shorten(e.message, cwd).replace(/:?\n- /, ': ').replace(/\n- /g, '; ')}`;
  if (Array.isArray(e.errors) && e.errors.length > 0 && typeof e.errors[0]?.text === 'string') return esbuildLine(e.errors, cwd);
  if (e.code === 'ERR_MODULE_NOT_FOUND' && e.message.includes(shorten(context.api, cwd).replace(/^\.\//, ''))) {
    return `Cannot find the API description "${context.api}": name it with --api <file>.`;
  }
  if (e.code === 'ENOENT' && e.path) return `${shorten(e.path, cwd)}: no such file (named by ${context.api}).`;
  if (causeCodes(e).some((code) => code === 'LEVEL_LOCKED' || code === 'LEVEL_DATABASE_NOT_OPEN')) {
    return `The data directory ${context.dataDir ?? ''} is in use by another engine: stop that one, or choose --data-dir <dir> or --memory.`.replace('  ', ' ');
  }
  return `The engine did not start: ${shorten(e.message, cwd).split('\n')[0]} (--debug shows the stack).`;
}
