/**
 * Game events for the `notify` function: GAME_INVITE to the invited player, YOUR_TURN to the
 * player who moves next, GAME_OVER to both. A failed notification never fails the mutation.
 */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { GameEvent, NotifyEvent } from '../../functions/notify/protocol.js';
import type { GameRecord } from './records.js';

function eventFor(type: GameEvent['type'], recipient: string, game: GameRecord): GameEvent {
  return {
    type,
    recipient,
    gameId: game.gameId,
    opponent: game.player1 === recipient ? game.player2 : game.player1,
    heaps: game.heaps,
    winner: game.winner ?? null,
    loser: game.loser ?? null,
    endReason: game.endReason ?? null,
  };
}

export function inviteEvents(game: GameRecord): GameEvent[] {
  return [eventFor('GAME_INVITE', game.player2, game)];
}

/** After a move or a resignation: whose turn it is, or that the game is over. */
export function progressEvents(game: GameRecord): GameEvent[] {
  if (game.status === 'FINISHED') return [eventFor('GAME_OVER', game.player1, game), eventFor('GAME_OVER', game.player2, game)];
  return game.turn ? [eventFor('YOUR_TURN', game.turn, game)] : [];
}

/**
 * RequestResponse rather than Event: the notify function never throws (it logs failures), so
 * waiting costs one SMS round trip but gives players and tests a notification that has been sent
 * by the time the mutation answers.
 */
export function invokeNotify(events: GameEvent[]): LambdaRequest {
  const payload: NotifyEvent = { events };
  return { operation: 'Invoke', invocationType: 'RequestResponse', payload };
}

/** The response of a notify step: log a failure, never raise it. */
export function ignoreNotifyFailure(ctx: Context): void {
  if (ctx.error) console.error('notification failed; the game is unaffected', ctx.error.type, ctx.error.message);
}
