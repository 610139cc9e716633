/**
 * The rules of Nim as the seeds play it (misère: whoever takes the last object LOSES).
 *
 * This module is bundled into APPSYNC_JS resolvers, so it stays inside that language subset:
 * no throw/try, no while or classic for, no ++/--, no classes, no recursion, no regex literals,
 * and functions are only passed to array methods. Failures are returned as values.
 */

export type GameStatus = 'IN_PROGRESS' | 'FINISHED';
export type EndReason = 'LAST_OBJECT_TAKEN' | 'RESIGNED' | 'TIMEOUT';

/** How the computer opponent plays: any legal move, or perfect misère play. */
export type ComputerLevel = 'RANDOM' | 'PERFECT';

export type RuleErrorType = 'InvalidMove' | 'InvalidGame' | 'NotAPlayer' | 'NotYourTurn' | 'GameOver';

export interface RuleError {
  type: RuleErrorType;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: RuleError };

/** The part of a game the rules care about. */
export interface NimState {
  player1: string;
  player2: string;
  heaps: number[];
  status: GameStatus;
  /** Whose move it is; null once the game is over. */
  turn: string | null;
  winner: string | null;
  loser: string | null;
  endReason: EndReason | null;
}

/** `heap` counts from 1, as players see the heaps. */
export interface Move {
  heap: number;
  count: number;
}

export const DEFAULT_HEAPS: number[] = [5, 4, 5];
/** The computer opponent's name in a game: '@' is never allowed in a registered username. */
export const COMPUTER = '@computer';
export const MAX_HEAPS = 5;
export const MAX_HEAP_SIZE = 20;

function fail<T>(type: RuleErrorType, message: string): Result<T> {
  return { ok: false, error: { type, message } };
}

function isWholeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

export function totalObjects(heaps: number[]): number {
  return heaps.reduce((sum, heap) => sum + heap, 0);
}

export function isPlayer(state: Pick<NimState, 'player1' | 'player2'>, username: string): boolean {
  return state.player1 === username || state.player2 === username;
}

/** The other player of the game; null when `username` does not play in it. */
export function opponentOf(state: Pick<NimState, 'player1' | 'player2'>, username: string): string | null {
  if (state.player1 === username) return state.player2;
  if (state.player2 === username) return state.player1;
  return null;
}

/** Checks the starting heaps of a new game; missing or empty means the default 5, 4, 5. */
export function validateHeaps(heaps: number[] | null | undefined): Result<number[]> {
  if (heaps === null || heaps === undefined || heaps.length === 0) return { ok: true, value: DEFAULT_HEAPS.slice() };
  if (heaps.length > MAX_HEAPS) return fail('InvalidGame', `A game has at most ${MAX_HEAPS} heaps, not ${heaps.length}.`);
  const bad = heaps.find((heap) => !isWholeNumber(heap) || heap < 1 || heap > MAX_HEAP_SIZE);
  if (bad !== undefined) return fail('InvalidGame', `Each heap holds between 1 and ${MAX_HEAP_SIZE} objects; ${bad} is not allowed.`);
  return { ok: true, value: heaps.slice() };
}

/**
 * Starts a game. The invited player (player2) moves first: in the seed the game is created with
 * `lastMoveBy` set to the creator, so the second user makes the first move.
 */
export function newGame(player1: string, player2: string, heaps?: number[] | null, firstToMove?: string | null): Result<NimState> {
  if (player1 === '' || player2 === '') return fail('InvalidGame', 'A game needs two players.');
  if (player1 === player2) return fail('InvalidGame', 'You cannot play against yourself; choose another opponent.');
  const checked = validateHeaps(heaps);
  if (!checked.ok) return checked;
  const turn = firstToMove ?? player2;
  if (turn !== player1 && turn !== player2) return fail('InvalidGame', 'The first move belongs to one of the two players.');
  return {
    ok: true,
    value: { player1, player2, heaps: checked.value, status: 'IN_PROGRESS', turn, winner: null, loser: null, endReason: null },
  };
}

/** Checks the shape of a move without looking at a game (heap and count are whole numbers ≥ 1). */
export function checkMoveShape(move: Move): RuleError | null {
  if (!isWholeNumber(move.heap) || move.heap < 1 || move.heap > MAX_HEAPS) {
    return { type: 'InvalidMove', message: `Heap must be a number from 1 to ${MAX_HEAPS}.` };
  }
  if (!isWholeNumber(move.count) || move.count < 1) {
    return { type: 'InvalidMove', message: 'You must take at least one object.' };
  }
  return null;
}

/**
 * Why `player` may not make `move` in `state`, or null when the move is legal.
 * The order matters: it is also how a refused conditional write is explained to the player.
 */
export function checkMove(state: NimState, player: string, move: Move): RuleError | null {
  if (!isPlayer(state, player)) return { type: 'NotAPlayer', message: 'You are not a player of this game.' };
  if (state.status !== 'IN_PROGRESS') return { type: 'GameOver', message: 'This game is over; no more moves can be made.' };
  if (state.turn !== player) return { type: 'NotYourTurn', message: `It is not your turn; waiting for ${state.turn ?? 'nobody'} to move.` };
  const shape = checkMoveShape(move);
  if (shape) return shape;
  if (move.heap > state.heaps.length) {
    return { type: 'InvalidMove', message: `There is no heap ${move.heap}; this game has ${state.heaps.length} heaps.` };
  }
  const inHeap = state.heaps[move.heap - 1];
  if (move.count > inHeap) {
    return { type: 'InvalidMove', message: `Heap ${move.heap} holds ${inHeap} object(s); you cannot take ${move.count}.` };
  }
  return null;
}

