/**
 * The boundary between the engine's executor (which walks GraphQL fields and pipelines) and the
 * APPSYNC_JS runtime (which runs one handler of one bundle in a fresh sandbox).
 */
import type { SourcePosition } from './source-position.js';

import type { IamIdentity } from '../auth/sigv4.js';

/** `ctx.identity` for a Cognito user-pool caller; null for API key callers. */
export interface CognitoIdentity {
  sub: string;
  username: string;
  groups: string[] | null;
  issuer: string;
  claims: Record<string, unknown>;
  sourceIp: string[];
  defaultAuthStrategy: 'ALLOW' | 'DENY';
}

export type Identity = CognitoIdentity | IamIdentity | null;

export type AuthTypeName = 'API Key Authorization' | 'User Pool Authorization' | 'IAM Authorization';

export interface RequestInfo {
  fieldName: string;
  parentTypeName: string;
  variables: Record<string, unknown>;
  selectionSetList: string[];
  selectionSetGraphQL: string;
}

/** Everything a handler sees as `ctx` (before the runtime adds `args`, an alias of `arguments`). */
export interface HandlerContext {
  arguments: Record<string, unknown>;
  source: unknown;
  identity: Identity;
  request: { headers: Record<string, string>; domainName: string | null };
  info: RequestInfo;
  stash: Record<string, unknown>;
  prev: { result: unknown } | undefined;
  /** Only for `response`: the data source result. */
  result?: unknown;
  /** Only for `response`, when the data source call failed. */
  error?: { message: string; type: string };
  env: Record<string, string>;
}

/** An error raised by `util.error`, `util.appendError` or `util.unauthorized`. */
export interface ResolverError {
  message: string;
  errorType: string | null;
  data: unknown;
  errorInfo: unknown;
}

/** Calls to `extensions.*` made during one handler run, for the real-time layer. */
export interface ExtensionCalls {
  subscriptionFilter?: unknown;
  subscriptionInvalidationFilter?: unknown;
  invalidations: Array<{ subscriptionField: string; payload: Record<string, unknown> }>;
  evictions: Array<{ typeName: string; fieldName: string; keys: Record<string, unknown> }>;
}

interface OutcomeBase {
  /** The stash after the handler ran (handlers may add, change or delete keys). */
  stash: Record<string, unknown>;
  /** Errors recorded with `util.appendError`. */
  appendedErrors: ResolverError[];
  extensions: ExtensionCalls;
  /** Lines printed with console.log / console.error. */
  logs: string[];
}

export type HandlerOutcome =
  /** The handler returned normally; `value` is JSON round-tripped (undefined dropped). */
  | (OutcomeBase & { kind: 'return'; value: unknown })
  /** `runtime.earlyReturn(value, { skipTo })` was called. */
  | (OutcomeBase & { kind: 'earlyReturn'; value: unknown; skipTo: 'END' | 'NEXT' })
  /** `util.error(...)` or `util.unauthorized()` ended the handler. */
  | (OutcomeBase & { kind: 'error'; error: ResolverError })
  /**
   * The code itself failed: syntax error, a JS exception, the time limit, a missing export.
   * `location`: where in the bundle's own text an exception was raised (the innermost frame of its code).
   */
  | (OutcomeBase & { kind: 'crash'; message: string; location?: SourcePosition });

export interface RunOptions {
  /** Wall-clock limit for this handler, in milliseconds. */
  timeoutMs: number;
  authType: AuthTypeName | null;
  /**
   * The outcome's stash stays in the runtime (a copy made there, already checked to be JSON) instead of being
   * copied out, for the caller to hand to its next run: a pipeline passes the stash on from handler to handler,
   * and copying it out and back in was most of what a run cost. Exactly one later run takes such a stash as it
   * is (another would copy it); the caller only passes it on, or reads it as plain JSON data.
   */
  carryStash?: boolean;
}

/** A bundle compiled once and run many times, each run in a fresh context. */
export interface CompiledBundle {
  readonly name: string;
  has(handler: 'request' | 'response'): boolean;
  run(handler: 'request' | 'response', ctx: HandlerContext, options: RunOptions): HandlerOutcome;
}
