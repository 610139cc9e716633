/**
 * Executes GraphQL operations against an API description: parse and validate with limits,
 * field-level auth, resolvers through the APPSYNC_JS runtime, AppSync's error shapes, and
 * the publications that mutations make for subscribers.
 */
import {
  GraphQLError,
  Kind,
  defaultFieldResolver,
  execute,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import type { LoadedApi, ResolverRoute } from '../../description/load.js';
import type { GraphQLErrorEntry, Invalidation, Publication } from '../realtime/contract.js';
import type { CognitoIdentity, RequestInfo } from '../runtime/contract.js';
import { authTypeNames, type Caller, type FieldAuthorizer, type RequestAuthenticator } from './authorize.js';
import { formatExecutionError, formatRequestError, resolverError, unauthorizedField } from './errors.js';
import { resolveField, type ResolverSet, type StageTrace } from './resolve.js';
import { installAppSyncScalars } from './scalars.js';
import type { SignedRequest } from '../auth/sigv4.js';
import { pickSelected, selectionSetGraphQL, selectionSetList, unalias } from './selection.js';

export interface Limits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  /** AppSync allows 10,000 resolver executions per request. */
  maxResolverRuns: number;
  /**
   * graphql-armor's cost: fields weighted by depth, each fragment spread counted as often as it is
   * expanded, so nested spreads that pass the depth and alias limits cannot multiply the work.
   */
  maxCost: number;
}

export const defaultLimits: Limits = { maxDepth: 15, maxAliases: 30, maxTokens: 5000, maxResolverRuns: 10_000, maxCost: 5000 };

/** graphql-armor throws by default; reporting instead gives the usual 200 with errors[] (its "Syntax Error" prefix dropped). */
const reportLimit = {
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, '')))],
};

/** Recent query texts whose parse and validation outcome is kept (oldest dropped first). */
const DOCUMENT_CACHE_SIZE = 500;
const DOCUMENT_CACHE_MAX_QUERY = 16 * 1024;

export interface ExecutorOptions {
  api: LoadedApi;
  resolvers: ResolverSet;
  authenticator: RequestAuthenticator;
  fieldAuth: FieldAuthorizer;
  env: Record<string, string>;
  timeoutMs: number;
  limits?: Partial<Limits>;
}

export interface IncomingOperation {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  headers: Record<string, string>;
  sourceIp: string[];
  /** The raw request, for AWS_IAM: a SigV4 signature covers method, path, query and body. */
  signed?: SignedRequest;
}

export interface ResolverTiming {
  path: string;
  stages: StageTrace[];
  ms: number;
}

export interface OperationResult {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: GraphQLErrorEntry[] };
  /** Set on 401: the body is AppSync's UnauthorizedException. */
  errorType?: string;
  /** Set on 401: what exactly was wrong with the credentials (for the log, never the caller). */
  authReason?: string;
  operationName: string | null;
  operationType: string | null;
  resolvers: ResolverTiming[];
  logs: string[];
}

interface RequestContext {
  caller: Caller;
  headers: Record<string, string>;
  deadline: number;
  resolverRuns: number;
  appended: GraphQLError[];
  timings: ResolverTiming[];
  logs: string[];
  invalidations: Invalidation[];
  /** Set by a subscription resolver through `extensions.*` at `start`. */
  subscriptionFilter?: unknown;
  invalidationFilter?: unknown;
}

export type Parsed =
  | { ok: true; document: DocumentNode; operation: OperationDefinitionNode }
  /** `multipleOperations`: the document is valid but holds several operations and none was named. */
  | { ok: false; errors: GraphQLErrorEntry[]; multipleOperations?: boolean };

export class Executor {
  private readonly routes: Map<string, ResolverRoute>;
  /** The route of each field object (null: none), so a field's lookup builds no key string. */
  private readonly fieldRoutes = new WeakMap<GraphQLField<unknown, unknown>, ResolverRoute | null>();
  private readonly rules: ValidationRule[];
  private readonly limits: Limits;
  private readonly publishListeners = new Set<(p: Publication) => void>();
  private readonly invalidateListeners = new Set<(i: Invalidation) => void>();
  private readonly documents = new Map<string, DocumentNode>();

