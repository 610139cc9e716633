import assert from 'node:assert/strict';
import { test } from 'vitest';
import { plainItem } from './data.js';

test('items read as plain JSON: numbers, sets, binary, nesting', () => {
  const item = plainItem({
    id: { S: 'b1' },
    count: { N: '42' },
    price: { N: '3.5' },
    huge: { N: '123456789012345678901234567890' },
    tags: { SS: ['a', 'b'] },
    scores: { NS: ['1', '2'] },
    blob: { B: Buffer.from('hi') },
    gone: { NULL: true },
    flag: { BOOL: false },
    nested: { M: { list: { L: [{ S: 'x' }, { N: '7' }] } } },
  });
  assert.deepEqual(item, {
    id: 'b1',
    count: 42,
    price: 3.5,
    // Beyond double precision a number stays exact as text.
    huge: '123456789012345678901234567890',
    tags: ['a', 'b'],
    scores: [1, 2],
    blob: Buffer.from('hi').toString('base64'),
    gone: null,
    flag: false,
    nested: { list: ['x', 7] },
  });
});
