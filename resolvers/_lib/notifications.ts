/**
 * Game events for the `notify` function: GAME_INVITE to the invited player, YOUR_TURN to the
 * player who moves next, GAME_OVER to both. A failed notification never fails the mutation.
 */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { GameEvent, NotifyEvent } from '../../functions/notify/protocol.js';
import type { GameRecord } from './records.js';

/** Phone numbers by username, as the loadContacts step found them. */
export type Phones = Record<string, string | null>;

function eventFor(type: GameEvent['type'], recipient: string, game: GameRecord, phones: Phones): GameEvent {
  return {
    type,
    recipient,
    phoneNumber: phones[recipient] ?? null,
    gameId: game.gameId,
    opponent: game.player1 === recipient ? game.player2 : game.player1,
    heaps: game.heaps,
    winner: game.winner ?? null,
    loser: game.loser ?? null,
    endReason: game.endReason ?? null,
  };
}

export function inviteEvents(game: GameRecord, phones: Phones): GameEvent[] {
  return [eventFor('GAME_INVITE', game.player2, game, phones)];
}

/** After a move or a resignation: whose turn it is, or that the game is over. */
export function progressEvents(game: GameRecord, phones: Phones): GameEvent[] {
  if (game.status === 'FINISHED') return [eventFor('GAME_OVER', game.player1, game, phones), eventFor('GAME_OVER', game.player2, game, phones)];
  return game.turn ? [eventFor('YOUR_TURN', game.turn, game, phones)] : [];
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
