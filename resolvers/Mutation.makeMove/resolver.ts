/**
 * makeMove: read the game, check the move with the rules, write it with ONE conditional
 * UpdateItem (the game ends in that same write when the last object is taken), notify and schedule
 * the next turn's deadline, and, when the move ended the game, settle it on both players' records
 * (one write each: stats, prize, rating). The settlement comes last so that the other 99 moves of a
 * game skip all of its steps at once. Only the first write decides the move; the later steps never
 * undo or fail it.
 */
import type { Context } from '@aws-appsync/utils';
import type { Game, MutationMakeMoveArgs } from '../_generated/schema.js';
import { checkMoveShape } from '../../game/nim.js';
import { fail } from '../_lib/errors.js';
import { toGame } from '../_lib/games.js';
import { callerUsername } from '../_lib/identity.js';
import type { GameRecord } from '../_lib/records.js';

export function request(ctx: Context<MutationMakeMoveArgs>) {
  const caller = callerUsername(ctx.identity);
  const move = { heap: ctx.args.heap, count: ctx.args.count };
  const shape = checkMoveShape(move);
  if (shape) return fail(shape.type, shape.message);
  ctx.stash.caller = caller;
  ctx.stash.move = move;
  return {};
}

export function response(ctx: Context<MutationMakeMoveArgs>): Game {
  return toGame(ctx.stash.game as GameRecord);
}
