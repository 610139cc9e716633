/**
 * Both players must be registered: the opponent, and the caller too (a login made directly through
 * Cognito has no profile). Their phone numbers, read on the way, are stored on the game, so its
 * notifications never read the profiles again.
 */
import type { Context } from '@aws-appsync/utils';
import { batchGet } from '@aws-appsync/utils/dynamodb';
import type { MutationCreateGameArgs } from '../_generated/schema.js';
import { fail } from '../_lib/errors.js';
import type { GameRecord } from '../_lib/records.js';

export function request(ctx: Context<MutationCreateGameArgs>) {
  const game = ctx.stash.game as GameRecord;
  // The computer has no profile: only the caller is looked up then.
  const keys = game.computer ? [{ username: game.player1 }] : [{ username: game.player1 }, { username: game.player2 }];
  return batchGet({ tables: { [ctx.env.PLAYERS_TABLE]: { keys, consistentRead: true, projection: ['username', 'phoneNumber'] } } });
}

export function response(ctx: Context<MutationCreateGameArgs>) {
  if (ctx.error) return fail('InternalFailure', 'Could not look up the players; please try again.');
  const game = ctx.stash.game as GameRecord;
  const [me, opponent] = ctx.result.data[ctx.env.PLAYERS_TABLE] as Array<{ username: string; phoneNumber?: string } | null>;
  if (!me) return fail('UserNotFound', 'Your sign-in has no player profile yet; register to play.');
  if (game.computer) {
    game.phones = [me.phoneNumber ?? null, null];
    return null;
  }
  if (!opponent) return fail('UserNotFound', `There is no player named "${game.player2}".`);
  game.phones = [me.phoneNumber ?? null, opponent.phoneNumber ?? null];
  return null;
}