  constructor(private readonly options: ExecutorOptions) {
    installAppSyncScalars(options.api.schema);
    this.routes = new Map(options.api.resolvers.map((r) => [`${r.typeName}.${r.fieldName}`, r]));
    this.limits = { ...defaultLimits, ...options.limits };
    this.rules = [
      ...specifiedRules,
      maxDepthRule({ n: this.limits.maxDepth, flattenFragments: true, ...reportLimit }),
      maxAliasesRule({ n: this.limits.maxAliases, ...reportLimit }),
      costLimitRule({ maxCost: this.limits.maxCost, flattenFragments: true, ...reportLimit }),
    ];
  }

  get schema() {
    return this.options.api.schema;
  }

  authenticate(headers: Record<string, string>, sourceIp: string[], signed?: SignedRequest) {
    return this.options.authenticator.authenticate(headers, sourceIp, signed);
  }

  onPublish(listener: (p: Publication) => void): () => void {
    this.publishListeners.add(listener);
    return () => this.publishListeners.delete(listener);
  }

  onInvalidate(listener: (i: Invalidation) => void): () => void {
    this.invalidateListeners.add(listener);
    return () => this.invalidateListeners.delete(listener);
  }

  /** Parses and validates, with the token, depth and alias limits. */
  parse(query: string, operationName?: string | null): Parsed {
    const checked = this.checkDocument(query);
    if ('errors' in checked) return { ok: false, errors: checked.errors };
    const operation = getOperationAST(checked.document, operationName ?? undefined);
    if (!operation) {
      const message = operationName ? `Unknown operation named "${operationName}".` : 'Must provide operation name if query contains multiple operations.';
      return { ok: false, errors: [{ path: null, locations: null, message }], multipleOperations: !operationName };
    }
    return { ok: true, document: checked.document, operation };
  }

  /**
   * Parsing and validation depend on the query text alone, and apps send the same few queries
   * over and over: like any production GraphQL server, remember the outcome for recent texts.
   */
  private checkDocument(query: string): { document: DocumentNode } | { errors: GraphQLErrorEntry[] } {
    const cached = this.documents.get(query);
    if (cached) return { document: cached };
    const checked = this.parseAndValidate(query);
    // Only valid documents of ordinary size are kept, so the cache stays small whatever clients send.
    if ('document' in checked && query.length <= DOCUMENT_CACHE_MAX_QUERY) {
      if (this.documents.size >= DOCUMENT_CACHE_SIZE) this.documents.delete(this.documents.keys().next().value as string);
      this.documents.set(query, checked.document);
    }
    return checked;
  }

