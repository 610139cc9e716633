/** Between stored games, the pure rules and the GraphQL `Game` type. */
import { util } from '@aws-appsync/utils';
import { turnDeadline } from '../../game/deadlines.js';
import type { Game } from '../_generated/schema.js';
import type { ComputerLevel, NimState } from '../../game/nim.js';
import type { GameRecord, MoveRecord, Visibility } from './records.js';

export function statusKey(username: string, status: string): string {
  return `${username}#${status}`;
}

export function stateOf(record: GameRecord): NimState {
  return {
    player1: record.player1,
    player2: record.player2,
    heaps: record.heaps,
    status: record.status,
    turn: record.turn ?? null,
    winner: record.winner ?? null,
    loser: record.loser ?? null,
    endReason: record.endReason ?? null,
  };
}

export function publicStatusKey(status: string): string {
  return `PUBLIC#${status}`;
}

/** Makes a new game record public (listed by publicGames) or leaves it private. */
export function withVisibility(record: GameRecord, visibility: Visibility | null | undefined): GameRecord {
  if (visibility !== 'PUBLIC') return { ...record, visibility: 'PRIVATE' };
  return { ...record, visibility: 'PUBLIC', publicStatus: publicStatusKey(record.status) };
}

/** Whether `username` may read the game and follow its moves: its players, anyone for a public game. */
export function canWatch(record: Pick<GameRecord, 'player1' | 'player2' | 'visibility'>, username: string): boolean {
  return record.player1 === username || record.player2 === username || record.visibility === 'PUBLIC';
}

/** Gives a new game record a time per move (its first deadline counts from `nowMs`), or none. */
export function withTurnLimit(record: GameRecord, turnSeconds: number | null | undefined, nowMs: number): GameRecord {
  if (turnSeconds === null || turnSeconds === undefined) return record;
  return { ...record, turnSeconds, turnDeadline: util.time.epochMilliSecondsToISO8601(turnDeadline(nowMs, turnSeconds)) };
}

/** A new game record for a state made by `newGame`. */
export function newGameRecord(gameId: string, state: NimState, now: string, computer?: ComputerLevel | null): GameRecord {
  return {
    gameId,
    player1: state.player1,
    player2: state.player2,
    computer: computer ?? null,
    player1Status: statusKey(state.player1, state.status),
    player2Status: statusKey(state.player2, state.status),
    heaps: state.heaps,
    initialHeaps: state.heaps,
    status: state.status,
    turn: state.turn,
    winner: null,
    loser: null,
    endReason: null,
    moves: [],
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

export function toGame(record: GameRecord): Game {
  const moves = record.moves ?? [];
  return {
    gameId: record.gameId,
    player1: record.player1,
    player2: record.player2,
    computer: record.computer ?? null,
    visibility: record.visibility ?? 'PRIVATE',
    players: [record.player1, record.player2],
    heaps: record.heaps,
    initialHeaps: record.initialHeaps ?? record.heaps,
    status: record.status,
    turn: record.turn ?? null,
    winner: record.winner ?? null,
    loser: record.loser ?? null,
    endReason: record.endReason ?? null,
    moves: moves.map((move: MoveRecord) => ({ ...move })),
    // Not stored apart from the history: onMove's payload is this mapping of the move's result, so it carries it too.
    lastMove: moves.length > 0 ? { ...moves[moves.length - 1] } : null,
    rematchOf: record.rematchOf ?? null,
    rematchGameId: record.rematchGameId ?? null,
    turnSeconds: record.turnSeconds ?? null,
    turnDeadline: record.turnDeadline ?? null,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
