import { util, type Context } from '@aws-appsync/utils';
import { update } from '@aws-appsync/utils/dynamodb';

type Args = { id: string; title: string; expectedTitle: string };

/** A conditional update: the response sees the item's current value when the condition fails. */
export function request(ctx: Context<Args>) {
  return update({ key: { id: ctx.args.id }, update: { title: ctx.args.title }, condition: { title: { eq: ctx.args.expectedTitle } } });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type, ctx.result);
  return ctx.result;
}
