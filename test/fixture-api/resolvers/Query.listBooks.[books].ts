import type { Context } from '@aws-appsync/utils';
import { scan } from '@aws-appsync/utils/dynamodb';

export function request(ctx: Context<{ limit?: number; nextToken?: string }>) {
  return scan({ limit: ctx.args.limit ?? 10, nextToken: ctx.args.nextToken });
}

export function response(ctx: Context) {
  return { items: ctx.result.items, nextToken: ctx.result.nextToken };
}
