/**
 * AppSync's EvaluateCode (POST /v1/dataplane-evaluatecode) against the local APPSYNC_JS runtime:
 * the same request and response shapes, so a harness written for AWS (@aws-sdk/client-appsync's
 * EvaluateCodeCommand, `aws appsync evaluate-code --endpoint-url …`) runs locally unchanged.
 * - code AppSync refuses (code-checks.ts) comes back as error.codeErrors, nothing runs;
 * - a returned value is evaluationResult (JSON text);
 * - util.error ends the run with error.message (AWS reports util.unauthorized() as "Unauthorized");
 * - an uncaught exception is error.message with AWS's `code.js:line:column: ` prefix: the innermost
 *   frame of the code itself (for an error raised inside a utils function, the call of it). [U] AWS's
 *   column convention is unrecorded; this is V8's (a call's column is that of the called name).
 */
import { checkCode, type CodeError } from '../runtime/code-checks.js';
import { compileBundle, type HandlerContext, type HandlerOutcome } from '../runtime/index.js';

export interface EvaluateCodeRequest {
  runtime?: { name?: string; runtimeVersion?: string };
  code?: unknown;
  context?: unknown;
  function?: unknown;
}

export interface EvaluateCodeResponse {
  evaluationResult?: string;
  error?: { message: string; codeErrors?: CodeError[] };
  logs: string[];
  stash?: string;
  outErrors?: string;
}

export class BadRequest extends Error {}

/** EvaluateCode's own time limit is not documented; this is generous for pure functions. [U] */
const TIMEOUT_MS = 5000;

function parseContext(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string') throw new BadRequest('context is required and must be a JSON string');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequest('context is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BadRequest('context must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** The runtime's crash text is `Name: message`; EvaluateCode reports the exception's message alone. */
function exceptionMessage(crash: string): string {
  return crash.replace(/^(?:[A-Za-z]*Error|Uncaught): /, '');
}

function errorMessage(outcome: Extract<HandlerOutcome, { kind: 'error' }>): string {
  const { error } = outcome;
  if (error.errorType === 'Unauthorized' && error.message.startsWith('Not Authorized to access ')) return 'Unauthorized';
  return error.message;
}

export function evaluateCode(request: EvaluateCodeRequest): EvaluateCodeResponse {
  if (request.runtime?.name !== 'APPSYNC_JS') throw new BadRequest('runtime.name must be APPSYNC_JS');
  if (typeof request.code !== 'string' || request.code.length === 0) throw new BadRequest('code is required');
  const handler = request.function ?? 'request';
  if (handler !== 'request' && handler !== 'response') throw new BadRequest('function must be request or response');
  const context = parseContext(request.context);

  const codeErrors = checkCode(request.code);
  if (codeErrors.length > 0) {
    const first = codeErrors[0];
    return { error: { message: `code.js:${first.location.line}:${first.location.column}: ${first.value}`, codeErrors }, logs: [] };
  }
  const bundle = compileBundle('code', request.code);
  // AWS always exposes ctx.args, and a stash, even when the context names neither.
  const ctx = { arguments: {}, stash: {}, ...context } as unknown as HandlerContext;
  const outcome = bundle.run(handler, ctx, { timeoutMs: TIMEOUT_MS, authType: null });
  const response: EvaluateCodeResponse = { logs: outcome.logs, stash: JSON.stringify(outcome.stash ?? {}) };
  if (outcome.appendedErrors.length > 0) response.outErrors = JSON.stringify(outcome.appendedErrors);
  switch (outcome.kind) {
    case 'return':
    case 'earlyReturn':
      response.evaluationResult = JSON.stringify(outcome.value ?? null);
      break;
    case 'error':
      response.error = { message: errorMessage(outcome) };
      break;
    case 'crash': {
      // AWS prefixes an uncaught exception with where it happened in code.js (localstack/appsync-utils,
      // __tests__/helpers.js: "the source position of the call that threw"); util.error has no prefix.
      const place = outcome.location ? `code.js:${outcome.location.line}:${outcome.location.column}: ` : '';
      response.error = { message: `${place}${exceptionMessage(outcome.message)}` };
      break;
    }
  }
  return response;
}

/** The HTTP exchange: JSON body in, status and JSON body out (AWS's restJson1 error shape for 400s). */
export function handleEvaluateCode(body: string): { status: number; headers: Record<string, string>; body: string } {
  try {
    let request: unknown;
    try {
      request = JSON.parse(body);
    } catch {
      throw new BadRequest('The request body is not valid JSON');
    }
    if (typeof request !== 'object' || request === null || Array.isArray(request)) throw new BadRequest('The request body must be a JSON object');
    return { status: 200, headers: {}, body: JSON.stringify(evaluateCode(request as EvaluateCodeRequest)) };
  } catch (error) {
    if (!(error instanceof BadRequest)) throw error;
    return { status: 400, headers: { 'x-amzn-errortype': 'BadRequestException' }, body: JSON.stringify({ message: error.message }) };
  }
}
