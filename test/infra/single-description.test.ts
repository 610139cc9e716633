/**
 * One description drives both the cloud and the local engine: a resolver file added to a copy of
 * the project appears in the synthesized stack and is served by the engine; a schema field left
 * without a resolver stops both (and `cdk synth` through infra/app.ts).
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadApi } from '../../description/load.js';
import { resourcesOfType, synthesize, type Synthesized } from './synthesize.js';

const projectRoot = join(import.meta.dirname, '..', '..');
const copied = ['api.ts', 'schema.graphql', 'resolvers', 'game', 'functions', 'description', 'package.json', 'tsconfig.json', 'web', 'client', 'local/client'];
const NEW_FIELD = 'infraProbe';
const temporaryDirs: string[] = [];

/** A copy of the project's description, schema and code in a temporary folder, sharing node_modules. */
function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'turnbase-single-'));
  temporaryDirs.push(dir);
  for (const entry of copied) {
    if (existsSync(join(projectRoot, entry))) cpSync(join(projectRoot, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Adds `field: String @aws_api_key` to the Query type of the copy's schema. */
function addQueryField(dir: string, field: string): void {
  const path = join(dir, 'schema.graphql');
  const schema = readFileSync(path, 'utf8');
  const updated = schema.replace(/type Query(\s[^{]*)?\{/, (match) => `${match}\n  ${field}: String @aws_api_key`);
  assert.notEqual(updated, schema, 'the schema has a Query type to extend');
  writeFileSync(path, updated);
}

/** The name of a NONE data source of the project's description. */
async function noneDataSource(): Promise<string> {
  const api = await loadApi(join(projectRoot, 'api.ts'));
  const found = Object.entries(api.description.dataSources).find(([, ds]) => ds.type === 'NONE');
  assert.ok(found, 'the project declares a NONE data source');
  return found[0];
}

function addProbeResolver(dir: string, dataSource: string): void {
  writeFileSync(
    join(dir, 'resolvers', `Query.${NEW_FIELD}.[${dataSource}].ts`),
    "export function request() {\n  return { payload: 'probe answered' };\n}\n\nexport function response(ctx: { result: string }) {\n  return ctx.result;\n}\n",
  );
}

afterAll(() => {
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
});

describe('a resolver file added to a copy of the project', () => {
  let copy: string;
  let synthesized: Synthesized;

  beforeAll(async () => {
    copy = copyProject();
    addQueryField(copy, NEW_FIELD);
    addProbeResolver(copy, await noneDataSource());
    synthesized = await synthesize(join(copy, 'api.ts'));
  });
  afterAll(() => synthesized?.cleanup());

  test('loadApi (what the engine and the stack both read) routes the new field', async () => {
    const api = await loadApi(join(copy, 'api.ts'));
    assert.ok(api.resolvers.some((r) => r.typeName === 'Query' && r.fieldName === NEW_FIELD));
  });

  test('the synthesized stack has a resolver for it, running its bundle, and stays cdk-nag clean', () => {
    assert.deepEqual(synthesized.nagViolations.map((v) => v.ruleName), []);
    const resolvers = Object.values(resourcesOfType(synthesized.template, 'AWS::AppSync::Resolver'));
    const probe = resolvers.find((r) => r.Properties.TypeName === 'Query' && r.Properties.FieldName === NEW_FIELD);
    assert.ok(probe);
    assert.equal(probe.Properties.Code, synthesized.bundle.resolvers.get(`Query.${NEW_FIELD}`)!.code);
    assert.match(probe.Properties.Code, /probe answered/);
    assert.equal(resolvers.length, synthesized.api.resolvers.length);
    const [schema] = Object.values(resourcesOfType(synthesized.template, 'AWS::AppSync::GraphQLSchema'));
    assert.match(schema.Properties.Definition, new RegExp(`${NEW_FIELD}: String`));
  });

  test('the local engine serves the new field', async () => {
    const { startEngine } = await import('../../local/index.js');
    const engine = await startEngine({ descriptionPath: join(copy, 'api.ts'), port: 0, dataDir: null, amplifyOutputsPath: false, log: () => {} });
    try {
      const response = await fetch(engine.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': engine.apiKey },
        body: JSON.stringify({ query: `query { ${NEW_FIELD} }` }),
      });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { data: { [NEW_FIELD]: 'probe answered' } });
    } finally {
      await engine.close();
    }
  });
});

describe('a schema field without a resolver file', () => {
  let copy: string;

  beforeAll(() => {
    copy = copyProject();
    addQueryField(copy, NEW_FIELD);
  });

  test('loadApi refuses the description, naming the field', async () => {
    await assert.rejects(loadApi(join(copy, 'api.ts')), new RegExp(`Query\\.${NEW_FIELD} has no resolver file`));
  });

  test('the CDK app (cdk synth) fails with the same reason', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'infra', 'app.ts')], {
      cwd: copy,
      env: { ...process.env, TURNBASE_API: join(copy, 'api.ts'), CDK_OUTDIR: join(copy, 'cdk.out') },
      encoding: 'utf8',
    });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, new RegExp(`Query\\.${NEW_FIELD} has no resolver file`));
    assert.equal(existsSync(join(copy, 'cdk.out', 'manifest.json')), false);
  });

  test('the local engine refuses to start', async () => {
    const { startEngine } = await import('../../local/index.js');
    await assert.rejects(
      startEngine({ descriptionPath: join(copy, 'api.ts'), port: 0, dataDir: null, amplifyOutputsPath: false, log: () => {} }),
      new RegExp(`Query\\.${NEW_FIELD} has no resolver file`),
    );
  });
});

describe('a resolver file without a schema field', () => {
  test('loadApi, and so both the stack and the engine, refuse it', async () => {
    const copy = copyProject();
    addProbeResolver(copy, await noneDataSource());
    await assert.rejects(loadApi(join(copy, 'api.ts')), new RegExp(`names Query\\.${NEW_FIELD}, which is not a field of the schema`));
  });
});
