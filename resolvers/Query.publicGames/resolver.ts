/**
 * publicGames: live public games for spectators, newest first. A Query on the key-only, sparse
 * byPublicStatus index (never a Scan), then the page's games read by key. nextToken is the
 * index Query's own token, passed through.
 */
import type { Context } from '@aws-appsync/utils';
import type { GameConnection, QueryPublicGamesArgs } from '../_generated/schema.js';
import { fail } from '../_lib/errors.js';
import { toGame } from '../_lib/games.js';
import { callerUsername } from '../_lib/identity.js';
import type { GameRecord } from '../_lib/records.js';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 50;

export function request(ctx: Context<QueryPublicGamesArgs>) {
  callerUsername(ctx.identity);
  const limit = ctx.args.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return fail('InvalidInput', `limit must be from 1 to ${MAX_LIMIT}.`);
  ctx.stash.limit = limit;
  return {};
}

export function response(ctx: Context<QueryPublicGamesArgs>): GameConnection {
  const games = ctx.prev.result as GameRecord[];
  return { items: games.map((game) => toGame(game)), nextToken: (ctx.stash.nextToken as string | null) ?? null };
}
