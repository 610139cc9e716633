import { util, type Context } from '@aws-appsync/utils';

export function request(ctx: Context<{ text: string }>) {
  return { operation: 'Invoke', payload: { text: ctx.args.text } };
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return `${ctx.result.text} (${ctx.result.table})`;
}
