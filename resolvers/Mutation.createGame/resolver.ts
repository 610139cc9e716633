/**
 * createGame: checks the rules, makes sure both players are registered, stores the game with one
 * conditional PutItem, then invites the opponent. The caller is always player1.
 */
import { util, type Context } from '@aws-appsync/utils';
import type { Game, MutationCreateGameArgs } from '../_generated/schema.js';
import { COMPUTER, newGame } from '../../game/nim.js';
import { fail } from '../_lib/errors.js';
import { callerUsername } from '../_lib/identity.js';
import { checkUsername } from '../_lib/input.js';
import { newGameRecord, toGame, withTurnLimit, withVisibility } from '../_lib/games.js';
import { turnSecondsProblem } from '../../game/deadlines.js';
import type { GameRecord } from '../_lib/records.js';

export function request(ctx: Context<MutationCreateGameArgs>) {
  const me = callerUsername(ctx.identity);
  const named = (ctx.args.opponent ?? '').trim();
  const computer = ctx.args.computer ?? null;
  if (computer && named !== '') return fail('InvalidGame', 'Play either a person (opponent) or the computer (computer), not both.');
  if (!computer && named === '') return fail('InvalidGame', 'Name the player you want to play against.');
  if (!computer) checkUsername(named, 'name', 'UserNotFound');
  // Against the computer the caller moves first: the computer only ever replies to a move.
  const game = computer ? newGame(me, COMPUTER, ctx.args.heaps, me) : newGame(me, named, ctx.args.heaps);
  if (!game.ok) return fail('InvalidGame', game.error.message);
  const turnSeconds = ctx.args.turnSeconds ?? null;
  const limitProblem = turnSeconds === null ? null : turnSecondsProblem(turnSeconds);
  if (limitProblem) return fail('InvalidInput', limitProblem);
  const nowMs = util.time.nowEpochMilliSeconds();
  // A ULID sorts by creation time, which is how myGames orders games.
  const record = newGameRecord(util.autoUlid(), game.value, util.time.epochMilliSecondsToISO8601(nowMs), computer);
  ctx.stash.game = withTurnLimit(withVisibility(record, ctx.args.visibility), turnSeconds, nowMs);
  return {};
}

export function response(ctx: Context<MutationCreateGameArgs>): Game {
  return toGame(ctx.stash.game as GameRecord);
}
