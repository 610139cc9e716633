/**
 * GraphiQL's fetcher: queries and mutations over HTTP, subscriptions over the real-time protocol, each
 * with the auth headers of the mode chosen in the console's bar, plus the headers typed in GraphiQL.
 */
import { getOperationAST, parse, type DocumentNode } from 'graphql';
import { subscribe } from './realtime';

interface Params {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

function isSubscription(params: Params, document?: DocumentNode): boolean {
  try {
    const operation = getOperationAST(document ?? parse(params.query), params.operationName ?? undefined);
    return operation?.operation === 'subscription';
  } catch {
    return false;
  }
}

function stringHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(v)]));
}

export function createFetcher(paths: { graphql: string; realtime: string }, auth: () => Record<string, string>) {
  return async (params: Params, opts?: { headers?: Record<string, unknown>; documentAST?: DocumentNode }) => {
    const headers = { ...auth(), ...stringHeaders(opts?.headers) };
    if (isSubscription(params, opts?.documentAST)) return subscribe(paths.realtime, { query: params.query, variables: params.variables, headers });
    const response = await fetch(paths.graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(params),
    });
    return (await response.json()) as Record<string, unknown>;
  };
}
