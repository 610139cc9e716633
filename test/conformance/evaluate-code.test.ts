/** The EvaluateCode endpoint itself, through the real @aws-sdk/client-appsync client. */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { EvaluateCodeCommand } from '@aws-sdk/client-appsync';
import { startHarness, type EvaluateCodeHarness } from './harness.js';

let harness: EvaluateCodeHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

const run = (code: string, context: Record<string, unknown> = {}, fn: 'request' | 'response' = 'request') => harness.evaluate({ code, context, function: fn });

describe('EvaluateCode on the local engine', () => {
  test('returns the handler value as JSON text, with the logs', async () => {
    const output = await run(
      `import { util } from '@aws-appsync/utils';
       export function request(ctx) { console.log('id is', ctx.args.id); ctx.stash.seen = true; return { id: ctx.args.id, n: util.dynamodb.toDynamoDB(2) }; }
       export function response(ctx) { return ctx.result.items; }`,
      { arguments: { id: 'a1' } },
    );
    assert.equal(output.error, undefined);
    assert.equal(output.evaluationResult, JSON.stringify({ id: 'a1', n: { N: 2 } }));
    assert.deepEqual(output.logs, ['id is a1']);
    assert.deepEqual(JSON.parse(output.stash ?? 'null'), { seen: true });
  });

  test('runs the response function on ctx.result', async () => {
    const output = await run('export function request() { return {}; }\nexport function response(ctx) { return ctx.result.items.length; }', { result: { items: [1, 2, 3] } }, 'response');
    assert.equal(output.evaluationResult, '3');
  });

  test('util.error and a thrown library error come back as error.message', async () => {
    const failed = await run(`import { util } from '@aws-appsync/utils';\nexport function request() { util.error('nope', 'Custom'); }\nexport function response() {}`);
    assert.equal(failed.error?.message, 'nope');
    assert.equal(failed.evaluationResult, undefined);
    const thrown = await run(`import * as rds from '@aws-appsync/utils/rds';\nexport function request() { return rds.createPgStatement(); }\nexport function response() {}`);
    assert.equal(thrown.error?.message, 'code.js:2:40: An argument is expected to be passed to createPgStatement');
  });

  test("an uncaught exception carries AWS's code.js:LINE:COLUMN: prefix, placed in the code as written", async () => {
    // The runtime inserts time checks into every function body; positions still refer to the original text.
    const code = 'export function request(ctx) {\n  const pick = (o) => o.inner.value;\n  return [1].map(() => pick(ctx.args));\n}\nexport function response() {}';
    const output = await run(code, { arguments: {} });
    assert.equal(output.evaluationResult, undefined);
    assert.equal(output.error?.message, "code.js:2:31: Cannot read properties of undefined (reading 'value')");
    assert.equal(output.error?.codeErrors, undefined);
    const atLoad = await run('const settings = null;\nconst level = settings.level;\nexport function request() { return level; }\nexport function response() {}');
    assert.equal(atLoad.error?.message, "code.js:2:24: Cannot read properties of null (reading 'level')");
  });

  test('code AppSync refuses is reported as codeErrors with line and column, and is not run', async () => {
    const output = await run('export function request(ctx) {\n  let i = 0;\n  i++;\n  return i;\n}\nexport function response() {}');
    assert.equal(output.evaluationResult, undefined);
    assert.deepEqual(output.error?.codeErrors, [{ errorType: 'LINT_ERROR', value: 'the unary operator ++ is not supported', location: { line: 3, column: 3, span: 3 } }]);
    assert.match(output.error?.message ?? '', /^code\.js:3:3: /);
  });

  test('a request without the APPSYNC_JS runtime or with a bad context is a BadRequestException', async () => {
    await assert.rejects(
      harness.client.send(new EvaluateCodeCommand({ code: 'export function request() {}', context: '{}', function: 'request', runtime: { name: 'JS' as never, runtimeVersion: '1.0.0' } })),
      (error: Error) => error.name === 'BadRequestException' && /APPSYNC_JS/.test(error.message),
    );
    await assert.rejects(
      harness.client.send(new EvaluateCodeCommand({ code: 'export function request() {}', context: '{', function: 'request', runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' } })),
      (error: Error) => error.name === 'BadRequestException' && /context/.test(error.message),
    );
  });

  test('a resolver that imports the rds module can build a request, but no RDS data source exists locally', async () => {
    const output = await run(`import { select, createPgStatement } from '@aws-appsync/utils/rds';\nexport function request() { return createPgStatement(select({ table: 'persons', where: { id: { eq: 1 } } })); }\nexport function response() {}`);
    assert.deepEqual(JSON.parse(output.evaluationResult ?? 'null'), { statements: ['SELECT * FROM "persons" WHERE "id" = :P0'], variableMap: { ':P0': 1 }, variableTypeHintMap: {} });
  });
});

describe('ctx as AppSync builds it', () => {
  test('JSON.stringify(ctx.info) leaves out selectionSetList and selectionSetGraphQL, which stay readable', async () => {
    const info = { fieldName: 'getPost', parentTypeName: 'Query', variables: {}, selectionSetList: ['id'], selectionSetGraphQL: '{\n  id\n}' };
    const output = await run('export function request(ctx) { return { json: JSON.parse(JSON.stringify(ctx.info)), list: ctx.info.selectionSetList }; }\nexport function response() {}', { info });
    assert.deepEqual(JSON.parse(output.evaluationResult ?? 'null'), { json: { fieldName: 'getPost', parentTypeName: 'Query', variables: {} }, list: ['id'] });
  });
});
