/** Pipeline step after a game ended: the loser's stats, one atomic UpdateItem (ADD counters). */
import { runtime, type Context } from '@aws-appsync/utils';
import { addToInventory } from '../inventory.js';
import type { GameRecord } from '../records.js';
import { COMPUTER } from '../../../game/nim.js';

export function request(ctx: Context) {
  const game = ctx.stash.game as GameRecord;
  // skipTo NEXT, spelled out: the later steps (stats, notifications) must still run.
  if (game.status !== 'FINISHED' || !game.loser || game.loser === COMPUTER) return runtime.earlyReturn(null, { skipTo: 'NEXT' });
  return addToInventory(game.loser, null, { gamesPlayed: 1, gamesLost: 1 });
}

export function response(ctx: Context) {
  if (ctx.error) console.error("could not record the loser's stats", ctx.error.type, ctx.error.message);
  return null;
}
