/**
 * Pipeline step before a notification: the phone numbers of the game's two players, read from their
 * profiles, so the notify function needs no access to the user pool (only sns:Publish).
 * A failed read only means no SMS; it never fails the game.
 */
import type { Context } from '@aws-appsync/utils';
import { batchGet } from '@aws-appsync/utils/dynamodb';
import type { GameRecord } from '../records.js';

export function request(ctx: Context) {
  const game = ctx.stash.game as GameRecord;
  const table = ctx.env.PLAYERS_TABLE;
  return batchGet({ tables: { [table]: { keys: [{ username: game.player1 }, { username: game.player2 }], projection: ['username', 'phoneNumber'] } } });
}

export function response(ctx: Context) {
  const phones: Record<string, string | null> = {};
  if (ctx.error) console.error('could not read the players contacts; notifications go without SMS', ctx.error.type, ctx.error.message);
  const found = (ctx.error ? [] : (ctx.result.data[ctx.env.PLAYERS_TABLE] ?? [])) as Array<{ username: string; phoneNumber?: string } | null>;
  found.forEach((player) => {
    if (player) phones[player.username] = player.phoneNumber ?? null;
  });
  ctx.stash.phones = phones;
  return null;
}
