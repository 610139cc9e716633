import type { Context } from '@aws-appsync/utils';

/** Echoes its arguments as they reach resolver code, to show how AppSync scalars arrive and leave. */
export function request(ctx: Context) {
  return { payload: { args: ctx.args, jsonType: typeof ctx.args.json } };
}

export function response(ctx: Context) {
  return ctx.result;
}
