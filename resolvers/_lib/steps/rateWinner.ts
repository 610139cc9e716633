/** Pipeline step after a game ended: the winner's rating (see ratings.ts). */
import type { Context } from '@aws-appsync/utils';
import { rateRequest, rateResponse } from './ratings.js';

export function request(ctx: Context) {
  return rateRequest(ctx, 'winner');
}

export function response(ctx: Context) {
  return rateResponse(ctx);
}
