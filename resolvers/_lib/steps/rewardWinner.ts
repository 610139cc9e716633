/** Pipeline step after a game ended: the winner's won game and prize (see credit.ts). Skipped while the game goes on. */
import type { Context } from '@aws-appsync/utils';
import { creditRequest, creditResponse } from './credit.js';

export function request(ctx: Context) {
  return creditRequest(ctx, 'winner', false);
}

export function response(ctx: Context) {
  return creditResponse(ctx, 'winner', false);
}
