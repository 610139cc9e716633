import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { dynamodbUtil, isTypedSet } from './dynamodb-values.js';

describe('util.dynamodb', () => {
  test('toDynamoDB types every JSON value, lists as L, maps as M, numbers as strings', () => {
    assert.deepEqual(dynamodbUtil.toDynamoDB({ foo: 'bar', baz: 1234, beep: ['boop'], ok: true, none: null, skip: undefined }), {
      M: { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] }, ok: { BOOL: true }, none: { NULL: null } },
    });
    assert.deepEqual(dynamodbUtil.toDynamoDB(1.5), { N: 1.5 });
    assert.deepEqual(dynamodbUtil.toDynamoDB([1, [null]]), { L: [{ N: 1 }, { L: [{ NULL: null }] }] });
  });

  test('scalar converters, with null for null input', () => {
    assert.deepEqual(dynamodbUtil.toString('foo'), { S: 'foo' });
    assert.equal(dynamodbUtil.toString(null), null);
    assert.deepEqual(dynamodbUtil.toNumber(12345), { N: 12345 });
    assert.equal(dynamodbUtil.toNumber(undefined), null);
    assert.deepEqual(dynamodbUtil.toBinary('Zm9v'), { B: 'Zm9v' });
    assert.deepEqual(dynamodbUtil.toBoolean(false), { BOOL: false });
    assert.deepEqual(dynamodbUtil.toNull(), { NULL: null });
  });

  test('set converters', () => {
    assert.deepEqual(dynamodbUtil.toStringSet(['foo', 'bar']), { SS: ['foo', 'bar'] });
    assert.deepEqual(dynamodbUtil.toNumberSet([1, 23, 4.56]), { NS: [1, 23, 4.56] });
    assert.deepEqual(dynamodbUtil.toBinarySet(['Zm9v']), { BS: ['Zm9v'] });
    assert.equal(dynamodbUtil.toStringSet(null), null);
    assert.throws(() => dynamodbUtil.toStringSet('x' as never), /expects an array/);
  });

  test('a set built by a converter stays a set inside a map; a look-alike plain object does not', () => {
    const tags = dynamodbUtil.toStringSet(['a']);
    assert.equal(isTypedSet(tags), true);
    assert.deepEqual(dynamodbUtil.toMapValues({ tags, fake: { SS: ['a'] } }), {
      tags: { SS: ['a'] },
      fake: { M: { SS: { L: [{ S: 'a' }] } } },
    });
  });

  test('toList, toMap and toMapValues', () => {
    assert.deepEqual(dynamodbUtil.toList(['foo', 123, { bar: 'baz' }]), { L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }] });
    assert.equal(dynamodbUtil.toList('x'), null);
    assert.deepEqual(dynamodbUtil.toMap({ a: 1 }), { M: { a: { N: 1 } } });
    assert.deepEqual(dynamodbUtil.toMapValues({ a: 1 }), dynamodbUtil.toMap({ a: 1 })?.M);
  });

  test('S3 objects', () => {
    const s3 = dynamodbUtil.toS3Object('foo', 'bar', 'baz');
    assert.deepEqual(JSON.parse(s3.S), { s3: { key: 'foo', bucket: 'bar', region: 'baz' } });
    const versioned = dynamodbUtil.toS3Object('foo', 'bar', 'baz', 'beep');
    assert.deepEqual(dynamodbUtil.fromS3ObjectJson(versioned.S), { key: 'foo', bucket: 'bar', region: 'baz', version: 'beep' });
    assert.throws(() => dynamodbUtil.fromS3ObjectJson('{"x":1}'), /expects a string like/);
  });
});
