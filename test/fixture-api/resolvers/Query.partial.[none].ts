import { util, type Context } from '@aws-appsync/utils';

export function request() {
  return { payload: ['kept'] };
}

export function response(ctx: Context) {
  util.appendError('second entry missing', 'Fixture:Partial');
  return ctx.result;
}
