import { test } from 'vitest';
import assert from 'node:assert/strict';
import { mergeNewestFirst, type Page } from './pagination.js';

const games = (...ids: string[]) => ids.map((gameId) => ({ gameId }));

test('merges two newest-first lists into one, newest first', () => {
  const page = mergeNewestFirst({ items: games('09', '05', '02'), more: false }, { items: games('08', '07', '01'), more: false }, 10);
  assert.deepEqual(page.items.map((g) => g.gameId), ['09', '08', '07', '05', '02', '01']);
  assert.equal(page.cursor, null);
});

test('stops at the limit and points the next page below the last game shown', () => {
  const page = mergeNewestFirst({ items: games('09', '05', '02'), more: false }, { items: games('08', '07', '01'), more: false }, 3);
  assert.deepEqual(page.items.map((g) => g.gameId), ['09', '08', '07']);
  assert.equal(page.cursor, '07');
});

test('a full page whose indexes hold more gets a cursor; a short page does not', () => {
  assert.equal(mergeNewestFirst({ items: games('09', '05'), more: true }, { items: [], more: false }, 2).cursor, '05');
  assert.equal(mergeNewestFirst({ items: games('09'), more: false }, { items: games('04'), more: false }, 2).cursor, null);
  assert.equal(mergeNewestFirst({ items: [], more: false }, { items: [], more: false }, 5).cursor, null);
});

test('paging through with the cursor visits every game once, in order', () => {
  const all = ['10', '09', '08', '07', '06', '05', '04', '03', '02', '01'];
  const asPlayer1 = new Set(['10', '07', '06', '02']);
  const slice = (ids: string[], below: string | null, limit: number) => {
    const older = ids.filter((id) => below === null || id < below);
    return { items: games(...older.slice(0, limit)), more: older.length > limit };
  };
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let pageNumber = 0; pageNumber < 10; pageNumber += 1) {
    const page: Page<{ gameId: string }> = mergeNewestFirst(slice(all.filter((id) => asPlayer1.has(id)), cursor, 3), slice(all.filter((id) => !asPlayer1.has(id)), cursor, 3), 3);
    seen.push(...page.items.map((g) => g.gameId));
    cursor = page.cursor;
    if (cursor === null) break;
  }
  assert.deepEqual(seen, all);
});
