import { util, type Context, type AppSyncIdentityCognito } from '@aws-appsync/utils';

export function request(ctx: Context) {
  const identity = ctx.identity as AppSyncIdentityCognito;
  return { payload: { username: identity.username, sub: identity.sub, groups: identity.groups, authType: util.authType() } };
}

export function response(ctx: Context) {
  return ctx.result;
}
