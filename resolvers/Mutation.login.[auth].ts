/** login: username and password in, Cognito tokens out (ADMIN_USER_PASSWORD_AUTH in the auth function). */
import type { Context } from '@aws-appsync/utils';
import type { AuthSession, MutationLoginArgs } from './_generated/schema.js';
import { authData, invokeAuth } from './_lib/auth.js';

export function request(ctx: Context<MutationLoginArgs>) {
  return invokeAuth({ action: 'login', arguments: { username: ctx.args.username, password: ctx.args.password } });
}

export function response(ctx: Context<MutationLoginArgs>): AuthSession {
  return authData<AuthSession>(ctx);
}
