/**
 * The turn-timeout function, the target of each game's deadline schedule: asks the API to end the
 * game (timeOutGame, AWS_IAM), so the ending goes through the resolvers (one conditional write,
 * prize, stats, ratings, notifications) and reaches onMove subscribers like any move.
 *
 * Configuration: GRAPHQL_URL, AWS_REGION, and the credentials Lambda provides.
 * A refusal that means "nothing to do" (a move came first, the game is over) is logged and the
 * function succeeds; anything else throws, so the scheduler's retry policy tries again.
 */
import { TimeOutGameDocument } from '../../client/generated/graphql.js';
import type { TurnTimeoutEvent } from './protocol.js';
import { credentialsFromEnv, signedRequest } from './signed-request.js';

/** Refusals after which the game needs nothing more from this function. */
const SETTLED = new Set(['GameChanged', 'GameOver', 'GameNotFound']);

export async function handler(event: TurnTimeoutEvent): Promise<{ outcome: string }> {
  const url = process.env.GRAPHQL_URL;
  if (!url) throw new Error('GRAPHQL_URL is not set');
  const region = process.env.AWS_REGION ?? 'us-east-1';
  const { status, result } = await signedRequest(url, TimeOutGameDocument, { gameId: event.gameId, version: event.version }, { region, credentials: credentialsFromEnv() });
  const game = result.data?.timeOutGame;
  if (game) {
    console.log(`game ${event.gameId} timed out: ${game.winner} wins`);
    return { outcome: 'TIMED_OUT' };
  }
  const errorType = result.errors?.[0]?.errorType ?? `HTTP ${status}`;
  if (SETTLED.has(errorType)) {
    console.log(`game ${event.gameId} at version ${event.version} needs no timeout: ${errorType}`);
    return { outcome: errorType };
  }
  throw new Error(`timeOutGame ${event.gameId}: ${errorType}: ${result.errors?.map((e) => e.message).join('; ') ?? 'no answer'}`);
}