/** Applies a legal move. Taking the last object ends the game, and the player who took it loses. */
export function applyMove(state: NimState, player: string, move: Move): Result<NimState> {
  const refusal = checkMove(state, player, move);
  if (refusal) return { ok: false, error: refusal };
  const heaps = state.heaps.map((heap, index) => (index === move.heap - 1 ? heap - move.count : heap));
  const other = opponentOf(state, player);
  if (totalObjects(heaps) === 0) {
    return {
      ok: true,
      value: { ...state, heaps, status: 'FINISHED', turn: null, winner: other, loser: player, endReason: 'LAST_OBJECT_TAKEN' },
    };
  }
  return { ok: true, value: { ...state, heaps, turn: other } };
}

/** A player gives up: the game ends at once and the other player wins. Allowed on either player's turn. */
export function resign(state: NimState, player: string): Result<NimState> {
  if (!isPlayer(state, player)) return fail('NotAPlayer', 'You are not a player of this game.');
  if (state.status !== 'IN_PROGRESS') return fail('GameOver', 'This game is already over.');
  return {
    ok: true,
    value: { ...state, status: 'FINISHED', turn: null, winner: opponentOf(state, player), loser: player, endReason: 'RESIGNED' },
  };
}

/**
 * The player to move missed the deadline: the game ends and the other player wins.
 * Only the waiting player, the scheduler or anyone acting for the clock may call it; the caller
 * checks that the deadline has passed (the rules know no clock).
 */
export function timeOut(state: NimState): Result<NimState> {
  if (state.status !== 'IN_PROGRESS' || state.turn === null) return fail('GameOver', 'This game is already over.');
  return {
    ok: true,
    value: { ...state, status: 'FINISHED', turn: null, winner: opponentOf(state, state.turn), loser: state.turn, endReason: 'TIMEOUT' },
  };
}

/**
 * Whether the player to move can force a win in misère Nim: with a heap of 2 or more, when the
 * nim-sum is not zero; with only heaps of 0 and 1, when the number of ones is even.
 */
export function isWinningPosition(heaps: number[]): boolean {
  if (totalObjects(heaps) === 0) return false;
  const big = heaps.filter((heap) => heap > 1).length;
  if (big === 0) return heaps.filter((heap) => heap === 1).length % 2 === 0;
  return heaps.reduce((acc, heap) => acc ^ heap, 0) !== 0;
}

/** A move that wins from `heaps`, or null when every move loses against perfect play (a hint). */
export function winningMove(heaps: number[]): Move | null {
  return isWinningPosition(heaps) ? suggestMove(heaps) : null;
}

/**
 * A legal move chosen by two numbers in [0, 1) (the caller's randomness, so the rules stay pure):
 * the first picks a non-empty heap, the second how many to take from it.
 */
export function randomMove(heaps: number[], heapRoll: number, countRoll: number): Move | null {
  const filled = heaps.map((heap, index) => (heap > 0 ? index : -1)).filter((index) => index >= 0);
  if (filled.length === 0) return null;
  const index = filled[Math.min(filled.length - 1, Math.floor(heapRoll * filled.length))];
  const count = Math.min(heaps[index], 1 + Math.floor(countRoll * heaps[index]));
  return { heap: index + 1, count: Math.max(1, count) };
}

/** The computer's move at `level`; rolls are numbers in [0, 1) used only by RANDOM. */
export function computerMove(heaps: number[], level: ComputerLevel, heapRoll: number, countRoll: number): Move | null {
  return level === 'PERFECT' ? suggestMove(heaps) : randomMove(heaps, heapRoll, countRoll);
}

/**
 * A move that wins misère Nim from `heaps` if one exists, else a move taking one object from the
 * largest heap (for bots and hints). Null when the heaps are empty.
 * Strategy: while some heap holds 2 or more, play normal Nim (make the XOR zero), except that when
 * the move would leave only heaps of size 0 or 1, leave an odd number of heaps of size 1.
 */
export function suggestMove(heaps: number[]): Move | null {
  if (totalObjects(heaps) === 0) return null;
  const big = heaps.filter((heap) => heap > 1).length;
  const ones = heaps.filter((heap) => heap === 1).length;
  const largest = heaps.reduce((best, heap, index) => (heap > heaps[best] ? index : best), 0);
  if (big === 0) {
    // Only heaps of one: taking one leaves an odd count for the opponent when `ones` is even.
    return { heap: largest + 1, count: 1 };
  }
  if (big === 1) {
    // Reduce the one big heap to 0 or 1 so that an odd number of single objects remains.
    const keep = ones % 2 === 0 ? 1 : 0;
    return { heap: largest + 1, count: heaps[largest] - keep };
  }
  const nimSum = heaps.reduce((acc, heap) => acc ^ heap, 0);
  if (nimSum === 0) return { heap: largest + 1, count: 1 };
  const index = heaps.findIndex((heap) => (heap ^ nimSum) < heap);
  return { heap: index + 1, count: heaps[index] - (heaps[index] ^ nimSum) };
}
