/**
 * Pipeline step after a game ended: the winner gets a random item and a won game, in one
 * atomic UpdateItem (ADD counters). Skipped while the game goes on. The game is already decided,
 * so a failure here is logged, not returned to the player.
 */
import { runtime, type Context } from '@aws-appsync/utils';
import { addToInventory, randomItem } from '../inventory.js';
import type { GameRecord } from '../records.js';
import { COMPUTER } from '../../../game/nim.js';

export function request(ctx: Context) {
  const game = ctx.stash.game as GameRecord;
  // skipTo NEXT, spelled out: the later steps (stats, notifications) must still run.
  if (game.status !== 'FINISHED' || !game.winner || game.winner === COMPUTER) return runtime.earlyReturn(null, { skipTo: 'NEXT' });
  return addToInventory(game.winner, randomItem('GAME_WON'), { gamesPlayed: 1, gamesWon: 1 });
}

export function response(ctx: Context) {
  if (ctx.error) console.error('could not reward the winner', ctx.error.type, ctx.error.message);
  return null;
}
