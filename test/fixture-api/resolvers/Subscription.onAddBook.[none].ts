import { util, extensions, type Context } from '@aws-appsync/utils';

/** Runs once at subscribe time: refuses one reserved author; author "tagged" gets featured books instead (an enhanced filter replaces the argument filter). */
export function request(ctx: Context<{ author?: string }>) {
  if (ctx.args.author === 'forbidden') util.unauthorized();
  return { payload: null };
}

export function response(ctx: Context<{ author?: string }>) {
  if (ctx.args.author === 'tagged') {
    extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ tags: { contains: 'featured' } }));
  }
  return null;
}
