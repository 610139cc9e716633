/** User.phoneNumber: only for the player themself (see _lib/privateField.ts). */
import type { Context } from '@aws-appsync/utils';
import { ownerOnly } from './_lib/privateField.js';

export function request(ctx: Context) {
  return ownerOnly(ctx, (ctx.source as { phoneNumber?: string } | undefined)?.phoneNumber);
}

export function response(ctx: Context): string | null {
  return (ctx.result as string | null) ?? null;
}
