/** Pipeline step near the end: settles the winner again if the first write was refused or failed (see settle.ts); skipped otherwise. */
import type { Context } from '@aws-appsync/utils';
import { settleRequest, settleResponse } from './settle.js';

export function request(ctx: Context) {
  return settleRequest(ctx, 'winner', true);
}

export function response(ctx: Context) {
  return settleResponse(ctx, 'winner', true);
}
