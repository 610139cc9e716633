import { test } from 'vitest';
import assert from 'node:assert/strict';
import { ITEM_TYPES, makeItem, propertiesFor } from './items.js';

test('each item type carries the property the seed gives it', () => {
  assert.deepEqual(propertiesFor('WEAPON', 3), { attack: 3 });
  assert.deepEqual(propertiesFor('ARMOR', 4), { defense: 4 });
  assert.deepEqual(propertiesFor('CLOTHING', 5), { charisma: 5 });
  assert.deepEqual(propertiesFor('POTION', 6), { healing: 6 });
});

test('makeItem maps every type roll to its type and keeps power within 1..10', () => {
  ITEM_TYPES.forEach((type, roll) => {
    const item = makeItem('id', roll, 7, '2024-01-01T00:00:00Z', 'FOUND');
    assert.equal(item.type, type);
    assert.deepEqual(Object.values(item.properties), [7]);
  });
  assert.deepEqual(Object.values(makeItem('id', 0, 0, 't', 'FOUND').properties), [1]);
  assert.deepEqual(Object.values(makeItem('id', 0, 99, 't', 'FOUND').properties), [10]);
  assert.equal(makeItem('id', 9, 5, 't', 'FOUND').type, 'POTION');
  assert.equal(makeItem('id', -2, 5, 't', 'FOUND').type, 'WEAPON');
});
