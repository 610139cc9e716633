import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { copyJson } from './json-copy.js';

describe('copyJson', () => {
  test('gives what a JSON round trip gives', () => {
    const input = {
      text: 'a',
      number: 1.5,
      flag: false,
      none: null,
      missing: undefined,
      fn: () => 1,
      list: [1, undefined, () => 2, Number.NaN, { nested: [Infinity] }],
      when: new Date(0),
      custom: { toJSON: (key: string) => `custom:${key}` },
    };
    assert.deepEqual(copyJson(input), JSON.parse(JSON.stringify(input)));
  });

  test("an array element's toJSON gets its index as text, as JSON.stringify passes it", () => {
    const seen: unknown[] = [];
    const element = { toJSON: (key: unknown) => (seen.push(key), key) };
    assert.deepEqual(copyJson([element, [element], { inner: element }]), ['0', ['0'], { inner: 'inner' }]);
    assert.deepEqual(seen, ['0', '0', 'inner']);
  });

  test('copies instead of sharing objects', () => {
    const input = { inner: { a: [1] } };
    const copy = copyJson(input) as typeof input;
    copy.inner.a.push(2);
    assert.deepEqual(input.inner.a, [1]);
  });

  test('top-level values without a JSON form give undefined', () => {
    assert.equal(copyJson(undefined), undefined);
    assert.equal(copyJson(() => 1), undefined);
  });

  test('circular values and BigInt are errors', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    assert.throws(() => copyJson(circular), /circular/);
    assert.throws(() => copyJson({ big: BigInt(1) }), /BigInt/);
  });

  test('objects of another realm come out as objects of this realm', () => {
    const foreign = vm.runInNewContext('({ list: [1, 2], map: { a: true } })') as unknown;
    const copy = copyJson(foreign) as { list: unknown; map: unknown };
    assert.equal(Object.getPrototypeOf(copy), Object.prototype);
    assert.ok(copy.list instanceof Array);
    assert.deepEqual(copy, { list: [1, 2], map: { a: true } });
  });
});
