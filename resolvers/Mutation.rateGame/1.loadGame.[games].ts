/** The game to repair: a player of it may ask, once it is over (games against the computer too: their credit). */
import type { Context } from '@aws-appsync/utils';
import type { MutationRateGameArgs } from '../_generated/schema.js';
import { request as loadRequest, response as loadResponse } from '../_lib/steps/loadGame.js';
import { fail } from '../_lib/errors.js';

export function request(ctx: Context<MutationRateGameArgs>) {
  return loadRequest(ctx);
}

export function response(ctx: Context<MutationRateGameArgs>) {
  const game = loadResponse(ctx);
  const caller = ctx.stash.caller as string;
  if (game.player1 !== caller && game.player2 !== caller) return fail('NotAPlayer', 'Only the players of a game can have it rated.');
  if (game.status !== 'FINISHED') return fail('GameNotOver', 'This game is still being played; it is rated once it is over.');
  ctx.stash.game = game;
  return game;
}
