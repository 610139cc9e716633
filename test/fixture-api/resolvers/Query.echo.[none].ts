import type { Context } from '@aws-appsync/utils';

export function request(ctx: Context<{ message: string }>) {
  return { payload: `${ctx.env.GREETING}: ${ctx.args.message}` };
}

export function response(ctx: Context) {
  return ctx.result;
}
