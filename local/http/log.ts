/** One structured line per request, like AppSync's request and field-level logs. */
import type { ResolverTiming } from '../graphql/executor.js';

export interface LoggedRequest {
  operationName: string | null;
  operationType: string | null;
  status: number;
  ms: number;
  resolvers: ResolverTiming[];
  /** The response body: each of its errors is logged with its type and message. */
  body?: { errors?: ReadonlyArray<{ errorType?: string | null; message: string; path?: ReadonlyArray<string | number> | null }> };
  /** Why a 401 was answered (the caller only sees AppSync's vague message). */
  authReason?: string;
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

export function requestLogLine(request: LoggedRequest, verbose: boolean): string {
  const errors = request.body?.errors ?? [];
  return JSON.stringify({
    time: new Date().toISOString(),
    operation: request.operationName,
    type: request.operationType,
    status: request.status,
    ms: round(request.ms),
    ...(request.authReason ? { reason: request.authReason } : {}),
    ...(errors.length > 0
      ? { errors: errors.map((e) => ({ ...(e.path ? { path: e.path.join('.') } : {}), errorType: e.errorType ?? null, message: e.message })) }
      : {}),
    resolvers: request.resolvers.map((r) => ({
      path: r.path,
      ms: round(r.ms),
      stages: r.stages.map((s) => (verbose ? { ...s, ms: round(s.ms) } : { name: s.name, ms: round(s.ms) })),
    })),
  });
}
