/** The opponent must be a registered player. */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { MutationCreateGameArgs } from '../_generated/schema.js';
import { fail } from '../_lib/errors.js';
import type { GameRecord, PlayerRecord } from '../_lib/records.js';

export function request(ctx: Context<MutationCreateGameArgs>) {
  const game = ctx.stash.game as GameRecord;
  return get<PlayerRecord>({ key: { username: game.player2 }, projection: ['username'] });
}

export function response(ctx: Context<MutationCreateGameArgs>) {
  if (ctx.error) return fail('InternalFailure', 'Could not look up the opponent; please try again.');
  if (!ctx.result) return fail('UserNotFound', `There is no player named "${(ctx.stash.game as GameRecord).player2}".`);
  return ctx.result;
}
