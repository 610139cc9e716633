/**
 * GraphQL over HTTP, as AppSync takes it: the API key in `x-api-key`, or the Cognito token raw in
 * `Authorization`. Documents are the typed operations of `client/` (or, for `turnbase query`, the user's text).
 */
import type { GraphQLError, GraphQLResult } from '../client/request.js';
import { currentSession } from './auth.js';
import { readSession, type Profile } from './session.js';
import { CliError, EXIT } from './errors.js';
import { send as sendHttp, type HttpAnswer } from './http.js';
import type { Endpoints } from './outputs.js';

export type AuthMode = 'api-key' | 'user';

export type { GraphQLError, GraphQLResult };

/** A typed document from client/generated: the operation's text, carrying its result and variable types. */
export interface Operation<TResult, TVariables> {
  __apiType?: (variables: TVariables) => TResult;
  toString(): string;
}

/** One line for the user: the API's message, with its errorType when it has one. */
export function describeErrors(errors: GraphQLError[]): string {
  return errors.map((e) => (e.errorType ? `${e.message} (${e.errorType})` : e.message)).join('; ');
}

export class Api {
  constructor(
    readonly endpoints: Endpoints,
    readonly profile: Profile,
  ) {}

  /** Whether a session is saved for this API (it may still turn out expired). */
  signedIn(): boolean {
    return readSession(this.profile, this.endpoints.graphqlUrl) !== undefined;
  }

  /** The headers that authorize a request (and a real-time subscription) in the given mode. */
  async authorization(mode: AuthMode): Promise<Record<string, string>> {
    if (mode === 'api-key') {
      if (!this.endpoints.apiKey) throw new CliError(`${this.endpoints.file} has no API key (data.api_key).`, EXIT.setup);
      return { 'x-api-key': this.endpoints.apiKey };
    }
    // Amplify sends the access token for user-pool requests; AppSync takes either.
    return { Authorization: (await currentSession(this.endpoints, this.profile)).accessToken };
  }

  /** The raw answer: data and errors as the API sent them. */
  async send<T>(document: string, variables: Record<string, unknown> | undefined, mode: AuthMode): Promise<GraphQLResult<T>> {
    const headers = await this.authorization(mode);
    let response: HttpAnswer;
    try {
      response = await sendHttp(this.endpoints.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: String(document), variables: variables ?? {} }),
      });
    } catch (error) {
      throw new CliError(`Cannot reach the API at ${this.endpoints.graphqlUrl}: ${(error as Error).message}`, EXIT.setup);
    }
    let body: GraphQLResult<T>;
    try {
      body = JSON.parse(response.text) as GraphQLResult<T>;
    } catch {
      throw new CliError(`The API answered HTTP ${response.status} with something that is not JSON.`, EXIT.setup);
    }
    if (response.status === 401 || response.status === 403) {
      const hint = mode === 'user' ? ' Run `turnbase login` to sign in again.' : '';
      throw new CliError(`The API refused the request: ${describeErrors(body.errors ?? [{ message: `HTTP ${response.status}` }])}.${hint}`, EXIT.auth);
    }
    return body;
  }

  /** The data of a typed operation; any GraphQL error becomes a one-line CliError. */
  async run<TResult, TVariables extends Record<string, unknown>>(
    document: Operation<TResult, TVariables>,
    variables: TVariables,
    mode: AuthMode = 'user',
  ): Promise<TResult> {
    const result = await this.send<TResult>(String(document), variables, mode);
    if (result.errors?.length) throw new CliError(describeErrors(result.errors), EXIT.api);
    if (!result.data) throw new CliError('The API answered without data.', EXIT.api);
    return result.data;
  }
}
