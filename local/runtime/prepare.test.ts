import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { IMPORT_NAME, prepareModuleBody, TICK_NAME } from './prepare.js';

/** Runs a prepared module body with a fake import function and a counting tick. */
function evaluate(code: string, modules: Record<string, unknown> = {}): { exports: Record<string, unknown>; ticks: () => number } {
  let ticks = 0;
  const body = prepareModuleBody(code);
  const factory = new Function(TICK_NAME, IMPORT_NAME, `"use strict";\n${body}`) as (tick: () => void, load: (name: string) => unknown) => Record<string, unknown>;
  const exports = factory(
    () => {
      ticks += 1;
    },
    (name) => modules[name],
  );
  return { exports, ticks: () => ticks };
}

describe('prepareModuleBody', () => {
  test('returns only the request and response exports, under their exported names', () => {
    const { exports } = evaluate(`function before() { return 1; } function after() { return 2; } export const helper = 3; export { before as request, after as response };`);
    assert.deepEqual(Object.keys(exports).sort(), ['request', 'response']);
    assert.equal((exports.request as () => number)(), 1);
    assert.equal((exports.response as () => number)(), 2);
  });

  test('export declarations and default exports keep working as local code', () => {
    const { exports } = evaluate(`export const base = 40; export function request() { return base + 2; } export default function () { return 0; }`);
    assert.equal((exports.request as () => number)(), 42);
    assert.equal(exports.response, undefined);
  });

  test('imports become lookups on the provided modules: named, renamed, namespace and default', () => {
    const modules = { '@aws-appsync/utils': { util: { id: () => 'u' }, default: 'd' }, '@aws-appsync/utils/dynamodb': { get: () => 'g' } };
    const { exports } = evaluate(
      `import d, { util as u } from '@aws-appsync/utils'; import * as ddb from '@aws-appsync/utils/dynamodb';
       export function request() { return [d, u.id(), ddb.get()].join(','); }`,
      modules,
    );
    assert.equal((exports.request as () => string)(), 'd,u,g');
  });

  test('rejects other imports and re-exports with a clear message', () => {
    assert.throws(() => prepareModuleBody(`import x from 'lodash'; export function request() { return x; }`), /imports "lodash"/);
    assert.throws(() => prepareModuleBody(`export * from '@aws-appsync/utils';`), /export \* is not supported/);
    assert.throws(() => prepareModuleBody(`export { util } from '@aws-appsync/utils';`), /re-exports/);
    assert.throws(() => prepareModuleBody(`export function request( {`), SyntaxError);
  });

  test('every loop iteration and function call ticks, including brace-less bodies and arrow expressions', () => {
    const { exports, ticks } = evaluate(`
      export function request() {
        let total = 0;
        for (const n of [1, 2, 3]) total += n;
        let i = 0;
        while (i < 2) i += 1;
        const double = (x) => x * 2;
        const nested = (a) => (b) => ({ sum: a + b });
        return [total, i, double(4), nested(1)(2).sum];
      }`);
    assert.deepEqual((exports.request as () => unknown)(), [6, 2, 8, 3]);
    // request + 3 for-of + 2 while + double + nested outer + nested inner
    assert.equal(ticks(), 1 + 3 + 2 + 1 + 1 + 1);
  });
});
