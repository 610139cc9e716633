/**
 * Every API call of the app: a typed document from client/ sent through aws-amplify's GraphQL client.
 * Refusals become ApiError carrying the API's own message and errorType, which the screens show as is.
 */
import { generateClient } from 'aws-amplify/api';
import { Hub } from 'aws-amplify/utils';
import type { TypedDocumentString } from '../../client/generated/graphql.js';

const client = generateClient();

export class ApiError extends Error {
  constructor(
    message: string,
    readonly errorType?: string,
  ) {
    super(message);
  }
}

type AuthMode = 'userPool' | 'apiKey';
interface WireError {
  message?: string;
  errorType?: string;
}

/** Amplify rejects with `{ errors }` for GraphQL errors and with an Error for everything else. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const errors = (error as { errors?: WireError[] } | null)?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    const first = errors[0];
    return new ApiError(first.message ?? 'The request failed.', first.errorType);
  }
  if (error instanceof Error) return new ApiError(error.message, error.name);
  return new ApiError(String(error));
}

export async function call<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables, authMode: AuthMode = 'userPool'): Promise<TResult> {
  try {
    const options = { query: document.toString(), variables, authMode } as Parameters<typeof client.graphql>[0];
    const result = (await client.graphql(options)) as { data: TResult; errors?: WireError[] };
    if (result.errors?.length) throw toApiError(result);
    return result.data;
  } catch (error) {
    throw toApiError(error);
  }
}

interface Subscription {
  unsubscribe(): void;
}

/**
 * Subscribes; `onReady` runs once AppSync acknowledged the subscription (Amplify announces each
 * start_ack on the Hub with the query, as it re-printed it, and the variables), so a screen can reload
 * what it shows and miss nothing that happened before.
 */
export function subscribe<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  handlers: { next(data: TResult): void; error(error: ApiError): void; ready?(): void },
): () => void {
  const query = document.toString();
  const operationName = (text: string | undefined) => (text ? /subscription\s+(\w+)/.exec(text)?.[1] : undefined);
  const operation = operationName(query);
  const wanted = JSON.stringify(variables ?? {});
  const stopListening = Hub.listen('api', ({ payload }) => {
    const data = payload.data as { query?: string; variables?: unknown } | undefined;
    if (payload.event === 'Subscription ack' && operationName(data?.query) === operation && JSON.stringify(data?.variables ?? {}) === wanted) {
      stopListening();
      handlers.ready?.();
    }
  });
  const options = { query, variables, authMode: 'userPool' } as Parameters<typeof client.graphql>[0];
  const observable = client.graphql(options) as unknown as {
    subscribe(observer: { next(value: { data: TResult }): void; error(error: unknown): void }): Subscription;
  };
  const subscription = observable.subscribe({
    next: (value) => handlers.next(value.data),
    error: (error) => handlers.error(toApiError(error)),
  });
  return () => {
    stopListening();
    subscription.unsubscribe();
  };
}
