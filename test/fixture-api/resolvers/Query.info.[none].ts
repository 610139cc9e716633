import type { Context } from '@aws-appsync/utils';

export function request(ctx: Context) {
  return {
    payload: {
      fieldName: ctx.info.fieldName,
      parentTypeName: ctx.info.parentTypeName,
      selectionSetList: ctx.info.selectionSetList,
      selectionSetGraphQL: ctx.info.selectionSetGraphQL,
      variables: JSON.stringify(ctx.info.variables),
    },
  };
}

export function response(ctx: Context) {
  return ctx.result;
}
