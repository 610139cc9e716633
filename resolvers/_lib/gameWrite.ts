/**
 * The one conditional write that changes a game (a move, a resignation or a timeout).
 *
 * The new state is computed by the pure rules from the game as read a moment earlier; the write
 * then only succeeds if the game is still exactly that version. The seed's own conditions (the
 * caller is a player, it is the caller's turn, the heap holds enough, the game is in progress) are
 * part of the condition too, so the write is safe on its own even without the version check.
 * Two simultaneous moves therefore cannot both succeed: the second finds a newer version.
 */
import { util, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import { checkMove, type Move, type NimState } from '../../game/nim.js';
import { fail } from './errors.js';
import { stateOf, statusKey, storedMove } from './games.js';
import type { GameRecord } from './records.js';
import type { PlayedMove } from './computer.js';
import { turnDeadline } from '../../game/deadlines.js';

interface UpdateParts {
  names: Record<string, string>;
  values: Record<string, unknown>;
  sets: string[];
  removes: string[];
  conditions: string[];
}

/** What every change of a game writes and checks: the new state, on condition that the game is still that version and in progress. */
function stateUpdate(current: GameRecord, next: NimState, now: string): UpdateParts {
  const names: Record<string, string> = {
    '#version': 'version',
    '#status': 'status',
    '#heaps': 'heaps',
    '#turn': 'turn',
    '#winner': 'winner',
    '#loser': 'loser',
    '#endReason': 'endReason',
    '#player1Status': 'player1Status',
    '#player2Status': 'player2Status',
    '#updatedAt': 'updatedAt',
  };
  const values: Record<string, unknown> = {
    ':version': current.version,
    ':one': 1,
    ':inProgress': 'IN_PROGRESS',
    ':heaps': next.heaps,
    ':status': next.status,
    ':turn': next.turn,
    ':winner': next.winner,
    ':loser': next.loser,
    ':endReason': next.endReason,
    ':player1Status': statusKey(next.player1, next.status),
    ':player2Status': statusKey(next.player2, next.status),
    ':updatedAt': now,
  };
  const sets = [
    '#heaps = :heaps',
    '#status = :status',
    '#turn = :turn',
    '#winner = :winner',
    '#loser = :loser',
    '#endReason = :endReason',
    '#player1Status = :player1Status',
    '#player2Status = :player2Status',
    '#updatedAt = :updatedAt',
    '#version = #version + :one',
  ];
  const removes: string[] = [];
  if (current.visibility === 'PUBLIC' && next.status !== 'IN_PROGRESS') {
    // publicGames lists live games only, so a finished game leaves byPublicStatus altogether: removing the
    // key deletes its index entry (one write), where a new key would delete it and put another (two).
    names['#publicStatus'] = 'publicStatus';
    removes.push('#publicStatus');
  }
  if (current.turnSeconds) {
    // The next player's turn starts now; a finished game has no deadline.
    names['#turnDeadline'] = 'turnDeadline';
    values[':turnDeadline'] = next.status === 'IN_PROGRESS' ? util.time.epochMilliSecondsToISO8601(turnDeadline(util.time.parseISO8601ToEpochMilliSeconds(now), current.turnSeconds)) : null;
    sets.push('#turnDeadline = :turnDeadline');
  }
  return { names, values, sets, removes, conditions: ['#version = :version', '#status = :inProgress'] };
}

function updateRequest(current: GameRecord, parts: UpdateParts): DynamoDBUpdateItemRequest {
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ gameId: current.gameId }),
    update: { expression: `SET ${parts.sets.join(', ')}${parts.removes.length > 0 ? ` REMOVE ${parts.removes.join(', ')}` : ''}`, expressionNames: parts.names, expressionValues: util.dynamodb.toMapValues(parts.values) },
    condition: { expression: parts.conditions.join(' AND ') },
  };
}

/**
 * A player's move or resignation. `reply` is the computer's answer to `move` (games against the
 * computer): it goes into the history in the same write, after the player's move.
 */
export function gameUpdate(current: GameRecord, next: NimState, caller: string, move: Move | null, now: string, reply?: PlayedMove | null): DynamoDBUpdateItemRequest {
  const parts = stateUpdate(current, next, now);
  const { names, values, sets, conditions } = parts;
  names['#player1'] = 'player1';
  names['#player2'] = 'player2';
  values[':caller'] = caller;
  conditions.push('(#player1 = :caller OR #player2 = :caller)');
  if (move) {
    const number = (current.moves ?? []).length + 1;
    // With a computer reply, `next` is the state after the reply; the player's move left reply's starting heaps.
    const heapsAfter = reply ? current.heaps.map((heap, index) => (index === move.heap - 1 ? heap - move.count : heap)) : next.heaps;
    const played = [storedMove(current, { number, player: caller, heap: move.heap, count: move.count, heapsAfter, at: now })];
    if (reply) played.push(storedMove(current, { number: number + 1, player: reply.player, heap: reply.heap, count: reply.count, heapsAfter: reply.heapsAfter, at: now }));
    // DynamoDB refuses names and values the expressions do not use, so these are added only here.
    names['#moves'] = 'moves';
    values[':move'] = played;
    values[':noMoves'] = [];
    values[':count'] = move.count;
    // The move history grows in the same write as the heaps, so the two can never disagree.
    sets.push('#moves = list_append(if_not_exists(#moves, :noMoves), :move)');
    // Game.lastMove is read from the history (toGame), so the item holds each move once. Games stored
    // with a copy of it lose the copy here, at no cost: an UpdateItem is billed by the item's size.
    names['#lastMove'] = 'lastMove';
    parts.removes.push('#lastMove');
    // heap was checked to be a whole number from 1 to MAX_HEAPS, so it is safe inside the expression.
    conditions.push('#turn = :caller', `#heaps[${move.heap - 1}] >= :count`);
  }
  return updateRequest(current, parts);
}

/**
 * The clock's ending of a game: only while the game is still the version read and its deadline has
 * passed. A move racing it needs the same version, so exactly one of the two writes succeeds.
 */
export function timeOutUpdate(current: GameRecord, next: NimState, now: string): DynamoDBUpdateItemRequest {
  const parts = stateUpdate(current, next, now);
  parts.names['#turnDeadline'] = 'turnDeadline';
  parts.values[':now'] = now;
  // ISO 8601 in UTC with milliseconds on both sides, so the strings compare as the times do.
  parts.conditions.push('attribute_exists(#turnDeadline) AND #turnDeadline <= :now');
  return updateRequest(current, parts);
}

/**
 * A refused write, explained from the game as it is now. [U] The reference is unsure that AppSync
 * hands the current item to the response handler as `ctx.result` after a failed condition; the
 * safe reading of a null is "it changed": step 1 has just read the game and games are never deleted.
 */
export function explainRefusal(current: GameRecord | null, caller: string, move: Move | null): never {
  if (!current) return fail('GameChanged', 'The game changed while your request was being made; load it again and retry.');
  const state = stateOf(current);
  if (move) {
    const refusal = checkMove(state, caller, move);
    if (refusal) return fail(refusal.type, refusal.message);
  } else {
    if (current.player1 !== caller && current.player2 !== caller) return fail('NotAPlayer', 'You are not a player of this game.');
    if (current.status !== 'IN_PROGRESS') return fail('GameOver', 'This game is already over.');
  }
  return fail('GameChanged', 'The game changed while your request was being made; load it again and retry.');
}
