/** addItem: a random item (seed 000) for the caller's own inventory. */
import type { Context } from '@aws-appsync/utils';
import type { Item } from './_generated/schema.js';
import { fail } from './_lib/errors.js';
import { callerUsername } from './_lib/identity.js';
import { addToInventory, randomItem } from './_lib/inventory.js';
import type { InventoryItem } from '../game/items.js';

export function request(ctx: Context) {
  const item = randomItem('FOUND');
  ctx.stash.item = item;
  return addToInventory(callerUsername(ctx.identity), item, {});
}

export function response(ctx: Context): Item {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') return fail('UserNotFound', 'You have no player profile; register first.');
    return fail('InternalFailure', 'Could not add the item; please try again.');
  }
  return ctx.stash.item as InventoryItem;
}
