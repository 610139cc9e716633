/**
 * Any JSON key, including every Object.prototype member name and `__proto__`, must pass through the
 * runtime exactly as plain JSON carries it: arguments, stash, source, results and DynamoDB values.
 * Regression for issue 9, item 3 (players named `constructor` could not create a game).
 */
import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toPlainItem, toSdkItem } from '../dynamodb/attributes.js';
import { copyJson } from './json-copy.js';
import { compileBundle } from './index.js';
import { bundleSnippet, defaultRunOptions, makeContext } from './testing.js';

const PROTOTYPE_NAMES = [...Object.getOwnPropertyNames(Object.prototype), 'toJSON', 'then', 'length', 'prototype', 'name', 'message'];

/** A JSON text, built by hand so the parsed object has exactly the keys generated, `__proto__` included. */
const jsonText = fc.letrec<{ value: string; object: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string().map((s) => JSON.stringify(s)),
    fc.integer().map(String),
    fc.boolean().map(String),
    fc.constant('null'),
    fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
    tie('object'),
  ),
  object: fc
    .uniqueArray(fc.tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.string()), tie('value')), { maxLength: 6, selector: ([key]) => key })
    .map((entries) => `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`),
})).object;

const echo = compileBundle(
  'Query.echo',
  bundleSnippet(`
    import { util } from '@aws-appsync/utils';
    export function request(ctx) {
      const copied = {};
      Object.keys(ctx.args).forEach((key) => { if (key !== '__proto__') copied[key] = ctx.args[key]; });
      ctx.stash.seen = ctx.stash.input;
      return {
        args: ctx.args,
        stash: ctx.stash.input,
        source: ctx.source,
        spread: { ...ctx.args },
        reparsed: JSON.parse(JSON.stringify(ctx.args)),
        entries: Object.fromEntries(Object.entries(ctx.args)),
        copied,
        map: util.dynamodb.toMapValues(ctx.args),
      };
    }`),
);

describe('JSON keys named like Object.prototype members', () => {
  test('resolver code can set them on its own objects, the stash and its errors', () => {
    const bundle = compileBundle(
      'Query.assign',
      bundleSnippet(`
        export function request(ctx) {
          const names = ctx.args.names;
          const own = {};
          names.forEach((name) => { own[name] = name; ctx.stash[name] = 1; });
          const error = new Error('x');
          error.name = 'Custom';
          return { own, stash: Object.keys(ctx.stash).length, errorName: error.name, inherited: typeof {}.hasOwnProperty };
        }`),
    );
    const names = Object.getOwnPropertyNames(Object.prototype).filter((name) => name !== '__proto__');
    const outcome = bundle.run('request', makeContext({ arguments: { names } }), defaultRunOptions);
    assert.equal(outcome.kind, 'return', JSON.stringify(outcome));
    const value = outcome.kind === 'return' ? (outcome.value as { own: Record<string, string>; stash: number; errorName: string; inherited: string }) : null;
    assert.deepEqual(Object.keys(value!.own).sort(), [...names].sort());
    assert.equal(value!.stash, names.length);
    assert.equal(value!.errorName, 'Custom');
    assert.equal(value!.inherited, 'function', 'the built-ins still work for every object');
  });

  test('the shared prototypes themselves stay unchanged', () => {
    const bundle = compileBundle('Query.poison', bundleSnippet(`export function request() { Object.prototype.toString = 1; return {}; }`));
    const outcome = bundle.run('request', makeContext(), defaultRunOptions);
    assert.equal(outcome.kind, 'crash');
    const check = compileBundle('Query.check', bundleSnippet(`export function request() { return { text: String({}) }; }`));
    const after = check.run('request', makeContext(), defaultRunOptions);
    assert.deepEqual(after.kind === 'return' && after.value, { text: '[object Object]' });
  });

  test('copyJson keeps an own __proto__ key as data', () => {
    const input = JSON.parse('{"__proto__":{"polluted":true},"constructor":1}') as Record<string, unknown>;
    const copy = copyJson(input) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(copy), Object.prototype);
    assert.equal(JSON.stringify(copy), JSON.stringify(input));
  });

  /** Whether `__proto__` is a key somewhere in the value (as a string value it is only data). */
  function hasProtoKey(value: unknown): boolean {
    if (Array.isArray(value)) return value.some(hasProtoKey);
    if (value === null || typeof value !== 'object') return false;
    return Object.keys(value).some((key) => key === '__proto__' || hasProtoKey((value as Record<string, unknown>)[key]));
  }

  test('property: every path gives what a JSON round trip gives', () => {
    fc.assert(
      fc.property(jsonText, jsonText, (argsText, stashText) => {
        const args = JSON.parse(argsText) as Record<string, unknown>;
        const expected = JSON.stringify(args);
        const outcome = echo.run('request', makeContext({ arguments: args, source: JSON.parse(argsText), stash: { input: JSON.parse(stashText) } }), defaultRunOptions);
        assert.equal(outcome.kind, 'return', JSON.stringify(outcome));
        const value = (outcome.kind === 'return' ? outcome.value : {}) as Record<string, unknown>;
        for (const path of ['args', 'source', 'spread', 'reparsed', 'entries']) assert.equal(JSON.stringify(value[path]), expected, path);
        assert.equal(JSON.stringify(value.stash), JSON.stringify(JSON.parse(stashText)));
        assert.equal(JSON.stringify(outcome.stash.seen), JSON.stringify(JSON.parse(stashText)), 'the stash crosses back');
        assert.equal(JSON.stringify(value.copied), JSON.stringify(Object.fromEntries(Object.entries(args).filter(([key]) => key !== '__proto__'))));
        // DynamoDB: typed values to the SDK's form and back, as an item read returns it. The SDK
        // loses `__proto__` keys, so the data source refuses them with a clear error instead.
        if (hasProtoKey(args)) assert.throws(() => toSdkItem(value.map, 'item'), /__proto__/);
        else assert.equal(JSON.stringify(toPlainItem(toSdkItem(value.map, 'item'))), expected, 'DynamoDB round trip');
      }),
      { numRuns: 300 },
    );
  });

  test('"__proto__" as a string value is data: the DynamoDB round trip keeps it', () => {
    const args = JSON.parse('{"constructor":["__proto__"]}') as Record<string, unknown>;
    const outcome = echo.run('request', makeContext({ arguments: args, source: args, stash: { input: {} } }), defaultRunOptions);
    assert.equal(outcome.kind, 'return', JSON.stringify(outcome));
    const value = (outcome.kind === 'return' ? outcome.value : {}) as Record<string, unknown>;
    assert.equal(JSON.stringify(toPlainItem(toSdkItem(value.map, 'item'))), JSON.stringify(args));
  });
});
