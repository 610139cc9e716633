import { test } from 'vitest';
import assert from 'node:assert/strict';
import { sameItem, toPlainItem, toSdkItem, toSdkValue } from './attributes.js';
import { RequestError } from './request-error.js';

test('typed request values become SDK values: numbers as strings, base64 as bytes, NULL as true', () => {
  assert.deepEqual(toSdkValue({ N: 12.5 }, 'v'), { N: '12.5' });
  assert.deepEqual(toSdkValue({ N: '7' }, 'v'), { N: '7' });
  assert.deepEqual(toSdkValue({ NULL: null }, 'v'), { NULL: true });
  assert.deepEqual(toSdkValue({ NS: [1, '2'] }, 'v'), { NS: ['1', '2'] });
  const binary = toSdkValue({ B: Buffer.from([1, 2, 255]).toString('base64') }, 'v');
  assert.ok(binary.B instanceof Uint8Array);
  assert.deepEqual([...binary.B], [1, 2, 255]);
  // The same value written as DynamoDB's JSON protocol carries it: base64 text.
  assert.equal(JSON.stringify(binary), `{"B":"${Buffer.from([1, 2, 255]).toString('base64')}"}`);
  assert.deepEqual(toSdkValue({ M: { a: { L: [{ BOOL: false }] } } }, 'v'), { M: { a: { L: [{ BOOL: false }] } } });
});

test('bad typed values name where they are and what is wrong', () => {
  const cases: Array<[unknown, RegExp]> = [
    ['text', /item\.x is not a valid DynamoDB attribute value: expected an object/],
    [{ Q: 1 }, /expected exactly one of S, N, B/],
    [{ N: Number.NaN }, /finite/],
    [{ N: '' }, /N takes a number/],
    [{ SS: 'a' }, /SS takes an array/],
    [{ L: [{ S: 1 }] }, /item\.x\.L\[0\].*expected a string/],
    [{ BOOL: 'yes' }, /BOOL takes true or false/],
  ];
  for (const [value, message] of cases) {
    assert.throws(() => toSdkItem({ x: value }, 'item'), (error: unknown) => error instanceof RequestError && message.test(error.message));
  }
});

test('SDK items become AppSync plain JSON', () => {
  const plain = toPlainItem({
    n: { N: '3.25' },
    b: { B: new Uint8Array([104, 105]) },
    nothing: { NULL: true },
    ss: { SS: ['x'] },
    ns: { NS: ['1', '2'] },
    bs: { BS: [new Uint8Array([1])] },
    nested: { M: { l: { L: [{ N: '1' }, { S: 's' }] } } },
  });
  assert.deepEqual(plain, { n: 3.25, b: 'aGk=', nothing: null, ss: ['x'], ns: [1, 2], bs: ['AQ=='], nested: { l: [1, 's'] } });
});

test('sameItem ignores set order, number spelling and the ignored attributes, nothing else', () => {
  const base = { id: { S: 'a' }, ns: { NS: ['1', '2'] }, n: { N: '1.0' }, at: { S: 'now' } };
  assert.ok(sameItem(base, { at: { S: 'now' }, n: { N: '1' }, ns: { NS: ['2', '1'] }, id: { S: 'a' } }));
  assert.ok(!sameItem(base, { ...base, at: { S: 'later' } }));
  assert.ok(sameItem(base, { ...base, at: { S: 'later' } }, ['at']));
  assert.ok(!sameItem(base, { ...base, extra: { BOOL: true } }));
  assert.ok(!sameItem(base, { ...base, n: { S: '1' } }));
});
