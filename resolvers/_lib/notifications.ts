/**
 * Game events for the `notify` function: GAME_INVITE to the invited player, YOUR_TURN to the
 * player who moves next, GAME_OVER to both. A failed notification never fails the mutation.
 */
import type { Context, LambdaRequest } from '@aws-appsync/utils';
import type { GameEvent, NotifyEvent } from '../../functions/notify/protocol.js';
import type { GameRecord } from './records.js';
import { COMPUTER } from '../../game/nim.js';

function eventFor(type: GameEvent['type'], recipient: string, game: GameRecord): GameEvent {
  const phones = game.phones ?? [];
  return {
    type,
    recipient,
    phoneNumber: (recipient === game.player1 ? phones[0] : phones[1]) ?? null,
    gameId: game.gameId,
    opponent: game.player1 === recipient ? game.player2 : game.player1,
    heaps: game.heaps,
    winner: game.winner ?? null,
    loser: game.loser ?? null,
    endReason: game.endReason ?? null,
  };
}

/** The reminder to the player to move, sent by the scheduler before the turn deadline (none for the computer). */
export function reminderEvent(game: GameRecord): GameEvent | null {
  if (!game.turn || game.turn === COMPUTER || game.status !== 'IN_PROGRESS') return null;
  return { ...eventFor('TURN_REMINDER', game.turn, game), deadline: game.turnDeadline ?? null };
}

export function inviteEvents(game: GameRecord): GameEvent[] {
  return [eventFor('GAME_INVITE', game.player2, game)];
}

/** After a move or a resignation: whose turn it is, or that the game is over. */
export function progressEvents(game: GameRecord): GameEvent[] {
  const events =
    game.status === 'FINISHED'
      ? [eventFor('GAME_OVER', game.player1, game), eventFor('GAME_OVER', game.player2, game)]
      : game.turn
        ? [eventFor('YOUR_TURN', game.turn, game)]
        : [];
  // The computer opponent is told nothing.
  return events.filter((event) => event.recipient !== COMPUTER);
}

/**
 * Event (asynchronous) rather than RequestResponse: the player's answer does not wait for the SMS
 * round trip. The function never throws (it logs failures), so there is no result to wait for;
 * AppSync only reports whether Lambda accepted the invocation.
 */
export function invokeNotify(events: GameEvent[]): LambdaRequest {
  const payload: NotifyEvent = { events };
  return { operation: 'Invoke', invocationType: 'Event', payload };
}

/** The response of a notify step: log a refused invocation, never raise it. */
export function ignoreNotifyFailure(ctx: Context): void {
  if (ctx.error) console.error('notification failed; the game is unaffected', ctx.error.type, ctx.error.message);
}
