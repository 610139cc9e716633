/** confirmSignUp: completes a registration with the code Cognito sent (SIGNUP_CONFIRMATION=CODE). */
import type { Context } from '@aws-appsync/utils';
import type { MutationConfirmSignUpArgs } from './_generated/schema.js';
import { authData, invokeAuth } from './_lib/auth.js';

export function request(ctx: Context<MutationConfirmSignUpArgs>) {
  return invokeAuth({ action: 'confirmSignUp', arguments: { username: ctx.args.username, code: ctx.args.code } });
}

export function response(ctx: Context<MutationConfirmSignUpArgs>): boolean {
  return authData<boolean>(ctx);
}
