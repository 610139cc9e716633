import { runtime, type Context } from '@aws-appsync/utils';

export function request(ctx: Context<{ skip?: string }>) {
  (ctx.stash.trace as string[]).push(`first.request:${JSON.stringify(ctx.prev.result)}`);
  if (ctx.args.skip === 'first') runtime.earlyReturn({ skippedFirst: true }, { skipTo: 'NEXT' });
  if (ctx.args.skip === 'default') runtime.earlyReturn({ defaulted: true });
  if (ctx.args.skip === 'end') runtime.earlyReturn({ endedAtFirst: true }, { skipTo: 'END' });
  return { payload: { fromFirst: 1 } };
}

export function response(ctx: Context) {
  (ctx.stash.trace as string[]).push('first.response');
  return ctx.result;
}
