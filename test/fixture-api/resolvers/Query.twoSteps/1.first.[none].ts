import type { Context } from '@aws-appsync/utils';

/** A pipeline folder without resolver.ts: the bundler's pass-through before/after handlers wrap it. */
export function request(ctx: Context) {
  return { payload: [JSON.stringify(ctx.prev.result)] };
}

export function response(ctx: Context) {
  return ctx.result;
}
