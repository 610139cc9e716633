/**
 * Elo ratings (pure, APPSYNC_JS subset). Every player starts at DEFAULT_RATING; after a game between
 * two people each rating moves by K times the difference between the result (1 win, 0 loss) and
 * the expected result 1 / (1 + 10^((opponent - own) / 400)). Ratings are whole numbers; the winner's
 * gain is rounded and the loser loses exactly that much, so rating points are conserved.
 */

export const DEFAULT_RATING = 1200;
export const K_FACTOR = 32;

/** The probability that a player rated `own` beats one rated `opponent`. */
export function expectedScore(own: number, opponent: number): number {
  return 1 / (1 + Math.pow(10, (opponent - own) / 400));
}

export interface RatingChange {
  winner: number;
  loser: number;
  /** Points the winner gained and the loser lost. */
  delta: number;
}

/** The new ratings of the winner and the loser of one game. */
export function rateGame(winnerRating: number, loserRating: number): RatingChange {
  const delta = Math.round(K_FACTOR * (1 - expectedScore(winnerRating, loserRating)));
  return { winner: winnerRating + delta, loser: loserRating - delta, delta };
}
