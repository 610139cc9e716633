import { test } from 'vitest';
import assert from 'node:assert/strict';
import { JsonBytes } from './attributes.js';
import { decodeNextToken, encodeNextToken } from './next-token.js';
import { RequestError } from './request-error.js';

test('a LastEvaluatedKey survives the round trip, binary parts included', () => {
  const key = { pk: { S: 'a' }, sk: { N: '5' }, bin: { B: new Uint8Array([0, 1, 2]) } };
  const token = encodeNextToken(key);
  assert.equal(typeof token, 'string');
  const decoded = decodeNextToken(token)!;
  assert.deepEqual({ ...decoded, bin: undefined }, { ...key, bin: undefined });
  assert.deepEqual([...decoded.bin.B!], [0, 1, 2]);
  // Bytes that write themselves as base64 (as requests to an in-process store carry them) keep their marker too.
  const fromJson = { bin: { B: JsonBytes.fromBase64('AAEC') } };
  assert.deepEqual([...decodeNextToken(encodeNextToken(fromJson))!.bin.B!], [0, 1, 2]);
});

test('no more pages is a null token, and a missing token is no start key', () => {
  assert.equal(encodeNextToken(undefined), null);
  assert.equal(encodeNextToken({}), null);
  assert.equal(decodeNextToken(null), undefined);
  assert.equal(decodeNextToken(undefined), undefined);
});

test('tokens not made here are a ValidationException', () => {
  const foreign = [
    'garbage!!',
    '',
    Buffer.from('{"tag":"turnbase.dynamodb.v1","key":"[]"}').toString('base64'),
    Buffer.from('{"tag":"turnbase.dynamodb.v1","key":"{\\"pk\\":\\"a\\"}"}').toString('base64'),
    Buffer.from('{"key":"{}"}').toString('base64'),
    17,
  ];
  for (const token of foreign) {
    assert.throws(
      () => decodeNextToken(token),
      (error: unknown) => error instanceof RequestError && error.type === 'DynamoDB:ValidationException' && /nextToken/.test(error.message),
      `token ${JSON.stringify(token)}`,
    );
  }
});
