/** The text a player receives for each game event. */
import type { GameEvent } from './protocol.js';

function heapsText(heaps: number[]): string {
  return heaps.join('/');
}

export function messageFor(event: GameEvent): string {
  switch (event.type) {
    case 'GAME_INVITE':
      return `${event.opponent} invited you to a game of Nim (heaps ${heapsText(event.heaps)}). It is your move. Game ${event.gameId}.`;
    case 'YOUR_TURN':
      return `Your move against ${event.opponent}: the heaps are ${heapsText(event.heaps)}. Game ${event.gameId}.`;
    case 'TURN_REMINDER':
      return `Reminder: your move against ${event.opponent} is due by ${event.deadline ?? 'soon'}, or you lose the game. The heaps are ${heapsText(event.heaps)}. Game ${event.gameId}.`;
    case 'GAME_OVER': {
      const won = event.winner === event.recipient;
      const loser = event.loser === event.recipient ? 'you' : event.opponent;
      const how =
        event.endReason === 'RESIGNED' ? `${loser} resigned` : event.endReason === 'TIMEOUT' ? `${loser} ran out of time` : `${loser} took the last object`;
      return `${won ? 'You won' : 'You lost'} against ${event.opponent}: ${how}. Game ${event.gameId}.`;
    }
  }
}
