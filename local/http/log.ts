/** One structured line per request, like AppSync's request and field-level logs. */
import type { ResolverTiming } from '../graphql/executor.js';

export interface LoggedRequest {
  operationName: string | null;
  operationType: string | null;
  status: number;
  ms: number;
  resolvers: ResolverTiming[];
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

export function requestLogLine(request: LoggedRequest, verbose: boolean): string {
  return JSON.stringify({
    time: new Date().toISOString(),
    operation: request.operationName,
    type: request.operationType,
    status: request.status,
    ms: round(request.ms),
    resolvers: request.resolvers.map((r) => ({
      path: r.path,
      ms: round(r.ms),
      stages: r.stages.map((s) => (verbose ? { ...s, ms: round(s.ms) } : { name: s.name, ms: round(s.ms) })),
    })),
  });
}
