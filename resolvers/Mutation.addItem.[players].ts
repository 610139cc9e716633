/** addItem: a random item (seed 000) for the caller's own inventory, up to MAX_ITEMS (then InventoryFull). */
import type { Context } from '@aws-appsync/utils';
import type { Item } from './_generated/schema.js';
import { fail } from './_lib/errors.js';
import { callerUsername } from './_lib/identity.js';
import { addToInventory, inventoryRefusal, randomItem } from './_lib/inventory.js';
import type { PlayerRecord } from './_lib/records.js';
import { MAX_ITEMS, type InventoryItem } from '../game/items.js';

export function request(ctx: Context) {
  const item = randomItem('FOUND');
  ctx.stash.item = item;
  return addToInventory(callerUsername(ctx.identity), item, {});
}

export function response(ctx: Context): Item {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
      if (inventoryRefusal((ctx.result as PlayerRecord | null) ?? null) === 'FULL') {
        return fail('InventoryFull', `Your inventory already holds the most items a player can have (${MAX_ITEMS}).`);
      }
      return fail('UserNotFound', 'You have no player profile; register first.');
    }
    return fail('InternalFailure', 'Could not add the item; please try again.');
  }
  return ctx.stash.item as InventoryItem;
}
