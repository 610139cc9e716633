/**
 * Sends one typed document over HTTP (plain fetch), for clients that hold their own credentials:
 * the CLI, tests and benchmarks. The browser app goes through aws-amplify instead.
 */
import type { TypedDocumentString } from './generated/graphql.js';

export interface GraphQLError {
  message: string;
  errorType?: string;
  path?: Array<string | number>;
}

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: GraphQLError[];
}

/** Headers such as `{ 'x-api-key': key }` or `{ authorization: idToken }`. */
export async function request<TResult, TVariables>(
  url: string,
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  headers: Record<string, string> = {},
): Promise<GraphQLResult<TResult>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  return (await response.json()) as GraphQLResult<TResult>;
}

/** Like request, but the data or a thrown Error carrying the API's messages. */
export async function requestData<TResult, TVariables>(
  url: string,
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  headers: Record<string, string> = {},
): Promise<TResult> {
  const result = await request(url, document, variables, headers);
  if (result.errors?.length || !result.data) {
    throw new Error(result.errors?.map((e) => (e.errorType ? `${e.errorType}: ${e.message}` : e.message)).join('; ') ?? 'no data');
  }
  return result.data;
}
