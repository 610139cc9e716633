/** One PutItem; the condition guards against ever overwriting a game. */
import type { Context } from '@aws-appsync/utils';
import { put } from '@aws-appsync/utils/dynamodb';
import type { MutationCreateGameArgs } from '../_generated/schema.js';
import { fail } from '../_lib/errors.js';
import type { GameRecord } from '../_lib/records.js';

export function request(ctx: Context<MutationCreateGameArgs>) {
  const game = ctx.stash.game as GameRecord;
  return put<GameRecord>({ key: { gameId: game.gameId }, item: game, condition: { gameId: { attributeExists: false } } });
}

export function response(ctx: Context<MutationCreateGameArgs>) {
  if (ctx.error) return fail('InternalFailure', 'Could not create the game; please try again.');
  return ctx.result;
}
