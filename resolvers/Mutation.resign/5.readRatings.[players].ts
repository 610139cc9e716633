import type { Context } from '@aws-appsync/utils';
import { readRatingsRequest, readRatingsResponse } from '../_lib/steps/ratings.js';

export function request(ctx: Context) {
  return readRatingsRequest(ctx);
}

export function response(ctx: Context) {
  return readRatingsResponse(ctx);
}
