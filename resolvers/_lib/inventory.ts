/** Adding an item to a player's inventory: one conditional UpdateItem on the profile. */
import { util, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import { MAX_ITEMS, makeItem, type InventoryItem, type ItemSource } from '../../game/items.js';
import type { PlayerRecord } from './records.js';

/** A random item as in seed 000 (random type, property 1 to 10). */
export function randomItem(source: ItemSource): InventoryItem {
  // randomWithinRange includes both ends; makeItem clamps anyway.
  const typeRoll = util.math.randomWithinRange(0, 3);
  const power = util.math.randomWithinRange(1, 10);
  return makeItem(util.autoId(), typeRoll, power, util.time.nowISO8601(), source);
}

/** What a conditional inventory write was refused for, read from the profile as it is now. */
export type InventoryRefusal = 'NO_PROFILE' | 'FULL' | 'OTHER';

/**
 * Appends `item` to the inventory and applies `counters` (e.g. gamesWon: 1) in the same write.
 * The condition refuses players without a profile, so no stray profile is ever created, and an
 * inventory already holding MAX_ITEMS. (A finished game's prize goes in with the game's settle write, settle.ts.)
 */
export function addToInventory(username: string, item: InventoryItem | null, counters: Record<string, number>): DynamoDBUpdateItemRequest {
  const names: Record<string, string> = { '#username': 'username' };
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  const conditions = ['attribute_exists(#username)'];
  if (item) {
    names['#items'] = 'items';
    values[':newItems'] = [item];
    values[':noItems'] = [];
    values[':maxItems'] = MAX_ITEMS;
    sets.push('#items = list_append(if_not_exists(#items, :noItems), :newItems)');
    conditions.push('(attribute_not_exists(#items) OR size(#items) < :maxItems)');
  }
  const adds = Object.keys(counters).map((counter) => {
    names[`#${counter}`] = counter;
    values[`:${counter}`] = counters[counter];
    return `#${counter} :${counter}`;
  });
  const mapped: Record<string, unknown> = util.dynamodb.toMapValues(values);
  const clauses = [sets.length > 0 ? `SET ${sets.join(', ')}` : '', adds.length > 0 ? `ADD ${adds.join(', ')}` : ''];
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ username }),
    update: {
      expression: clauses.filter((clause) => clause !== '').join(' '),
      expressionNames: names,
      expressionValues: mapped,
    },
    condition: { expression: conditions.join(' AND ') },
  };
}

/** Whether the profile's inventory holds MAX_ITEMS already. */
export function inventoryFull(current: PlayerRecord): boolean {
  return (current.items ?? []).length >= MAX_ITEMS;
}

/** Why a write of addToInventory was refused, from `current` (the profile AppSync hands back after a failed condition). */
export function inventoryRefusal(current: PlayerRecord | null): InventoryRefusal {
  if (!current) return 'NO_PROFILE';
  if (inventoryFull(current)) return 'FULL';
  return 'OTHER';
}
