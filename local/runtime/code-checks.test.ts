import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { MAX_CODE_LENGTH, checkCode, refuseUnsupportedCode } from './code-checks.js';

const ok = `import { util } from '@aws-appsync/utils';
export function request(ctx) {
  for (const x of [1, 2]) { if (x > 1) break; }
  for (const k in ctx.args) { ctx.stash[k] = typeof k; }
  let n = 0;
  n += 1;
  return { a: ctx.args?.a ?? n, b: Object.hasOwn(ctx.args, 'b'), c: 5 & 3, d: void 0, e: [...[1]] };
}
export function response(ctx) { return ctx.result; }
`;

describe('checkCode: what AppSync refuses when a resolver is created', () => {
  test('supported code passes', () => {
    assert.deepEqual(checkCode(ok), []);
  });

  test('each unsupported statement and operator is reported with line, column and span', () => {
    const cases: Array<[string, RegExp]> = [
      ['let i = 0; i++;', /unary operator \+\+/],
      ['let i = 0; --i;', /unary operator --/],
      ['const x = ~1;', /unary operator ~/],
      ["const x = 'a' in {};", /the in operator/],
      ['try { f(); } catch (e) { g(); }', /try\/catch/],
      ["throw new Error('x');", /throw statements/],
      ['while (false) { f(); }', /while statements/],
      ['do { f(); } while (false);', /do-while/],
      ['for (let i = 0; i < 1; i = i + 1) { f(); }', /for\(initialization/],
      ['for (const x of [1]) { continue; }', /continue statements/],
      ['outer: for (const x of [1]) { break outer; }', /labeled statements/],
    ];
    for (const [body, message] of cases) {
      const errors = checkCode(`export function request(ctx) {\n  ${body}\n}`);
      assert.equal(errors.length >= 1, true, body);
      assert.equal(errors[0].errorType, 'LINT_ERROR');
      assert.match(errors[0].value, message, body);
      assert.equal(errors[0].location.line, 2, body);
      assert.ok(errors[0].location.column >= 3 && errors[0].location.span > 0, body);
    }
  });

  test('a parse error is a PARSER_ERROR at its position', () => {
    const [error] = checkCode('export function request(ctx) {\n  return "unterminated;\n}');
    assert.equal(error.errorType, 'PARSER_ERROR');
    assert.match(error.value, /^Parsing error: Unterminated string constant/);
    assert.deepEqual([error.location.line, error.location.column], [2, 10]);
  });

  test('code over 32768 characters is refused, code at the limit is not', () => {
    const padded = (length: number) => `export function request(ctx) { return 1; }\n//${'x'.repeat(length - 45)}`;
    assert.equal(padded(MAX_CODE_LENGTH).length, MAX_CODE_LENGTH);
    assert.deepEqual(checkCode(padded(MAX_CODE_LENGTH)), []);
    assert.match(checkCode(padded(MAX_CODE_LENGTH + 1))[0].value, /at most 32768/);
  });

  test('refuseUnsupportedCode names every bad file as file:line:column', () => {
    assert.doesNotThrow(() => refuseUnsupportedCode([{ path: 'a.js', code: ok }]));
    assert.throws(
      () => refuseUnsupportedCode([{ path: 'good.js', code: ok }, { path: 'bad.js', code: 'export function request() {\n  throw 1;\n}' }]),
      /AppSync would refuse[\s\S]*\nbad\.js:2:3: throw statements are not supported$/,
    );
  });
});
