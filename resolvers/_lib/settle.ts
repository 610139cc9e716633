/**
 * Settling a finished game on a player's record: ONE conditional UpdateItem per player that applies
 * everything the game changes there (games played, won or lost, the winner's prize or a forfeited
 * one, the Elo points) and marks the game settled, so no retry ever counts it twice.
 *
 * The marker is bounded. A record remembers the games it settled in two string sets: `settled`
 * (at most `window` game ids, `settledCount` of them, begun at `settledSince`) and `settledPrevious`
 * (the set before). When `settled` is full the write rotates: the current set becomes the previous
 * one, the old previous set is dropped and `forgottenBefore` takes the time the dropped games'
 * successor set began. Every dropped game was settled, so also finished, before that time: a game
 * finished later is either in one of the two sets or was never settled. A repair (rateGame) of a game
 * that is in neither set and finished before `forgottenBefore` is refused, since it may have been
 * settled and forgotten. Everything happens in single-item writes (dynalite has no transactions).
 *
 * Records written before this scheme hold `creditedGames` and `ratedGames`, unbounded sets of the
 * games counted in the stats and in the rating (a record near DynamoDB's 400 KB limit refuses any
 * write that makes it larger). They count as settled history, and the record's first settle write
 * migrates it: it removes both sets (so it shrinks) and starts the window with `forgottenBefore` at
 * that moment, which covers every game the old sets held. A game an old record counted in only one
 * of the two sets is settled as it stands: its missing half is not applied.
 */
