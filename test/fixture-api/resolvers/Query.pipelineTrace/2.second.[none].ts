import type { Context } from '@aws-appsync/utils';

export function request(ctx: Context) {
  (ctx.stash.trace as string[]).push(`second.request:${JSON.stringify(ctx.prev.result)}`);
  return { payload: { fromSecond: 2 } };
}

export function response(ctx: Context) {
  (ctx.stash.trace as string[]).push('second.response');
  return ctx.result;
}
