/** getGame: the game with its move history, for its two players (and anyone signed in, when it is public). */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { Game, QueryGetGameArgs } from './_generated/schema.js';
import { fail } from './_lib/errors.js';
import { canWatch, toGame } from './_lib/games.js';
import { callerUsername } from './_lib/identity.js';
import { checkGameId } from './_lib/input.js';
import type { GameRecord } from './_lib/records.js';

export function request(ctx: Context<QueryGetGameArgs>) {
  ctx.stash.caller = callerUsername(ctx.identity);
  checkGameId(ctx.args.gameId);
  return get<GameRecord>({ key: { gameId: ctx.args.gameId }, consistentRead: true });
}

export function response(ctx: Context<QueryGetGameArgs>): Game {
  if (ctx.error) return fail('InternalFailure', 'Could not read the game; please try again.');
  const game = ctx.result as GameRecord | null;
  if (!game) return fail('GameNotFound', `There is no game "${ctx.args.gameId}".`);
  const caller = ctx.stash.caller as string;
  if (!canWatch(game, caller)) return fail('NotAPlayer', 'Only the two players of a private game may look at it.');
  return toGame(game);
}
