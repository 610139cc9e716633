/** What the resolvers send to the notify function. */

export type GameEventType = 'GAME_INVITE' | 'YOUR_TURN' | 'TURN_REMINDER' | 'GAME_OVER';

export interface GameEvent {
  type: GameEventType;
  /** Username of the player to notify. */
  recipient: string;
  /** The recipient's phone number (E.164) from their profile; null: no SMS. */
  phoneNumber: string | null;
  gameId: string;
  /** The recipient's opponent. */
  opponent: string;
  heaps: number[];
  winner: string | null;
  loser: string | null;
  endReason: string | null;
  /** TURN_REMINDER: when the recipient's turn runs out (ISO 8601). */
  deadline?: string | null;
}

export interface NotifyEvent {
  events: GameEvent[];
}

export interface NotifyResult {
  /** One entry per event: delivered to the topic and to the phone, or why not. */
  results: Array<{ type: GameEventType; recipient: string; topic: boolean; sms: boolean; error?: string }>;
}
