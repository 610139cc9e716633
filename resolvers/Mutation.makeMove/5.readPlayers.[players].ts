/** After the notification: the players' records, read to plan their settle writes (see settle.ts); a move that ends no game stops here. */
import type { Context } from '@aws-appsync/utils';
import { readPlayersRequest, readPlayersResponse } from '../_lib/steps/settle.js';

export function request(ctx: Context) {
  return readPlayersRequest(ctx, 'END');
}

export function response(ctx: Context) {
  return readPlayersResponse(ctx);
}
