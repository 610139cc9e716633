/** Pipeline step after a game ended: the loser's one settle write (see settle.ts). Skipped while the game goes on. */
import type { Context } from '@aws-appsync/utils';
import { settleRequest, settleResponse } from './settle.js';

export function request(ctx: Context) {
  return settleRequest(ctx, 'loser', false);
}

export function response(ctx: Context) {
  return settleResponse(ctx, 'loser', false);
}