import { util, type Context, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import { MAX_ITEMS, type InventoryItem } from '../../game/items.js';
import { SETTLED_WINDOW, type PlayerRecord } from './records.js';

/**
 * A game that ended up to this long after `forgottenBefore` counts as possibly forgotten too: the two
 * times come from the clocks of different requests, which may disagree by a little.
 */
export const CLOCK_MARGIN_MS = 60_000;

/** The attributes a settle decision reads from a record (readPlayers projects these). */
export const SETTLE_ATTRIBUTES = ['username', 'ratingPoints', 'settled', 'settledPrevious', 'settledCount', 'forgottenBefore', 'creditedGames', 'ratedGames'];

/** The window in force: `SETTLED_WINDOW`, or a smaller one from the API's environment (tests drive rotation with it). */
export function settledWindow(ctx: Context): number {
  const configured = Number((ctx.env as Record<string, string | undefined>).SETTLED_WINDOW);
  return Number.isInteger(configured) && configured >= 1 && configured <= SETTLED_WINDOW ? configured : SETTLED_WINDOW;
}

/** What a record says about a game: settled on it, not settled yet, or too old to tell. */
export type SettleState = 'SETTLED' | 'PENDING' | 'FORGOTTEN';

function holds(set: string[] | undefined, gameId: string): boolean {
  return (set ?? []).includes(gameId);
}

export function isSettled(record: PlayerRecord, gameId: string): boolean {
  return holds(record.settled, gameId) || holds(record.settledPrevious, gameId) || holds(record.creditedGames, gameId) || holds(record.ratedGames, gameId);
}

/** `finishedAt`: when the game ended (the FINISHED game's updatedAt: nothing writes the game after its end but rematch, which leaves updatedAt alone). */
export function settleState(record: PlayerRecord, gameId: string, finishedAt: string): SettleState {
  if (isSettled(record, gameId)) return 'SETTLED';
  if (record.forgottenBefore && util.time.parseISO8601ToEpochMilliSeconds(finishedAt) < util.time.parseISO8601ToEpochMilliSeconds(record.forgottenBefore) + CLOCK_MARGIN_MS) return 'FORGOTTEN';
  return 'PENDING';
}

/** Which write a record calls for: add to the current set, rotate a full one, or migrate a record of the older scheme. */
export type SettleVariant = 'ADD' | 'ROTATE' | 'MIGRATE';

export function settleVariant(record: PlayerRecord, window: number): SettleVariant {
  if (record.creditedGames !== undefined || record.ratedGames !== undefined) return 'MIGRATE';
  return (record.settledCount ?? 0) >= window ? 'ROTATE' : 'ADD';
}

/** What one player's write applies. */
export interface Settlement {
  username: string;
  gameId: string;
  side: 'winner' | 'loser';
  /** The winner's prize; null when there is none to give (the loser, or a full inventory). */
  prize: InventoryItem | null;
  /** Elo points to ADD (negative for the loser); null in games against the computer. */
  points: number | null;
  /** What the record as last read calls for (settleVariant); the write's condition checks it still does. */
  variant: SettleVariant;
  window: number;
  now: string;
}

/** The conditional UpdateItem that settles `s.gameId` on `s.username`'s record (see the top of this file). */
export function settleWrite(s: Settlement): DynamoDBUpdateItemRequest {
  const names: Record<string, string> = {
    '#username': 'username',
    '#played': 'gamesPlayed',
    '#settled': 'settled',
    '#previous': 'settledPrevious',
    '#count': 'settledCount',
    '#since': 'settledSince',
    '#credited': 'creditedGames',
    '#rated': 'ratedGames',
  };
  const values: Record<string, unknown> = { ':one': 1, ':gameId': s.gameId, ':now': s.now };
  const sets: string[] = [];
  const adds = ['#played :one'];
  const conditions = ['attribute_exists(#username)', 'NOT contains(#settled, :gameId)', 'NOT contains(#previous, :gameId)', 'NOT contains(#credited, :gameId)', 'NOT contains(#rated, :gameId)'];
  if (s.side === 'loser') {
    names['#lost'] = 'gamesLost';
    adds.push('#lost :one');
  } else {
    names['#won'] = 'gamesWon';
    adds.push('#won :one');
  }
  if (s.prize) {
    names['#items'] = 'items';
    values[':newItems'] = [s.prize];
    values[':noItems'] = [];
    values[':maxItems'] = MAX_ITEMS;
    sets.push('#items = list_append(if_not_exists(#items, :noItems), :newItems)');
    conditions.push('(attribute_not_exists(#items) OR size(#items) < :maxItems)');
  } else if (s.side === 'winner') {
    names['#forfeited'] = 'prizesForfeited';
    adds.push('#forfeited :one');
  }
  if (s.points !== null) {
    names['#points'] = 'ratingPoints';
    names['#board'] = 'board';
    values[':points'] = s.points;
    values[':board'] = 'ALL';
    adds.push('#points :points');
    sets.push('#board = :board');
  }
  let removes: string[] = [];
  if (s.variant === 'ROTATE') {
    // Right-hand sides read the record as it was before this write, so the sets shift by one.
    names['#forgotten'] = 'forgottenBefore';
    sets.push('#previous = #settled', '#forgotten = if_not_exists(#since, :now)', '#settled = :justThis', '#since = :now', '#count = :one');
    values[':window'] = s.window;
    conditions.push('#count >= :window');
  } else if (s.variant === 'MIGRATE') {
    // The old sets go; every game they held ended before now, so forgottenBefore covers them all.
    names['#forgotten'] = 'forgottenBefore';
    sets.push('#forgotten = :now', '#settled = :justThis', '#since = :now', '#count = :one');
    removes = ['#previous', '#credited', '#rated'];
    conditions.push('(attribute_exists(#credited) OR attribute_exists(#rated))');
  } else {
    sets.push('#since = if_not_exists(#since, :now)');
    adds.push('#settled :justThis', '#count :one');
    values[':window'] = s.window;
    conditions.push('(attribute_not_exists(#count) OR #count < :window)');
  }
  const mapped: Record<string, unknown> = util.dynamodb.toMapValues(values);
  // A string set, which toMapValues would make a list.
  mapped[':justThis'] = util.dynamodb.toStringSet([s.gameId]);
  const clauses = [`SET ${sets.join(', ')}`, `ADD ${adds.join(', ')}`, removes.length > 0 ? `REMOVE ${removes.join(', ')}` : ''];
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ username: s.username }),
    update: { expression: clauses.filter((clause) => clause !== '').join(' '), expressionNames: names, expressionValues: mapped },
    condition: { expression: conditions.join(' AND ') },
  };
}

/** Why a settle write was refused, from the record AppSync hands back after a failed condition. */
export type SettleRefusal = 'NO_PROFILE' | 'ALREADY_SETTLED' | 'RETRY';

export function settleRefusal(current: PlayerRecord | null, gameId: string): SettleRefusal {
  if (!current) return 'NO_PROFILE';
  if (isSettled(current, gameId)) return 'ALREADY_SETTLED';
  // A full set (rotate next time) or a full inventory (no prize next time): the retry writes what the record now calls for.
  return 'RETRY';
}
