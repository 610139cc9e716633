/**
 * The computer opponent's reply. It is computed right after the player's move and written in the
 * same conditional UpdateItem, so the computer never leaves a game waiting on its turn and onMove
 * subscribers receive the game with both moves in it.
 */
import { util } from '@aws-appsync/utils';
import type { GameRecord } from './records.js';
import { storedMove } from './games.js';
import { COMPUTER, applyMove, computerMove, type ComputerLevel, type NimState } from '../../game/nim.js';

/** One move as it goes into the history: who made it and the heaps it left. */
export interface PlayedMove {
  player: string;
  heap: number;
  count: number;
  heapsAfter: number[];
}

export interface Reply {
  state: NimState;
  played: PlayedMove;
}

/** The computer's move when it is the computer's turn in `state`; null otherwise. */
export function computerReply(state: NimState, level: ComputerLevel | null | undefined): Reply | null {
  if (!level || state.status !== 'IN_PROGRESS' || state.turn !== COMPUTER) return null;
  const move = computerMove(state.heaps, level, util.math.randomDouble(), util.math.randomDouble());
  if (!move) return null;
  const after = applyMove(state, COMPUTER, move);
  if (!after.ok) return null;
  return { state: after.value, played: { player: COMPUTER, heap: move.heap, count: move.count, heapsAfter: after.value.heaps } };
}

/**
 * A new game in which the computer moves first (a rematch, where the other player starts): its
 * opening move is made before the game is stored, so the stored game always waits on a person.
 */
export function withComputerOpening(record: GameRecord, state: NimState): GameRecord {
  const reply = computerReply(state, record.computer);
  if (!reply) return record;
  const move = storedMove(record, { number: 1, ...reply.played, at: record.createdAt });
  return { ...record, heaps: reply.state.heaps, turn: reply.state.turn, moves: [move] };
}
