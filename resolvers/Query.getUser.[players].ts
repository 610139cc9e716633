/** getUser: anyone may look at a player (profile, inventory, stats); email and phone stay private. */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { QueryGetUserArgs, User } from './_generated/schema.js';
import { fail } from './_lib/errors.js';
import { checkUsername } from './_lib/input.js';
import type { PlayerRecord } from './_lib/records.js';
import { toUser } from './_lib/users.js';

export function request(ctx: Context<QueryGetUserArgs>) {
  return get<PlayerRecord>({ key: { username: checkUsername(ctx.args.username, 'username') } });
}

export function response(ctx: Context<QueryGetUserArgs>): User {
  if (ctx.error) return fail('InternalFailure', 'Could not read the player; please try again.');
  const record = ctx.result as PlayerRecord | null;
  if (!record) return fail('UserNotFound', `There is no player named "${ctx.args.username}".`);
  return toUser(record);
}
