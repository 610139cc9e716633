/** The engine refuses, at start-up, resolver code AppSync would refuse when the resolver is created. */
import { afterAll, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEngine } from '../../local/index.js';

const root = mkdtempSync(join(tmpdir(), 'turnbase-code-checks-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('a resolver with a while loop stops the engine with file:line:column', async () => {
  writeFileSync(join(root, 'schema.graphql'), 'type Query { hello: String @aws_api_key }\n');
  writeFileSync(
    join(root, 'api.mjs'),
    "export default { name: 'probe', schema: 'schema.graphql', resolversDir: 'resolvers', auth: { default: 'API_KEY' }, dataSources: { none: { type: 'NONE' } } };\n",
  );
  mkdirSync(join(root, 'resolvers'));
  writeFileSync(
    join(root, 'resolvers', 'Query.hello.[none].ts'),
    "export function request() {\n  let n = 0;\n  while (n < 3) {\n    n = n + 1;\n  }\n  return { payload: String(n) };\n}\n\nexport function response(ctx: { result: unknown }) {\n  return ctx.result;\n}\n",
  );
  await assert.rejects(
    startEngine({ descriptionPath: join(root, 'api.mjs'), port: 0, dataDir: null, log: () => {} }),
    (error: Error) => /AppSync would refuse/.test(error.message) && /Query\.hello[^\n]*\.js:\d+:\d+: while statements are not supported/.test(error.message),
  );
});
