/** me: the signed-in player's own profile (with email and phone). */
import type { Context } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { User } from './_generated/schema.js';
import { fail } from './_lib/errors.js';
import { callerUsername } from './_lib/identity.js';
import type { PlayerRecord } from './_lib/records.js';
import { toUser } from './_lib/users.js';

export function request(ctx: Context) {
  return get<PlayerRecord>({ key: { username: callerUsername(ctx.identity) } });
}

export function response(ctx: Context): User {
  if (ctx.error) return fail('InternalFailure', 'Could not read your profile; please try again.');
  const record = ctx.result as PlayerRecord | null;
  if (!record) return fail('UserNotFound', 'You have no player profile; register first.');
  return toUser(record);
}
