/**
 * The pipeline steps after a game ended (makeMove, resign, timeOutGame) and of its repair (rateGame):
 * readPlayers reads the human players' records (strongly consistent) and plans each one's settlement
 * (resolvers/_lib/settle.ts): the Elo change between two people, and which variant of the write each
 * record calls for. settleWinner and settleLoser each make that player's ONE conditional write. A
 * refused or failed write is retried once near the end of the request (retryWinner, retryLoser) with
 * the variant the record as handed back calls for; rateGame(gameId) applies whatever is still missing
 * later. The game is already decided, so nothing here fails a move; every miss is logged.
 * If the read itself fails, nothing is settled now: the Elo change needs both ratings, and settling
 * without it would mark the game settled with its rating missing. rateGame applies it all later.
 */
import { runtime, util, type Context } from '@aws-appsync/utils';
import { batchGet } from '@aws-appsync/utils/dynamodb';
import { COMPUTER } from '../../../game/nim.js';
import { DEFAULT_RATING, rateGame } from '../../../game/ratings.js';
import { fail } from '../errors.js';
import { inventoryFull, randomItem } from '../inventory.js';
import type { GameRecord, PlayerRecord } from '../records.js';
import { SETTLE_ATTRIBUTES, settleRefusal, settleState, settleVariant, settleWrite, settledWindow, type SettleState, type SettleVariant } from '../settle.js';

export type Side = 'winner' | 'loser';

/** One player's part, planned by readPlayers. */
interface SidePlan {
  username: string;
  state: SettleState;
  /** Elo points to add; null against the computer or when the other record is missing. */
  points: number | null;
  variant: SettleVariant;
}

export interface SettlePlan {
  gameId: string;
  window: number;
  winner: SidePlan | null;
  loser: SidePlan | null;
}

/** What the retry step of a side has to do, left in the stash by the first attempt. */
interface PendingSettle {
  variant: SettleVariant;
  prize: boolean;
}

function human(name: string | null): string | null {
  return name && name !== COMPUTER ? name : null;
}

/**
 * `nothingToSettle`: where a game that needs no settling goes on. NEXT where later steps must still run; END
 * where everything after this step is settlement (makeMove: most moves end no game, and skip it all at once).
 */
export function readPlayersRequest(ctx: Context, nothingToSettle: 'NEXT' | 'END' = 'NEXT') {
  const game = ctx.stash.game as GameRecord | undefined;
  if (!game || game.status !== 'FINISHED') return runtime.earlyReturn(null, { skipTo: nothingToSettle });
  const names = [human(game.winner), human(game.loser)].filter((name): name is string => name !== null);
  if (names.length === 0) return runtime.earlyReturn(null, { skipTo: nothingToSettle });
  const keys = names.map((username) => ({ username }));
  return batchGet({ tables: { [ctx.env.PLAYERS_TABLE]: { keys, consistentRead: true, projection: SETTLE_ATTRIBUTES } } });
}

function sidePlan(record: PlayerRecord | null, game: GameRecord, points: number | null, repair: boolean, window: number): SidePlan | null {
  if (!record) return null;
  const state = settleState(record, game.gameId, game.updatedAt);
  // A game that ended in this very request cannot have been forgotten; only its clock margin could say so.
  return { username: record.username, state: state === 'FORGOTTEN' && !repair ? 'PENDING' : state, points, variant: settleVariant(record, window) };
}

export function readPlayersResponse(ctx: Context) {
  const game = ctx.stash.game as GameRecord;
  const repair = ctx.stash.repair === true;
  if (ctx.error) {
    console.error(`could not read the players of game ${game.gameId}; rateGame(gameId) settles it later`, ctx.error.type, ctx.error.message);
    if (repair) return fail('InternalFailure', 'Could not read the players; please try again.');
    return null;
  }
  const found = ctx.result.data[ctx.env.PLAYERS_TABLE] as Array<PlayerRecord | null>;
  const byName = (name: string | null): PlayerRecord | null => (name ? (found.find((record) => record !== null && record.username === name) ?? null) : null);
  const winner = byName(human(game.winner));
  const loser = byName(human(game.loser));
  const delta = winner && loser && !game.computer ? rateGame(DEFAULT_RATING + (winner.ratingPoints ?? 0), DEFAULT_RATING + (loser.ratingPoints ?? 0)).delta : null;
  const window = settledWindow(ctx);
  const plan: SettlePlan = {
    gameId: game.gameId,
    window,
    winner: sidePlan(winner, game, delta, repair, window),
    loser: sidePlan(loser, game, delta === null ? null : 0 - delta, repair, window),
  };
  for (const side of [plan.winner, plan.loser]) {
    if (side && side.state === 'FORGOTTEN') {
      return fail(
        'GameTooOld',
        `This game ended before the oldest game ${side.username}'s record still remembers (${side.username} has settled many games since), so it can no longer be checked or repaired without risking counting it twice.`,
      );
    }
  }
  ctx.stash.settlePlan = plan;
  return null;
}

function pendingKey(side: Side): string {
  return side === 'winner' ? 'pendingWinnerSettle' : 'pendingLoserSettle';
}

export function settleRequest(ctx: Context, side: Side, retry: boolean) {
  const plan = ctx.stash.settlePlan as SettlePlan | undefined;
  const player = plan ? plan[side] : null;
  const pending = ctx.stash[pendingKey(side)] as PendingSettle | undefined;
  // skipTo NEXT, spelled out: the later steps (notifications, the deadline) must still run.
  if (!plan || !player || player.state !== 'PENDING' || (retry && !pending)) return runtime.earlyReturn(null, { skipTo: 'NEXT' });
  const prize = retry ? (pending as PendingSettle).prize : side === 'winner';
  return settleWrite({
    username: player.username,
    gameId: plan.gameId,
    side,
    prize: prize ? randomItem('GAME_WON') : null,
    points: player.points,
    variant: retry ? (pending as PendingSettle).variant : player.variant,
    window: plan.window,
    now: util.time.nowISO8601(),
  });
}

export function settleResponse(ctx: Context, side: Side, retry: boolean) {
  const plan = ctx.stash.settlePlan as SettlePlan;
  const key = pendingKey(side);
  ctx.stash[key] = undefined;
  if (!ctx.error) {
    ctx.stash.settleApplied = true;
    return null;
  }
  const current = ctx.error.type === 'DynamoDB:ConditionalCheckFailedException' ? ((ctx.result as PlayerRecord | null) ?? null) : null;
  const refusal = ctx.error.type === 'DynamoDB:ConditionalCheckFailedException' ? settleRefusal(current, plan.gameId) : 'RETRY';
  if (refusal === 'ALREADY_SETTLED') return null;
  if (refusal === 'NO_PROFILE') {
    console.error(`no profile to settle the ${side} of game ${plan.gameId} on`);
    return null;
  }
  if (retry) {
    console.error(`could not settle the ${side} of game ${plan.gameId} (${ctx.error.type}); rateGame(gameId) applies it later`);
    return null;
  }
  const player = plan[side] as SidePlan;
  // After a refusal, the record as handed back says what the retry writes: rotate a full set, forfeit the prize of a full inventory.
  const next: PendingSettle = current
    ? { variant: settleVariant(current, plan.window), prize: side === 'winner' && !inventoryFull(current) }
    : { variant: player.variant, prize: side === 'winner' };
  if (!current) console.warn(`settling the ${side} of game ${plan.gameId} failed (${ctx.error.type}); retrying`);
  ctx.stash[key] = next;
  return null;
}
