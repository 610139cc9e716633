import { util, type Context } from '@aws-appsync/utils';

/** Each kind shows one of the ways a resolver reports an error. */
export function request(ctx: Context<{ kind: string }>) {
  if (ctx.args.kind === 'error') util.error('It failed on purpose', 'Fixture:Failure', { detail: 1 }, { hint: 'info' });
  if (ctx.args.kind === 'unauthorized') util.unauthorized();
  if (ctx.args.kind === 'append') util.appendError('Appended but kept going', 'Fixture:Appended');
  if (ctx.args.kind === 'crash') {
    const missing = ctx.stash.nothing as { call: () => void };
    missing.call();
  }
  return { payload: 'value survived' };
}

export function response(ctx: Context) {
  return ctx.result;
}
