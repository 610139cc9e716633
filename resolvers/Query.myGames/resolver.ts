/**
 * myGames: the caller's games, newest first. Two Query calls on key-only indexes (one per player
 * slot), merged, then the page's games read by key; never a Scan. The nextToken is the last gameId
 * shown, base64-encoded.
 */
import { util, type Context } from '@aws-appsync/utils';
import type { GameConnection, QueryMyGamesArgs } from '../_generated/schema.js';
import { fail } from '../_lib/errors.js';
import { toGame } from '../_lib/games.js';
import type { MyGamesQuery } from '../_lib/gameIndex.js';
import { callerUsername } from '../_lib/identity.js';
import type { Page } from '../_lib/pagination.js';
import type { GameRecord } from '../_lib/records.js';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 50;
// A ULID: 26 characters of Crockford base32.
const GAME_ID_PATTERN = '^[0-9A-HJKMNP-TV-Z]{26}$';
// The base64 form of one: checked before decoding, which would fail on other text.
const NEXT_TOKEN_PATTERN = '^[A-Za-z0-9+/]{35}=$';

export function request(ctx: Context<QueryMyGamesArgs>) {
  const caller = callerUsername(ctx.identity);
  const limit = ctx.args.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return fail('InvalidInput', `limit must be from 1 to ${MAX_LIMIT}.`);
  let below: string | null = null;
  if (ctx.args.nextToken) {
    if (!util.matches(NEXT_TOKEN_PATTERN, ctx.args.nextToken)) return fail('InvalidInput', 'nextToken is not one this API gave out.');
    below = util.base64Decode(ctx.args.nextToken);
    if (!util.matches(GAME_ID_PATTERN, below)) return fail('InvalidInput', 'nextToken is not one this API gave out.');
  }
  const query: MyGamesQuery = { caller, status: ctx.args.status ?? null, limit, below };
  ctx.stash.query = query;
  return {};
}

export function response(ctx: Context<QueryMyGamesArgs>): GameConnection {
  const page = ctx.stash.page as Page<{ gameId: string }>;
  const games = ctx.prev.result as GameRecord[];
  return {
    items: games.map((game) => toGame(game)),
    nextToken: page.cursor === null ? null : util.base64Encode(page.cursor),
  };
}
