/** Pipeline step after a game ended: the winner's one settle write (see settle.ts). Skipped while the game goes on. */
import type { Context } from '@aws-appsync/utils';
import { settleRequest, settleResponse } from './settle.js';

export function request(ctx: Context) {
  return settleRequest(ctx, 'winner', false);
}

export function response(ctx: Context) {
  return settleResponse(ctx, 'winner', false);
}