  private parseAndValidate(query: string): { document: DocumentNode } | { errors: GraphQLErrorEntry[] } {
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: this.limits.maxTokens });
    } catch (error) {
      const parseError = error as GraphQLError;
      // graphql-js's own token limit; its wording ("more that N tokens") is worth restating.
      if (/contains more that \d+ tokens/.test(parseError.message)) {
        return { errors: [{ path: null, locations: null, message: `Query token limit of ${this.limits.maxTokens} exceeded.` }] };
      }
      return { errors: [formatRequestError(parseError)] };
    }
    const errors = validate(this.schema, document, this.rules);
    return errors.length > 0 ? { errors: errors.map(formatRequestError) } : { document };
  }

  /** One HTTP GraphQL request, from headers to AppSync's response. */
  async executeOperation(incoming: IncomingOperation): Promise<OperationResult> {
    const base = { operationName: incoming.operationName ?? null, operationType: null, resolvers: [], logs: [] };
    const auth = await this.authenticate(incoming.headers, incoming.sourceIp, incoming.signed);
    if (!auth.ok) {
      return { ...base, status: 401, errorType: 'UnauthorizedException', authReason: auth.reason, body: { errors: [{ errorType: 'UnauthorizedException', message: auth.message }] } };
    }
    const parsed = this.parse(incoming.query, incoming.operationName);
    if (!parsed.ok) return { ...base, status: 200, body: { data: null, errors: parsed.errors } };
    const { document, operation } = parsed;
    const operationName = operation.name?.value ?? incoming.operationName ?? null;
    if (operation.operation === 'subscription') {
      const errors = [{ path: null, locations: null, errorType: 'UnsupportedOperation', message: 'Subscriptions are served over WebSocket at /graphql/realtime.' }];
      return { ...base, operationName, operationType: 'subscription', status: 200, body: { data: null, errors } };
    }
    const context = this.newContext(auth.caller, incoming.headers);
    const result = await execute({
      schema: this.schema,
      document,
      operationName: incoming.operationName ?? undefined,
      variableValues: incoming.variables ?? {},
      contextValue: context,
      fieldResolver: this.fieldResolver,
    });
    const errors = [...(result.errors ?? []), ...context.appended].map(formatExecutionError);
    const data = (result.data ?? null) as Record<string, unknown> | null;
    if (operation.operation === 'mutation' && data) this.publish(document, operation, data);
    const invalidations = distinctInvalidations(context.invalidations);
    if (invalidations.length > MAX_INVALIDATIONS_PER_REQUEST) {
      errors.push({ path: null, locations: null, errorType: 'LimitExceededError', message: `A request may invalidate subscriptions at most ${MAX_INVALIDATIONS_PER_REQUEST} distinct times; the first ${MAX_INVALIDATIONS_PER_REQUEST} were applied.` });
    }
    for (const invalidation of invalidations.slice(0, MAX_INVALIDATIONS_PER_REQUEST)) for (const listener of this.invalidateListeners) listener(invalidation);
    return {
      status: 200,
      body: errors.length > 0 ? { data, errors } : { data },
      operationName,
      operationType: operation.operation,
      resolvers: context.timings,
      logs: context.logs,
    };
  }

  newContext(caller: Caller, headers: Record<string, string>): RequestContext {
    return {
      caller,
      headers,
      deadline: Date.now() + this.options.timeoutMs,
      resolverRuns: 0,
      appended: [],
      timings: [],
      logs: [],
      invalidations: [],
    };
  }

  /** Publishes each non-null mutation field's result, limited to the mutation's selection set. */
  private publish(document: DocumentNode, operation: OperationDefinitionNode, data: Record<string, unknown>): void {
    if (this.publishListeners.size === 0) return;
    const fragments = fragmentsOf(document);
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) continue;
      const value = data[selection.alias?.value ?? selection.name.value];
      if (value === null || value === undefined) continue;
      const publication = { mutationField: selection.name.value, result: unalias(value, selection.selectionSet, fragments) };
      for (const listener of this.publishListeners) listener(publication);
    }
  }

  /**
   * Resolves a published payload for one subscriber: no resolvers run (the payload is the mutation's
   * result), but field-level auth still applies to that subscriber.
   */
  readonly payloadFieldResolver: GraphQLFieldResolver<unknown, RequestContext> = (source, args, context, info) => {
    const field = info.parentType.getFields()[info.fieldName];
    if (!this.options.fieldAuth.allows(info.parentType, field, context.caller)) throw unauthorizedField(info.fieldName, info.parentType.name);
    return defaultFieldResolver(source, args, context, info);
  };

  /** Field-level auth, then the field's resolver if it has one, else the property of the parent. */
  readonly fieldResolver: GraphQLFieldResolver<unknown, RequestContext> = (source, args, context, info) => {
    const field = info.parentType.getFields()[info.fieldName];
    if (!this.options.fieldAuth.allows(info.parentType, field, context.caller)) throw unauthorizedField(info.fieldName, info.parentType.name);
    let route = this.fieldRoutes.get(field);
    if (route === undefined) {
      route = this.routes.get(`${info.parentType.name}.${info.fieldName}`) ?? null;
      this.fieldRoutes.set(field, route);
    }
    if (!route) return defaultFieldResolver(source, args, context, info);
    return this.runResolver(route, source, args, context, info);
  };

  /** Runs a field's resolver; used for queries and mutations, and once per subscription at `start`. */
  async runResolver(route: ResolverRoute, source: unknown, args: Record<string, unknown>, context: RequestContext, info: GraphQLResolveInfo) {
    context.resolverRuns += 1;
    if (context.resolverRuns > this.limits.maxResolverRuns) {
      throw resolverError(`Request exceeded the limit of ${this.limits.maxResolverRuns} resolver executions.`, { errorType: 'LimitExceededError' });
    }
    const started = performance.now();
    const resolution = await resolveField(
      route,
      this.options.resolvers,
      {
        arguments: args,
        source: source ?? null,
        identity: context.caller.identity,
        request: { headers: context.headers, domainName: null },
        info: requestInfo(info),
        env: this.options.env,
      },
      { deadline: context.deadline, authType: authTypeNames[context.caller.mode] },
    );
    const path = pathOf(info);
    context.timings.push({ path: path.join('.'), stages: resolution.stages, ms: performance.now() - started });
    context.logs.push(...resolution.logs);
    context.invalidations.push(...resolution.extensions.invalidations);
    context.subscriptionFilter = resolution.extensions.subscriptionFilter ?? context.subscriptionFilter;
    context.invalidationFilter = resolution.extensions.subscriptionInvalidationFilter ?? context.invalidationFilter;
    // An error's data is filtered by the field's selection set, util.appendError's as util.error's.
    for (const appended of resolution.appended) {
      context.appended.push(
        new GraphQLError(appended.message, {
          nodes: info.fieldNodes,
          path,
          extensions: { appsync: { errorType: appended.errorType, errorInfo: appended.errorInfo, data: selectedData(info, appended.data) } },
        }),
      );
    }
    if (resolution.error) {
      const { message, errorType, data, errorInfo } = resolution.error;
      throw resolverError(message, { errorType, data: selectedData(info, data), errorInfo });
    }
    return resolution.value;
  }
}

