import type { Context } from '@aws-appsync/utils';
import { rateRequest, rateResponse } from '../_lib/steps/ratings.js';

export function request(ctx: Context) {
  return rateRequest(ctx, 'loser');
}

export function response(ctx: Context) {
  return rateResponse(ctx);
}
