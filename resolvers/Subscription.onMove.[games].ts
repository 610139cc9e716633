/**
 * onMove: runs once when a client subscribes. Only the game's two players may follow it (anyone
 * signed in, when the game is public); the
 * gameId argument then filters the published makeMove/resign results.
 */
import { util, type Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { SubscriptionOnMoveArgs } from './_generated/schema.js';
import { callerUsername } from './_lib/identity.js';
import { canWatch } from './_lib/games.js';
import { checkGameId } from './_lib/input.js';
import type { GameRecord } from './_lib/records.js';

export function request(ctx: Context<SubscriptionOnMoveArgs>) {
  ctx.stash.caller = callerUsername(ctx.identity);
  checkGameId(ctx.args.gameId);
  // Strongly consistent: a player subscribes right after the invite, when the game is brand new.
  return get<GameRecord>({ key: { gameId: ctx.args.gameId }, consistentRead: true, projection: ['gameId', 'player1', 'player2', 'visibility'] });
}

export function response(ctx: Context<SubscriptionOnMoveArgs>): null {
  const game = ctx.result as GameRecord | null;
  const caller = ctx.stash.caller as string;
  // A missing game is refused the same way as someone else's game: nothing to learn from probing ids.
  if (ctx.error || !game || !canWatch(game, caller)) return util.unauthorized();
  return null;
}
