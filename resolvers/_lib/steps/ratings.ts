/**
 * Pipeline steps after a game between two people ended: Elo ratings. readRatings reads both
 * players' points; rateWinner and rateLoser each make one conditional UpdateItem that ADDs the
 * change (so two games ending at once for one player both count) and adds the gameId to the
 * player's ratedGames set, on condition that the set does not hold it yet: a retried update never
 * counts a game twice. Games against the computer and games still going on are skipped.
 * A failure is logged; rateGame(gameId) applies whatever is missing later.
 */
import { runtime, util, type Context } from '@aws-appsync/utils';
import { batchGet } from '@aws-appsync/utils/dynamodb';
import { DEFAULT_RATING, rateGame } from '../../../game/ratings.js';
import type { GameRecord, PlayerRecord } from '../records.js';

/** What the two update steps apply: points won and lost. */
export interface RatingPlan {
  gameId: string;
  winner: string;
  loser: string;
  delta: number;
}

function ratedGame(game: GameRecord | undefined): boolean {
  return Boolean(game && game.status === 'FINISHED' && game.winner && game.loser && !game.computer);
}

export function readRatingsRequest(ctx: Context) {
  const game = ctx.stash.game as GameRecord;
  if (!ratedGame(game)) return runtime.earlyReturn(null, { skipTo: 'NEXT' });
  const keys = [{ username: game.winner as string }, { username: game.loser as string }];
  return batchGet({ tables: { [ctx.env.PLAYERS_TABLE]: { keys, consistentRead: true, projection: ['username', 'ratingPoints'] } } });
}

export function readRatingsResponse(ctx: Context) {
  if (ctx.error) {
    console.error('could not read the ratings; the game is unrated for now', ctx.error.type, ctx.error.message);
    return null;
  }
  const game = ctx.stash.game as GameRecord;
  const [winner, loser] = ctx.result.data[ctx.env.PLAYERS_TABLE] as Array<PlayerRecord | null>;
  if (!winner || !loser) return null;
  const change = rateGame(DEFAULT_RATING + (winner.ratingPoints ?? 0), DEFAULT_RATING + (loser.ratingPoints ?? 0));
  const plan: RatingPlan = { gameId: game.gameId, winner: winner.username, loser: loser.username, delta: change.delta };
  ctx.stash.ratingPlan = plan;
  return null;
}

function addPoints(username: string, points: number, gameId: string) {
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ username }),
    update: {
      expression: 'ADD #points :points, #rated :game SET #board = :board',
      expressionNames: { '#points': 'ratingPoints', '#rated': 'ratedGames', '#board': 'board' },
      expressionValues: { ...util.dynamodb.toMapValues({ ':points': points, ':board': 'ALL', ':gameId': gameId }), ':game': util.dynamodb.toStringSet([gameId]) },
    },
    condition: {
      expression: 'attribute_exists(#username) AND NOT contains(#rated, :gameId)',
      expressionNames: { '#username': 'username' },
    },
  };
}

export function rateRequest(ctx: Context, side: 'winner' | 'loser') {
  const plan = ctx.stash.ratingPlan as RatingPlan | undefined;
  if (!plan) return runtime.earlyReturn(null, { skipTo: 'NEXT' });
  return side === 'winner' ? addPoints(plan.winner, plan.delta, plan.gameId) : addPoints(plan.loser, 0 - plan.delta, plan.gameId);
}

export function rateResponse(ctx: Context) {
  if (ctx.error) {
    // Already counted for this player: exactly what makes a retry harmless.
    if (ctx.error.type !== 'DynamoDB:ConditionalCheckFailedException') console.error('could not update a rating', ctx.error.type, ctx.error.message);
    return null;
  }
  ctx.stash.ratingChanged = true;
  return null;
}
