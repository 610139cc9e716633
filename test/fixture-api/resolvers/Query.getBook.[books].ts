import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';

export function request(ctx: Context<{ id: string }>) {
  return get({ key: { id: ctx.args.id } });
}

export function response(ctx: Context) {
  return ctx.result;
}
