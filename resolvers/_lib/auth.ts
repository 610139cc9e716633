/** Calls to the `auth` Lambda function (Cognito sign-up and sign-in) and reading its answer. */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import type { AuthAnswer, AuthError, AuthEvent } from '../../functions/auth/protocol.js';

export function invokeAuth(event: AuthEvent): LambdaRequest {
  return { operation: 'Invoke', invocationType: 'RequestResponse', payload: event };
}

/** The function's data, or the GraphQL error it asked for. A crashed function gives no details away. */
export function authData<T>(ctx: Context): T {
  if (ctx.error) {
    console.error('auth function failed', ctx.error.type, ctx.error.message);
    return util.error('The sign-in service failed; please try again later.', 'InternalFailure');
  }
  const answer = ctx.result as AuthAnswer<T> | null;
  if (!answer) return util.error('The sign-in service gave no answer; please try again later.', 'InternalFailure');
  // No `in` operator in APPSYNC_JS: read the optional member instead.
  const refusal = (answer as { error?: AuthError }).error;
  if (refusal) return util.error(refusal.message, refusal.type);
  return (answer as { data: T }).data;
}
