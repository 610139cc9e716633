/**
 * The players' side of a finished game: the winner's won game and prize, the loser's lost game. Each
 * is one conditional UpdateItem that also adds the game to the profile's creditedGames set, on
 * condition it is not there yet, so running it again never counts a game twice. That is what lets
 * these writes be retried: once later in the same request (the retry steps after notify), and again
 * by rateGame(gameId) whenever a player asks. A full inventory (MAX_ITEMS) turns the prize into a
 * forfeited one: the win still counts, the profile's prizesForfeited says so.
 * The game is already decided, so nothing here fails the request; every miss is logged.
 */
import { runtime, type Context } from '@aws-appsync/utils';
import { COMPUTER } from '../../../game/nim.js';
import { addToInventory, inventoryRefusal, randomItem } from '../inventory.js';
import type { GameRecord, PlayerRecord } from '../records.js';

export type Side = 'winner' | 'loser';

/** What the retry step of a side has to do, left in the stash by the first attempt. */
interface PendingCredit {
  prize: boolean;
}

function player(game: GameRecord | undefined, side: Side): string | null {
  if (!game || game.status !== 'FINISHED') return null;
  const name = side === 'winner' ? game.winner : game.loser;
  return name && name !== COMPUTER ? name : null;
}

function write(game: GameRecord, name: string, side: Side, prize: boolean) {
  if (side === 'loser') return addToInventory(name, null, { gamesPlayed: 1, gamesLost: 1 }, game.gameId);
  if (prize) return addToInventory(name, randomItem('GAME_WON'), { gamesPlayed: 1, gamesWon: 1 }, game.gameId);
  return addToInventory(name, null, { gamesPlayed: 1, gamesWon: 1, prizesForfeited: 1 }, game.gameId);
}

function pendingKey(side: Side): string {
  return side === 'winner' ? 'pendingWinnerCredit' : 'pendingLoserCredit';
}

export function creditRequest(ctx: Context, side: Side, retry: boolean) {
  const game = ctx.stash.game as GameRecord;
  const name = player(game, side);
  const pending = ctx.stash[pendingKey(side)] as PendingCredit | undefined;
  // skipTo NEXT, spelled out: the later steps (ratings, notifications) must still run.
  if (!name || (retry && !pending)) return runtime.earlyReturn(null, { skipTo: 'NEXT' });
  return write(game, name, side, retry ? (pending as PendingCredit).prize : side === 'winner');
}

export function creditResponse(ctx: Context, side: Side, retry: boolean) {
  const game = ctx.stash.game as GameRecord;
  const key = pendingKey(side);
  ctx.stash[key] = undefined;
  if (!ctx.error) {
    ctx.stash.creditApplied = true;
    return null;
  }
  const refusal = ctx.error.type === 'DynamoDB:ConditionalCheckFailedException' ? inventoryRefusal((ctx.result as PlayerRecord | null) ?? null, game.gameId) : 'OTHER';
  if (refusal === 'ALREADY_CREDITED') return null;
  if (refusal === 'NO_PROFILE') {
    console.error(`no profile to credit the ${side} of game ${game.gameId} to`);
    return null;
  }
  if (retry) {
    console.error(`could not credit the ${side} of game ${game.gameId} (${ctx.error.type}); rateGame(gameId) applies it later`);
    return null;
  }
  // The first attempt leaves the retry to the retry step; a full inventory is no failure: the win counts without its prize.
  if (refusal !== 'FULL') console.warn(`crediting the ${side} of game ${game.gameId} failed (${ctx.error.type}); retrying`);
  const pending: PendingCredit = { prize: side === 'winner' && refusal !== 'FULL' };
  ctx.stash[key] = pending;
  return null;
}
