/** AppSync's error shapes (reference §1.3): no `extensions`, but `errorType`, `errorInfo`, `data`. */
import { GraphQLError, type SourceLocation } from 'graphql';
import type { GraphQLErrorEntry } from '../realtime/contract.js';

/** Carried in a GraphQLError's extensions while graphql-js executes; flattened by `formatError`. */
export interface AppSyncErrorFields {
  errorType: string | null;
  errorInfo: unknown;
  data: unknown;
}

export function resolverError(message: string, fields: Partial<AppSyncErrorFields> = {}): GraphQLError {
  return new GraphQLError(message, {
    extensions: { appsync: { errorType: fields.errorType ?? null, errorInfo: fields.errorInfo ?? null, data: fields.data ?? null } },
  });
}

export function unauthorizedField(fieldName: string, typeName: string): GraphQLError {
  return resolverError(`Not Authorized to access ${fieldName} on type ${typeName}`, { errorType: 'Unauthorized' });
}

function locations(list: readonly SourceLocation[] | undefined): GraphQLErrorEntry['locations'] {
  return list ? list.map((l) => ({ line: l.line, column: l.column, sourceName: null })) : null;
}

/** An execution error as AppSync writes it in `errors[]`. */
export function formatExecutionError(error: GraphQLError): GraphQLErrorEntry {
  const appsync = error.extensions?.appsync as AppSyncErrorFields | undefined;
  return {
    path: error.path ? [...error.path] : null,
    data: appsync?.data ?? null,
    errorType: appsync?.errorType ?? (error.originalError && !(error.originalError instanceof GraphQLError) ? 'InternalFailure' : undefined),
    errorInfo: appsync?.errorInfo ?? null,
    locations: locations(error.locations),
    message: error.message,
  };
}

/** A parse or validation error: AppSync sends these without `errorType`. */
export function formatRequestError(error: GraphQLError): GraphQLErrorEntry {
  return { path: null, locations: locations(error.locations), message: error.message };
}

/** The body AppSync sends with 4xx answers. */
export function httpErrorBody(errorType: string, message: string): string {
  return JSON.stringify({ errors: [{ errorType, message }] });
}
