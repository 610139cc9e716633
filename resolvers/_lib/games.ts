/** Between stored games, the pure rules and the GraphQL `Game` type. */
import { util } from '@aws-appsync/utils';
import { turnDeadline } from '../../game/deadlines.js';
import type { Game } from '../_generated/schema.js';
import type { ComputerLevel, NimState } from '../../game/nim.js';
import type { FullMove, GameRecord, MoveRecord, StoredMove, Visibility } from './records.js';

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
    firstMover: state.turn === state.player2 ? 2 : 1,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/** What `move` stores of `full` in `record`'s history (see StoredMove): everything on a game stored before firstMover existed. */
export function storedMove(record: GameRecord, full: FullMove): StoredMove {
  if (record.firstMover === undefined || record.firstMover === null) return full;
  return `${full.heap} ${full.count} ${full.at}`;
}

/** A stored move's own fields, whichever form it was stored in. */
function storedFields(stored: StoredMove): MoveRecord {
  if (typeof stored !== 'string') return stored;
  const [heap, count, at] = stored.split(' ');
  return { heap: Number(heap), count: Number(count), at };
}

/** The history with every field, derived where a move does not store it (see MoveRecord). */
export function movesOf(record: GameRecord): FullMove[] {
  const first = record.firstMover === 2 ? record.player2 : record.player1;
  const second = first === record.player1 ? record.player2 : record.player1;
  const start = record.initialHeaps ?? record.heaps;
  return (record.moves ?? []).reduce((played: FullMove[], stored: StoredMove, index: number) => {
    const move = storedFields(stored);
    const before = index === 0 ? start : played[index - 1].heapsAfter;
    played.push({
      number: move.number ?? index + 1,
      player: move.player ?? (index % 2 === 0 ? first : second),
      heap: move.heap,
      count: move.count,
      heapsAfter: move.heapsAfter ?? before.map((heap: number, i: number) => (i === move.heap - 1 ? heap - move.count : heap)),
      at: move.at,
    });
    return played;
  }, []);
}

export function toGame(record: GameRecord): Game {
  const moves = movesOf(record);
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
    moves,
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
