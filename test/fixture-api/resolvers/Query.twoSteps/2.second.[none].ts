import type { Context } from '@aws-appsync/utils';

export function request(ctx: Context) {
  return { payload: [...(ctx.prev.result as string[]), 'second'] };
}

export function response(ctx: Context) {
  return ctx.result;
}
