import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { chooseSubprotocol, decodeBase64Json, readHandshakeHeaders, toHeaderRecord } from './handshake.js';

const headers = { host: 'example.test', 'x-api-key': 'da2-abc?>>' };

describe('decodeBase64Json', () => {
  test('reads base64, base64url, unpadded, and base64 whose + became a space', () => {
    const json = JSON.stringify(headers);
    const standard = Buffer.from(json).toString('base64');
    assert.match(standard, /[+/]/);
    assert.deepEqual(decodeBase64Json(standard), headers);
    assert.deepEqual(decodeBase64Json(Buffer.from(json).toString('base64url')), headers);
    assert.deepEqual(decodeBase64Json(standard.replace(/=+$/, '')), headers);
    assert.deepEqual(decodeBase64Json(standard.replace(/\+/g, ' ')), headers);
  });

  test('returns undefined for text that is not base64 JSON', () => {
    assert.equal(decodeBase64Json('%%%'), undefined);
    assert.equal(decodeBase64Json(Buffer.from('not json').toString('base64')), undefined);
  });
});

describe('toHeaderRecord', () => {
  test('keeps strings, stringifies other values, drops nulls, refuses non-objects', () => {
    assert.deepEqual(toHeaderRecord({ a: 'x', b: 2, c: null }), { a: 'x', b: '2' });
    assert.equal(toHeaderRecord(['a']), null);
    assert.equal(toHeaderRecord('a'), null);
    assert.equal(toHeaderRecord(null), null);
  });
});

describe('readHandshakeHeaders', () => {
  const encoded = Buffer.from(JSON.stringify(headers)).toString('base64url');

  test('reads the header subprotocol', () => {
    assert.deepEqual(readHandshakeHeaders('/graphql/realtime', ['graphql-ws', `header-${encoded}`]), { ok: true, headers });
  });

  test('reads the header query parameter', () => {
    assert.deepEqual(readHandshakeHeaders(`/graphql?header=${encoded}&payload=e30=`, ['graphql-ws']), { ok: true, headers });
  });

  test('prefers the subprotocol when both are present', () => {
    const other = Buffer.from(JSON.stringify({ host: 'other' })).toString('base64url');
    assert.deepEqual(readHandshakeHeaders(`/graphql?header=${other}`, ['graphql-ws', `header-${encoded}`]), { ok: true, headers });
  });

  test('no headers at all yield an empty record', () => {
    assert.deepEqual(readHandshakeHeaders('/graphql/realtime', ['graphql-ws']), { ok: true, headers: {} });
    assert.deepEqual(readHandshakeHeaders(undefined, []), { ok: true, headers: {} });
  });

  test('undecodable headers are an error naming the transport', () => {
    const result = readHandshakeHeaders('/graphql?header=!!!', []);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.message, /header query parameter/);
  });
});

describe('chooseSubprotocol', () => {
  test('answers graphql-ws when offered, otherwise the first offer, otherwise none', () => {
    assert.equal(chooseSubprotocol(new Set(['header-abc', 'graphql-ws'])), 'graphql-ws');
    assert.equal(chooseSubprotocol(new Set(['mqtt', 'other'])), 'mqtt');
    assert.equal(chooseSubprotocol(new Set()), false);
  });
});
