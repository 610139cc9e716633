/**
 * createGame: checks the rules, makes sure both players are registered, stores the game with one
 * conditional PutItem, then invites the opponent. The caller is always player1.
 */
import { util, type Context } from '@aws-appsync/utils';
import type { Game, MutationCreateGameArgs } from '../_generated/schema.js';
import { newGame } from '../../game/nim.js';
import { fail } from '../_lib/errors.js';
import { callerUsername } from '../_lib/identity.js';
import { newGameRecord, toGame } from '../_lib/games.js';
import type { GameRecord } from '../_lib/records.js';

export function request(ctx: Context<MutationCreateGameArgs>) {
  const me = callerUsername(ctx.identity);
  const opponent = ctx.args.opponent.trim();
  if (opponent === '') return fail('InvalidGame', 'Name the player you want to play against.');
  const game = newGame(me, opponent, ctx.args.heaps);
  if (!game.ok) return fail('InvalidGame', game.error.message);
  // A ULID sorts by creation time, which is how myGames orders games.
  ctx.stash.game = newGameRecord(util.autoUlid(), game.value, util.time.nowISO8601());
  return {};
}

export function response(ctx: Context<MutationCreateGameArgs>): Game {
  return toGame(ctx.stash.game as GameRecord);
}
