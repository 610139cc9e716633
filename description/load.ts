/**
 * Reads an API description and discovers its resolvers from file names, the way
 * aws-samples/aws-appsync-resolver-samples lays them out:
 *
 *   resolvers/Query.getBook.[books].ts            unit resolver on data source `books`
 *   resolvers/Mutation.addBook/                   pipeline resolver
 *     resolver.ts                                 optional before/after handlers (request/response)
 *     1.write.[books].ts                          pipeline functions, run in numeric order
 *     2.notify.[notify].ts
 *
 * Files and folders whose name starts with `_` (shared helpers) and `*.test.ts` files are not routes.
 * Both the local engine and the CDK app call `loadApi`, so both see the same wiring and both
 * refuse a resolver file without a schema field, or a Query/Mutation field without a resolver.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSchema, isObjectType, type GraphQLSchema } from 'graphql';
import type { ApiDescription, EnvironmentValue } from './types.js';

export interface PipelineFunctionRoute {
  /** Unique name, e.g. `Mutation_addBook_1_write`. */
  name: string;
  dataSource: string;
  /** Absolute path of the TypeScript source. */
  file: string;
}

export interface ResolverRoute {
  typeName: string;
  fieldName: string;
  kind: 'UNIT' | 'PIPELINE';
  /** Unit resolvers only. */
  dataSource?: string;
  /** Unit: the resolver's code. Pipeline: the before/after handlers, if any. */
  file?: string;
  /** Pipeline functions in execution order (empty for unit resolvers). */
  functions: PipelineFunctionRoute[];
}

export interface LoadedApi {
  /** Absolute path of the project root (the folder holding the description). */
  root: string;
  description: ApiDescription;
  /** The schema exactly as written (what AppSync receives). */
  schemaSdl: string;
  /** The schema with AppSync's implicit scalars and directives, for graphql-js. */
  schema: GraphQLSchema;
  resolvers: ResolverRoute[];
}

export class ApiDescriptionError extends Error {
  override name = 'ApiDescriptionError';
}

const here = dirname(fileURLToPath(import.meta.url));
export const appsyncPreludeSdl = readFileSync(join(here, 'appsync.graphql'), 'utf8');

const UNIT_FILE = /^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)\.\[([A-Za-z0-9_-]+)\]\.ts$/;
const PIPELINE_DIR = /^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$/;
const STEP_FILE = /^(\d+)\.([A-Za-z0-9_-]+)\.\[([A-Za-z0-9_-]+)\]\.ts$/;
const PIPELINE_HANDLERS = 'resolver.ts';

function isRoute(name: string): boolean {
  return !name.startsWith('_') && !name.startsWith('.') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts');
}

/** Builds the graphql-js schema of an AppSync SDL (prelude added). */
export function buildAppSyncSchema(sdl: string): GraphQLSchema {
  return buildSchema(`${appsyncPreludeSdl}\n${sdl}`);
}

export function discoverResolvers(resolversDir: string): ResolverRoute[] {
  if (!existsSync(resolversDir)) return [];
  const routes: ResolverRoute[] = [];
  for (const entry of readdirSync(resolversDir).sort()) {
    if (!isRoute(entry)) continue;
    const path = join(resolversDir, entry);
    if (statSync(path).isDirectory()) {
      const dir = PIPELINE_DIR.exec(entry);
      if (!dir) throw new ApiDescriptionError(`${path}: a pipeline folder is named <Type>.<field>`);
      routes.push(pipelineRoute(dir[1], dir[2], path));
      continue;
    }
    const unit = UNIT_FILE.exec(entry);
    if (!unit) throw new ApiDescriptionError(`${path}: a resolver file is named <Type>.<field>.[<dataSource>].ts`);
    routes.push({ typeName: unit[1], fieldName: unit[2], kind: 'UNIT', dataSource: unit[3], file: path, functions: [] });
  }
  return routes;
}

function pipelineRoute(typeName: string, fieldName: string, dir: string): ResolverRoute {
  const steps: Array<{ order: number; route: PipelineFunctionRoute }> = [];
  let file: string | undefined;
  for (const entry of readdirSync(dir).sort()) {
    if (!isRoute(entry)) continue;
    const path = join(dir, entry);
    if (entry === PIPELINE_HANDLERS) {
      file = path;
      continue;
    }
    const step = STEP_FILE.exec(entry);
    if (!step) throw new ApiDescriptionError(`${path}: a pipeline step is named <n>.<name>.[<dataSource>].ts`);
    steps.push({
      order: Number(step[1]),
      route: { name: `${typeName}_${fieldName}_${step[1]}_${step[2]}`.replace(/-/g, '_'), dataSource: step[3], file: path },
    });
  }
  if (steps.length === 0) throw new ApiDescriptionError(`${dir}: a pipeline needs at least one numbered step`);
  const orders = new Set(steps.map((s) => s.order));
  if (orders.size !== steps.length) throw new ApiDescriptionError(`${dir}: two steps share a number`);
  steps.sort((a, b) => a.order - b.order);
  return { typeName, fieldName, kind: 'PIPELINE', file, functions: steps.map((s) => s.route) };
}

