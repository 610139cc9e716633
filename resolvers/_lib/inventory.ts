/** Adding an item to a player's inventory: one conditional UpdateItem on the profile. */
import { util, type DynamoDBUpdateItemRequest } from '@aws-appsync/utils';
import { makeItem, type InventoryItem, type ItemSource } from '../../game/items.js';

/** A random item as in seed 000 (random type, property 1 to 10). */
export function randomItem(source: ItemSource): InventoryItem {
  // randomWithinRange includes both ends; makeItem clamps anyway.
  const typeRoll = util.math.randomWithinRange(0, 3);
  const power = util.math.randomWithinRange(1, 10);
  return makeItem(util.autoId(), typeRoll, power, util.time.nowISO8601(), source);
}

/**
 * Appends `item` to the inventory and applies `counters` (e.g. gamesWon: 1) in the same write.
 * The condition refuses players without a profile, so no stray profile is ever created.
 */
export function addToInventory(username: string, item: InventoryItem | null, counters: Record<string, number>): DynamoDBUpdateItemRequest {
  const names: Record<string, string> = { '#username': 'username' };
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  if (item) {
    names['#items'] = 'items';
    values[':newItems'] = [item];
    values[':noItems'] = [];
    sets.push('#items = list_append(if_not_exists(#items, :noItems), :newItems)');
  }
  const adds = Object.keys(counters).map((counter) => {
    names[`#${counter}`] = counter;
    values[`:${counter}`] = counters[counter];
    return `#${counter} :${counter}`;
  });
  const clauses = [sets.length > 0 ? `SET ${sets.join(', ')}` : '', adds.length > 0 ? `ADD ${adds.join(', ')}` : ''];
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues({ username }),
    update: {
      expression: clauses.filter((clause) => clause !== '').join(' '),
      expressionNames: names,
      expressionValues: util.dynamodb.toMapValues(values),
    },
    condition: { expression: 'attribute_exists(#username)' },
  };
}
