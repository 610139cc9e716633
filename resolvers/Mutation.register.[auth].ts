/** register: the auth function creates the Cognito user and the player's profile (or neither). */
import type { Context } from '@aws-appsync/utils';
import type { MutationRegisterArgs, User } from './_generated/schema.js';
import { authData, invokeAuth } from './_lib/auth.js';
import type { PlayerRecord } from './_lib/records.js';
import { toUser } from './_lib/users.js';

export function request(ctx: Context<MutationRegisterArgs>) {
  const input = ctx.args.input;
  return invokeAuth({
    action: 'register',
    arguments: {
      username: input.username,
      password: input.password,
      email: input.email,
      phoneNumber: input.phoneNumber,
      height: input.height,
      weight: input.weight,
    },
  });
}

export function response(ctx: Context<MutationRegisterArgs>): User {
  return toUser(authData<PlayerRecord>(ctx));
}
