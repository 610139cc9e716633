import { runtime, type Context } from '@aws-appsync/utils';

/** Before: seeds the stash; `skip: "all"` jumps straight to the after handler. */
export function request(ctx: Context<{ skip?: string }>) {
  ctx.stash.trace = ['before'];
  if (ctx.args.skip === 'all') runtime.earlyReturn({ early: true });
  return { started: true };
}

export function response(ctx: Context) {
  const trace = ctx.stash.trace as string[];
  return [...trace, `after:${JSON.stringify(ctx.prev.result)}`];
}
