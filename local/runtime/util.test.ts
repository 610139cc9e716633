import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { setHostCapabilities } from './capabilities.js';
import { nodeCapabilities } from './host-capabilities.js';
import { translateJavaRegex } from './java-regex.js';
import { util } from './util.js';

setHostCapabilities(nodeCapabilities);

describe('util identifiers', () => {
  test('autoId is a random UUID v4', () => {
    const id = util.autoId();
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(util.autoId(), id);
  });

  test('autoUlid is 26 Crockford base32 characters and sorts by time', () => {
    const first = util.autoUlid();
    assert.match(first, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.notEqual(util.autoUlid(), first);
  });

  test('autoKsuid is 27 base62 characters starting with the current timestamp', () => {
    const ksuid = util.autoKsuid();
    assert.match(ksuid, /^[0-9A-Za-z]{27}$/);
    assert.notEqual(util.autoKsuid(), ksuid);
    // Decode the leading 4-byte timestamp: it must be close to now.
    let value = 0n;
    for (const char of ksuid) value = value * 62n + BigInt('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'.indexOf(char));
    const seconds = Number(value >> 128n) + 1400000000;
    assert.ok(Math.abs(seconds - Date.now() / 1000) < 60);
  });
});

describe('util string helpers', () => {
  test('escapeJavaScript escapes quotes, slashes, control and non-ASCII characters', () => {
    assert.equal(util.escapeJavaScript(`He said "it's" a/b\\c\n\té`), 'He said \\"it\\\'s\\" a\\/b\\\\c\\n\\t\\u00E9');
  });

  test('urlEncode / urlDecode follow application/x-www-form-urlencoded', () => {
    assert.equal(util.urlEncode("a b&c=d/é!*'()~"), 'a+b%26c%3Dd%2F%C3%A9%21*%27%28%29%7E');
    assert.equal(util.urlDecode('a+b%26c%3Dd%2F%C3%A9'), 'a b&c=d/é');
    assert.throws(() => util.urlDecode('%E0%A4%A'), /not a valid url-encoded string/);
  });

  test('base64Encode / base64Decode round trip UTF-8 text and reject bad input', () => {
    assert.equal(util.base64Encode('héllo'), 'aMOpbGxv');
    assert.equal(util.base64Decode('aMOpbGxv'), 'héllo');
    assert.throws(() => util.base64Decode('not base64!'), /not valid base64/);
  });

  test('str.normalize applies the four Unicode forms', () => {
    assert.equal(util.str.normalize('e\u0301', 'nfc'), '\u00e9');
    assert.equal(util.str.normalize('\u00e9', 'nfd'), 'e\u0301');
    assert.equal(util.str.normalize('\ufb01', 'nfkc'), 'fi');
    assert.throws(() => util.str.normalize('x', 'abc'), /nfc, nfd, nfkc or nfkd/);
  });
});

describe('util.matches (Java regex, whole-input match)', () => {
  test('the whole input must match', () => {
    assert.equal(util.matches('a*b', 'aaaaab'), true);
    assert.equal(util.matches('a*b', 'xaaab'), false);
    assert.equal(util.matches('b', 'abc'), false);
    assert.equal(util.matches('a|b', 'b'), true);
  });

  test('Java-only syntax is translated', () => {
    assert.equal(util.matches('(?i)hello', 'HeLLo'), true);
    assert.equal(util.matches('\\p{Alpha}+\\p{Digit}', 'abc7'), true);
    assert.equal(util.matches('\\p{Upper}', 'a'), false);
    assert.equal(util.matches('\\Qa.b\\E', 'a.b'), true);
    assert.equal(util.matches('\\Qa.b\\E', 'axb'), false);
    assert.equal(util.matches('a++b', 'aab'), true);
    assert.equal(util.matches('(?>ab)c', 'abc'), true);
    assert.equal(util.matches('\\Aab\\z', 'ab'), true);
    assert.equal(util.matches('[\\p{Digit}x]+', '1x2'), true);
  });

  test('unsupported syntax and invalid patterns are clear errors', () => {
    assert.throws(() => translateJavaRegex('a(?i)b'), /inline flags/);
    assert.throws(() => translateJavaRegex('[a-z&&[^e]]'), /not supported/);
    assert.throws(() => util.matches('(', 'x'), /Invalid pattern "\("/);
  });
});

describe('util.math', () => {
  test('roundNum, minVal, maxVal', () => {
    assert.equal(util.math.roundNum(2.5), 3);
    assert.equal(util.math.roundNum(-2.5), -2);
    assert.equal(util.math.minVal(3, -1), -1);
    assert.equal(util.math.maxVal(3, -1), 3);
  });

  test('randomDouble is in [0, 1); randomWithinRange is an integer within both ends', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 500; i += 1) {
      const double = util.math.randomDouble();
      assert.ok(double >= 0 && double < 1);
      const value = util.math.randomWithinRange(1, 3);
      assert.ok(Number.isInteger(value) && value >= 1 && value <= 3);
      seen.add(value);
    }
    assert.deepEqual([...seen].sort(), [1, 2, 3]);
  });
});

describe('util.http, util.xml, util.rds', () => {
  test('http.copyHeaders drops exactly the documented restricted headers; response headers are not supported locally', () => {
    assert.deepEqual(util.http.copyHeaders({ 'x-custom': '1', authorization: 'secret', 'X-Amz-Date': 'd', Host: 'h', 'Proxy-Authorization': 'p', te: 't' }), {
      'x-custom': '1',
      authorization: 'secret',
      'X-Amz-Date': 'd',
    });
    assert.throws(() => util.http.addResponseHeader(), /util.http.addResponseHeader is not supported by the local engine/);
  });

  test('xml.toMap and xml.toJsonString follow the documented example', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?><posts><post><id>1</id><title>Getting started with GraphQL</title></post></posts>';
    assert.deepEqual(util.xml.toMap(xml), { posts: { post: { id: 1, title: 'Getting started with GraphQL' } } });
    assert.equal(util.xml.toJsonString('<a>x</a>'), '{"a":"x"}');
    assert.equal(util.xml.toJsonString('<a>x</a>', true), JSON.stringify('{"a":"x"}'));
  });

  test('rds.toJsonObject turns Data API records into row objects per statement; NULL columns are left out, as AWS recorded', () => {
    const result = {
      sqlStatementResults: [
        {
          records: [
            [{ stringValue: 'Mark Twain' }, { longValue: 1835 }],
            [{ stringValue: 'Jack London' }, { isNull: true }],
          ],
          columnMetadata: [{ name: 'author' }, { name: 'born', label: 'born' }],
        },
      ],
    };
    assert.deepEqual(util.rds.toJsonObject(JSON.stringify(result)), [
      [
        { author: 'Mark Twain', born: 1835 },
        { author: 'Jack London' },
      ],
    ]);
  });
});
