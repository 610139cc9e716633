import { util, type AppSyncIdentityCognito, type Context } from '@aws-appsync/utils';
import { put } from '@aws-appsync/utils/dynamodb';

type Args = { id: string; title: string; author?: string; tags?: string[] };

export function request(ctx: Context<Args>) {
  const identity = ctx.identity as AppSyncIdentityCognito | null;
  const owner = identity ? identity.username : 'anonymous';
  return put({ key: { id: ctx.args.id }, item: { ...ctx.args, owner }, condition: { id: { attributeExists: false } } });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type, ctx.result);
  return ctx.result;
}
