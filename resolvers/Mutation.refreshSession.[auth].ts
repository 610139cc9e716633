/** refreshSession: a refresh token in, fresh id and access tokens out (REFRESH_TOKEN_AUTH). */
import type { Context } from '@aws-appsync/utils';
import type { AuthSession, MutationRefreshSessionArgs } from './_generated/schema.js';
import { authData, invokeAuth } from './_lib/auth.js';

export function request(ctx: Context<MutationRefreshSessionArgs>) {
  return invokeAuth({ action: 'refreshSession', arguments: { refreshToken: ctx.args.refreshToken } });
}

export function response(ctx: Context<MutationRefreshSessionArgs>): AuthSession {
  return authData<AuthSession>(ctx);
}
