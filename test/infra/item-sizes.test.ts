/**
 * Item sizes by DynamoDB's rules (infra/item-size.ts): the weighing itself, and the documented bound
 * of a player record (resolvers/_lib/records.ts), weighed on the largest record the API can write.
 */
import assert from 'node:assert/strict';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, test } from 'vitest';
import { MAX_ITEMS, makeItem } from '../../game/items.js';
import { itemSize, valueSize, writeUnits } from '../../infra/item-size.js';
import { PLAYER_RECORD_MAX_BYTES, SETTLED_WINDOW, type PlayerRecord } from '../../resolvers/_lib/records.js';

const TIME = '2026-12-02T13:19:08.295Z';

function gameId(n: number): string {
  return `01M8VEHCMV84T9JYWS2RQ${String(n).padStart(5, '0')}`;
}

describe('item sizes', () => {
  test('the weighing follows the developer guide', () => {
    assert.equal(itemSize({ name: { S: 'héllo' } }), 4 + 6);
    assert.equal(valueSize({ N: '123' }), 3);
    assert.equal(valueSize({ N: '-0.00120' }), 2);
    assert.equal(valueSize({ NULL: true }), 1);
    assert.equal(valueSize({ L: [{ N: '1' }, { S: 'ab' }] }), 3 + (1 + 2) + (1 + 2));
    assert.equal(valueSize({ M: { a: { S: 'xyz' } } }), 3 + 1 + 1 + 3);
    assert.equal(valueSize({ SS: ['ab', 'cde'] }), 5);
    assert.equal(writeUnits(1024, 10), 1);
    assert.equal(writeUnits(1000, 1025), 2);
  });

  test(`the largest player record the API can write weighs at most ${PLAYER_RECORD_MAX_BYTES} bytes`, () => {
    // Every field at its longest: registration's limits (functions/auth/validate.ts), four-byte characters in the email, a full inventory, two full settled sets.
    const record: Omit<PlayerRecord, 'settled' | 'settledPrevious'> & { settled: Set<string>; settledPrevious: Set<string> } = {
      username: 'u'.repeat(32),
      height: 1000,
      weight: 10000,
      email: '\u{1F600}'.repeat(254),
      phoneNumber: '+999999999999999',
      createdAt: TIME,
      items: Array.from({ length: MAX_ITEMS }, (_, i) => makeItem(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, 2, 10, TIME, 'GAME_WON')),
      gamesPlayed: 123456789012,
      gamesWon: 123456789012,
      gamesLost: 123456789012,
      prizesForfeited: 123456789012,
      ratingPoints: -123456,
      board: 'ALL',
      settled: new Set(Array.from({ length: SETTLED_WINDOW }, (_, i) => gameId(i))),
      settledPrevious: new Set(Array.from({ length: SETTLED_WINDOW }, (_, i) => gameId(SETTLED_WINDOW + i))),
      settledCount: SETTLED_WINDOW,
      settledSince: TIME,
      forgottenBefore: TIME,
    };
    const bytes = itemSize(marshall(record));
    assert.ok(bytes <= PLAYER_RECORD_MAX_BYTES, `${bytes} bytes`);
    // The bound is meant to be tight enough to mean something.
    assert.ok(bytes > PLAYER_RECORD_MAX_BYTES * 0.9, `${bytes} bytes`);
  });
});
