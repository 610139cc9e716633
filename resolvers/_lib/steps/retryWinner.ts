/** Pipeline step near the end: credits the winner again if the first attempt failed (see credit.ts); skipped otherwise. */
import type { Context } from '@aws-appsync/utils';
import { creditRequest, creditResponse } from './credit.js';

export function request(ctx: Context) {
  return creditRequest(ctx, 'winner', true);
}

export function response(ctx: Context) {
  return creditResponse(ctx, 'winner', true);
}