/** Checks that routes, schema and description agree. Returns the list of problems (empty: all good). */
export function validateApi(description: ApiDescription, schema: GraphQLSchema, routes: ResolverRoute[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const route of routes) {
    const coordinate = `${route.typeName}.${route.fieldName}`;
    if (seen.has(coordinate)) problems.push(`${coordinate} has two resolvers`);
    seen.add(coordinate);
    const type = schema.getType(route.typeName);
    if (!type || !isObjectType(type) || !type.getFields()[route.fieldName]) {
      problems.push(`resolver ${route.file ?? route.functions[0]?.file} names ${coordinate}, which is not a field of the schema`);
    }
    for (const ds of [route.dataSource, ...route.functions.map((f) => f.dataSource)]) {
      if (ds !== undefined && !description.dataSources[ds]) problems.push(`${coordinate} uses data source "${ds}", which the description does not declare`);
    }
  }
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (!root) continue;
    for (const field of Object.keys(root.getFields())) {
      if (!seen.has(`${root.name}.${field}`)) problems.push(`${root.name}.${field} has no resolver file`);
    }
  }
  problems.push(...referenceProblems(description), ...subscribeProblems(schema));
  if (description.web && !/^\/[A-Za-z0-9_-]+$/.test(description.web.path)) problems.push(`web.path "${description.web.path}" must be one path segment such as "/play"`);
  for (const [name, ds] of Object.entries(description.dataSources)) {
    if (ds.type === 'AMAZON_DYNAMODB' && !description.tables?.[ds.table]) problems.push(`data source "${name}" names unknown table "${ds.table}"`);
    if (ds.type === 'AWS_LAMBDA' && !description.functions?.[ds.function]) problems.push(`data source "${name}" names unknown function "${ds.function}"`);
    const type: string = (ds as { type: string }).type;
    if (type !== 'NONE' && type !== 'AMAZON_DYNAMODB' && type !== 'AWS_LAMBDA') {
      problems.push(`data source "${name}" has type ${JSON.stringify(type)}; the local engine has NONE, AMAZON_DYNAMODB and AWS_LAMBDA data sources only (no RDS: @aws-appsync/utils/rds builds requests, nothing runs them)`);
    }
  }
  return problems;
}

/** Environment references must name what the description declares, or they would resolve to nothing. */
function referenceProblems(description: ApiDescription): string[] {
  const problems: string[] = [];
  const check = (where: string, env: Record<string, EnvironmentValue> | undefined) => {
    for (const [key, value] of Object.entries(env ?? {})) {
      if (typeof value === 'string') continue;
      if (value.ref === 'table.name' && !description.tables?.[value.table]) problems.push(`${where} ${key} names unknown table "${value.table}"`);
      if (value.ref === 'topic.arn' && !description.topics?.[value.topic]) problems.push(`${where} ${key} names unknown topic "${value.topic}"`);
      if ((value.ref === 'userPool.id' || value.ref === 'userPool.clientId') && !description.userPool) problems.push(`${where} ${key} refers to a user pool, but the description declares none`);
      if (value.ref === 'function.arn' && !description.functions?.[value.function]) problems.push(`${where} ${key} names unknown function "${value.function}"`);
      if ((value.ref === 'scheduleGroup.name' || value.ref === 'scheduleGroup.roleArn') && !description.scheduleGroups?.[value.group]) problems.push(`${where} ${key} names unknown schedule group "${value.group}"`);
    }
  };
  check('environment', description.environment);
  for (const [name, fn] of Object.entries(description.functions ?? {})) check(`function "${name}" environment`, fn.environment);
  for (const [name, group] of Object.entries(description.scheduleGroups ?? {})) {
    for (const target of group.targets) if (!description.functions?.[target]) problems.push(`schedule group "${name}" targets unknown function "${target}"`);
  }
  return problems;
}

/** `@aws_subscribe(mutations: [...])` must name fields of the Mutation type, as AppSync requires. */
function subscribeProblems(schema: GraphQLSchema): string[] {
  const mutations = schema.getMutationType()?.getFields() ?? {};
  const problems: string[] = [];
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
    const directive = field.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
    const list = directive?.arguments?.find((a) => a.name.value === 'mutations')?.value;
    for (const item of list && list.kind === 'ListValue' ? list.values : []) {
      if (item.kind === 'StringValue' && !mutations[item.value]) problems.push(`Subscription.${field.name} subscribes to "${item.value}", which is not a Mutation field`);
    }
  }
  return problems;
}

let freshLoads = 0;

/**
 * Loads a description module (default export) and everything it points at. Throws on any inconsistency.
 * `fresh` imports the module anew (a watcher's reload): node caches modules by URL, so the URL gets a query.
 */
export async function loadApi(descriptionPath: string, options: { fresh?: boolean } = {}): Promise<LoadedApi> {
  const absolute = resolve(descriptionPath);
  const url = pathToFileURL(absolute).href;
  const module = (await import(options.fresh ? `${url}?reload=${(freshLoads += 1)}` : url)) as { default?: ApiDescription };
  if (!module.default) throw new ApiDescriptionError(`${descriptionPath} has no default export`);
  return loadApiFrom(dirname(absolute), module.default);
}

export function loadApiFrom(root: string, description: ApiDescription): LoadedApi {
  const schemaSdl = readFileSync(join(root, description.schema), 'utf8');
  let schema: GraphQLSchema;
  try {
    schema = buildAppSyncSchema(schemaSdl);
  } catch (error) {
    throw new ApiDescriptionError(`${description.schema}: ${(error as Error).message}`);
  }
  const resolvers = discoverResolvers(join(root, description.resolversDir));
  const problems = validateApi(description, schema, resolvers);
  if (problems.length > 0) throw new ApiDescriptionError(`API "${description.name}" is inconsistent:\n- ${problems.join('\n- ')}`);
  return { root, description, schemaSdl, schema, resolvers };
}
