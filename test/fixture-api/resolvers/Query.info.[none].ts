import { util, type Context } from '@aws-appsync/utils';

export function request(ctx: Context) {
  return {
    payload: {
      fieldName: ctx.info.fieldName,
      parentTypeName: ctx.info.parentTypeName,
      selectionSetList: ctx.info.selectionSetList,
      selectionSetGraphQL: ctx.info.selectionSetGraphQL,
      variables: JSON.stringify(ctx.info.variables),
      request: JSON.stringify(ctx.request),
    },
  };
}

export function response(ctx: Context<{ first?: number }>) {
  // first: -1 also reports an error whose data holds more than the query selected.
  if (ctx.args.first === -1) util.appendError('Partial info', 'Fixture:Info', { fieldName: 'info', notSelected: true });
  return ctx.result;
}
