import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadApiFrom } from './load.js';
import { defineApi, type ApiDescription } from './types.js';

const schema = `
type Item { id: ID! }
type Query { item(id: ID!): Item }
type Mutation { save(id: ID!): Item }
type Subscription { onSave: Item @aws_subscribe(mutations: ["save"]) }`;

const description = (overrides: Partial<ApiDescription> = {}) =>
  defineApi({
    name: 'probe',
    schema: 'schema.graphql',
    resolversDir: 'resolvers',
    auth: { default: 'API_KEY' },
    tables: { items: { partitionKey: { name: 'id', type: 'S' } } },
    dataSources: { items: { type: 'AMAZON_DYNAMODB', table: 'items' }, none: { type: 'NONE' } },
    ...overrides,
  });

/** A project folder holding the schema and the given resolver files (path → content). */
function project(files: Record<string, string>, sdl = schema): string {
  const root = mkdtempSync(join(tmpdir(), 'turnbase-load-'));
  writeFileSync(join(root, 'schema.graphql'), sdl);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, 'resolvers', path, '..'), { recursive: true });
    writeFileSync(join(root, 'resolvers', path), content);
  }
  return root;
}

const both = { 'Query.item.[items].ts': '', 'Mutation.save/1.write.[items].ts': '', 'Mutation.save/resolver.ts': '', '_lib/shared.ts': '' };

function loadProblem(root: string, overrides: Partial<ApiDescription> = {}): string {
  try {
    loadApiFrom(root, description(overrides));
  } catch (error) {
    return (error as Error).message;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return 'no problem';
}

describe('resolver discovery', () => {
  test('file names are routes: unit files, pipeline folders with ordered steps; _ folders are helpers', () => {
    const root = project({ ...both, 'Mutation.save/2.notify.[none].ts': '', 'Mutation.save/10.last.[none].ts': '' });
    try {
      const api = loadApiFrom(root, description());
      const routes = api.resolvers.map((r) => ({ at: `${r.typeName}.${r.fieldName}`, kind: r.kind, ds: r.dataSource, steps: r.functions.map((f) => f.name) }));
      assert.deepEqual(routes, [
        { at: 'Mutation.save', kind: 'PIPELINE', ds: undefined, steps: ['Mutation_save_1_write', 'Mutation_save_2_notify', 'Mutation_save_10_last'] },
        { at: 'Query.item', kind: 'UNIT', ds: 'items', steps: [] },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  const cases: Array<[string, Record<string, string>, Partial<ApiDescription>, RegExp]> = [
    ['a Query field without a resolver', { 'Mutation.save/1.write.[items].ts': '' }, {}, /Query\.item has no resolver file/],
    ['a resolver for a field the schema lacks', { ...both, 'Query.nothing.[none].ts': '' }, {}, /names Query\.nothing, which is not a field/],
    ['an undeclared data source', { 'Query.item.[ghost].ts': '', 'Mutation.save/1.write.[items].ts': '' }, {}, /data source "ghost"/],
    ['a badly named resolver file', { ...both, 'Query.item.ts': '' }, {}, /is named <Type>\.<field>\.\[<dataSource>\]\.ts/],
    ['a pipeline without steps', { 'Query.item.[items].ts': '', 'Mutation.save/resolver.ts': '' }, {}, /at least one numbered step/],
    ['an environment reference to an unknown table', both, { environment: { T: { ref: 'table.name', table: 'typo' } } }, /unknown table "typo"/],
    ['a user-pool reference without a pool', both, { environment: { P: { ref: 'userPool.id' } } }, /declares none/],
    [
      'an RDS data source, which the engine cannot run',
      both,
      { dataSources: { items: { type: 'AMAZON_DYNAMODB', table: 'items' }, none: { type: 'NONE' }, db: { type: 'RELATIONAL_DATABASE' } as never } },
      /data source "db" has type "RELATIONAL_DATABASE".*no RDS/,
    ],
  ];
  for (const [name, files, overrides, problem] of cases) {
    test(`refuses ${name}`, () => {
      assert.match(loadProblem(project(files), overrides), problem);
    });
  }

  test('refuses @aws_subscribe naming a mutation that does not exist', () => {
    const sdl = schema.replace('mutations: ["save"]', 'mutations: ["sav"]');
    assert.match(loadProblem(project(both, sdl)), /subscribes to "sav", which is not a Mutation field/);
  });
});
