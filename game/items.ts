/**
 * Random inventory items, as seed 000 makes them: a type, and one property from 1 to 10 that
 * depends on the type. Pure and inside the APPSYNC_JS subset: the caller supplies the random
 * rolls (resolvers use `util.math.randomWithinRange`), so this module never needs a random source.
 */

export type ItemType = 'WEAPON' | 'ARMOR' | 'CLOTHING' | 'POTION';

export const ITEM_TYPES: ItemType[] = ['WEAPON', 'ARMOR', 'CLOTHING', 'POTION'];
export const MIN_POWER = 1;
/**
 * The most items a player holds. Keeps a profile far below DynamoDB's 400 KB item limit (an item is
 * about 200 bytes); addItem answers InventoryFull beyond it, and a game won with a full inventory
 * counts as a win without its prize (the profile's prizesForfeited says how many).
 */
export const MAX_ITEMS = 100;
export const MAX_POWER = 10;

/** Why the player got an item: found with addItem, or won in a game. */
export type ItemSource = 'FOUND' | 'GAME_WON';

export interface ItemProperties {
  attack?: number;
  defense?: number;
  charisma?: number;
  healing?: number;
}

export interface InventoryItem {
  itemId: string;
  type: ItemType;
  properties: ItemProperties;
  acquiredAt: string;
  source: ItemSource;
}

/** Which property each type carries, as in the seed. */
export function propertiesFor(type: ItemType, power: number): ItemProperties {
  switch (type) {
    case 'WEAPON':
      return { attack: power };
    case 'ARMOR':
      return { defense: power };
    case 'CLOTHING':
      return { charisma: power };
    default:
      return { healing: power };
  }
}

/**
 * Builds an item from two rolls: `typeRoll` in 0..3 picks the type, `power` in 1..10 is its
 * property. Out-of-range rolls are clamped so a bad random source cannot produce a bad item.
 */
export function makeItem(itemId: string, typeRoll: number, power: number, acquiredAt: string, source: ItemSource): InventoryItem {
  const typeIndex = Math.min(ITEM_TYPES.length - 1, Math.max(0, Math.floor(typeRoll)));
  const clampedPower = Math.min(MAX_POWER, Math.max(MIN_POWER, Math.floor(power)));
  const type = ITEM_TYPES[typeIndex];
  return { itemId, type, properties: propertiesFor(type, clampedPower), acquiredAt, source };
}
