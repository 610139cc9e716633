/** hint: a move for the caller in their own game, on their turn; a winning one whenever it exists. */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { Hint, QueryHintArgs } from './_generated/schema.js';
import { suggestMove, winningMove } from '../game/nim.js';
import { fail } from './_lib/errors.js';
import { callerUsername } from './_lib/identity.js';
import type { GameRecord } from './_lib/records.js';

export function request(ctx: Context<QueryHintArgs>) {
  ctx.stash.caller = callerUsername(ctx.identity);
  return get<GameRecord>({ key: { gameId: ctx.args.gameId }, consistentRead: true, projection: ['gameId', 'player1', 'player2', 'heaps', 'status', 'turn'] });
}

export function response(ctx: Context<QueryHintArgs>): Hint {
  if (ctx.error) return fail('InternalFailure', 'Could not read the game; please try again.');
  const game = ctx.result as GameRecord | null;
  if (!game) return fail('GameNotFound', `There is no game "${ctx.args.gameId}".`);
  const caller = ctx.stash.caller as string;
  // Spectators of public games get no hints: only the players, on their own turn.
  if (game.player1 !== caller && game.player2 !== caller) return fail('NotAPlayer', 'Only the players of a game get hints for it.');
  if (game.status !== 'IN_PROGRESS') return fail('GameOver', 'This game is over; there is nothing to suggest.');
  if (game.turn !== caller) return fail('NotYourTurn', `It is not your turn; waiting for ${game.turn} to move.`);
  const winning = winningMove(game.heaps);
  const move = winning ?? suggestMove(game.heaps);
  if (!move) return fail('GameOver', 'This game is over; there is nothing to suggest.');
  return { winning: winning !== null, heap: move.heap, count: move.count };
}