/** An error's data as the field's selection set picks it (a module function: see stageContext in resolve.ts). */
function selectedData(info: GraphQLResolveInfo, data: unknown): unknown {
  return info.fieldNodes.length === 1 ? pickSelected(data, info.fieldNodes[0].selectionSet, info.fragments) : data;
}

/**
 * AppSync honours at most 5 distinct `invalidateSubscriptions` calls per request (repeats count once).
 * The runtime refuses a 6th within one handler; across handlers the request reports it here.
 */
export const MAX_INVALIDATIONS_PER_REQUEST = 5;

function distinctInvalidations(invalidations: Invalidation[]): Invalidation[] {
  const seen = new Map<string, Invalidation>();
  for (const invalidation of invalidations) seen.set(JSON.stringify([invalidation.subscriptionField, invalidation.payload]), invalidation);
  return [...seen.values()];
}

export function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

function pathOf(info: GraphQLResolveInfo): Array<string | number> {
  const path: Array<string | number> = [];
  for (let p: GraphQLResolveInfo['path'] | undefined = info.path; p; p = p.prev) path.unshift(p.key);
  return path;
}

/** A field node's selection depends only on the (cached) document, so it is worked out once. */
const selections = new WeakMap<FieldNode, Pick<RequestInfo, 'selectionSetList' | 'selectionSetGraphQL'>>();

function selectionOf(info: GraphQLResolveInfo): Pick<RequestInfo, 'selectionSetList' | 'selectionSetGraphQL'> {
  const key = info.fieldNodes.length === 1 ? info.fieldNodes[0] : undefined;
  const known = key && selections.get(key);
  if (known) return known;
  const selection = { selectionSetList: selectionSetList(info.fieldNodes, info.fragments, info.returnType), selectionSetGraphQL: selectionSetGraphQL(info.fieldNodes) };
  if (key) selections.set(key, selection);
  return selection;
}

export function requestInfo(info: GraphQLResolveInfo): RequestInfo {
  const { selectionSetList, selectionSetGraphQL } = selectionOf(info);
  return { fieldName: info.fieldName, parentTypeName: info.parentType.name, variables: info.variableValues, selectionSetList, selectionSetGraphQL };
}

export type { RequestContext, CognitoIdentity };
