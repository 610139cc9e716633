/** Pipeline step: reads the game (strongly consistent) so the rules can check the request. */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import { fail } from '../errors.js';
import { checkGameId } from '../input.js';
import type { GameRecord } from '../records.js';

export function request(ctx: Context<{ gameId: string }>) {
  checkGameId(ctx.args.gameId);
  return get<GameRecord>({ key: { gameId: ctx.args.gameId }, consistentRead: true });
}

export function response(ctx: Context<{ gameId: string }>): GameRecord {
  if (ctx.error) return fail('InternalFailure', 'Could not read the game; please try again.');
  const game = ctx.result as GameRecord | null;
  if (!game) return fail('GameNotFound', `There is no game "${ctx.args.gameId}".`);
  return game;
}
