/** A pipeline's data-source calls past its second are marked urgent (see dynamodb/urgent-calls.ts); earlier ones are not. */
import { expect, test } from 'vitest';
import type { ResolverRoute } from '../../description/load.js';
import type { DataSource, InvokeOptions } from '../datasources/contract.js';
import type { CompiledBundle, HandlerOutcome } from '../runtime/contract.js';
import { makeContext } from '../runtime/testing.js';
import { resolveField, type ResolverSet } from './resolve.js';

/** A bundle whose handlers return `{}` (a request that calls the data source) and pass the stash on. */
function passThrough(name: string): CompiledBundle {
  return {
    name,
    has: () => true,
    run: (_handler, ctx): HandlerOutcome => ({ kind: 'return', value: {}, stash: ctx.stash, appendedErrors: [], extensions: { invalidations: [], evictions: [] }, logs: [] }),
  };
}

function recordingSource(seen: Array<InvokeOptions | undefined>): DataSource {
  return { invoke: (_request, options) => (seen.push(options), Promise.resolve({ result: {} })) };
}

const base = makeContext({ info: { fieldName: 'field', parentTypeName: 'Mutation', variables: {}, selectionSetList: [], selectionSetGraphQL: '' } });

test('a pipeline of four calls makes its third and fourth urgent', async () => {
  const seen: Array<InvokeOptions | undefined> = [];
  const functions = ['one', 'two', 'three', 'four'].map((name) => ({ name, dataSource: 'store', file: `${name}.ts` }));
  const route: ResolverRoute = { typeName: 'Mutation', fieldName: 'field', kind: 'PIPELINE', functions };
  const set: ResolverSet = {
    resolvers: new Map([['Mutation.field', passThrough('Mutation.field')]]),
    functions: new Map(functions.map((fn) => [fn.name, passThrough(fn.name)])),
    dataSources: new Map([['store', recordingSource(seen)]]),
  };
  const resolution = await resolveField(route, set, base, { deadline: Date.now() + 10_000, authType: 'API Key Authorization' });
  expect(resolution.error).toBeUndefined();
  expect(seen.map((options) => options?.urgent === true)).toEqual([false, false, true, true]);
});

test('every field resolution counts its own calls', async () => {
  const seen: Array<InvokeOptions | undefined> = [];
  const route: ResolverRoute = { typeName: 'Query', fieldName: 'field', kind: 'UNIT', dataSource: 'store', functions: [] };
  const set: ResolverSet = { resolvers: new Map([['Query.field', passThrough('Query.field')]]), functions: new Map(), dataSources: new Map([['store', recordingSource(seen)]]) };
  for (let field = 0; field < 3; field += 1) await resolveField(route, set, base, { deadline: Date.now() + 10_000, authType: 'API Key Authorization' });
  expect(seen.map((options) => options?.urgent === true)).toEqual([false, false, false]);
});
