/** onInvite: new games inviting the caller; the filter keeps only games whose player2 is the caller. */
import { extensions, util, type Context } from '@aws-appsync/utils';
import { callerUsername } from './_lib/identity.js';

export function request(ctx: Context) {
  return { payload: callerUsername(ctx.identity) };
}

export function response(ctx: Context): null {
  const caller = ctx.result as string;
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ player2: { eq: caller } }));
  return null;
}
