/** Helpers for this folder's tests: bundle a snippet the way the project bundles resolvers, build a ctx. */
import { buildSync } from 'esbuild';
import { appsyncBuildOptions } from '../../description/bundle.js';
import type { HandlerContext, RunOptions } from './contract.js';

/** Bundles TypeScript/JavaScript source as an APPSYNC_JS resolver bundle (ESM, @aws-appsync/* external). */
export function bundleSnippet(source: string): string {
  const result = buildSync({ ...appsyncBuildOptions, stdin: { contents: source, loader: 'ts', resolveDir: process.cwd() } });
  return result.outputFiles?.[0]?.text ?? '';
}

export function makeContext(overrides: Partial<HandlerContext> = {}): HandlerContext {
  return {
    arguments: {},
    source: null,
    identity: null,
    request: { headers: {}, domainName: null },
    info: { fieldName: 'getThing', parentTypeName: 'Query', variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
    stash: {},
    prev: undefined,
    env: {},
    ...overrides,
  };
}

export const defaultRunOptions: RunOptions = { timeoutMs: 2000, authType: 'API Key Authorization' };
