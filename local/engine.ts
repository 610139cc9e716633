/**
 * Starts the local engine for one API description: bundles its resolvers and functions, starts the
 * embedded stand-ins (DynamoDB, Cognito, SNS), and serves GraphQL and real-time on one port.
 */
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { amplifyOutputs } from '../description/amplify-outputs.js';
import { bundleApi, type BundledApi } from '../description/bundle.js';
import { loadApi, type LoadedApi } from '../description/load.js';
import type { EnvironmentValue } from '../description/types.js';
import { createApiKeyStore } from './auth/api-keys.js';
import { localIamCredentials } from './auth/iam-credentials.js';
import { createUserPoolVerifier } from './auth/jwt.js';
import { createSigV4Verifier } from './auth/sigv4.js';
import { createCognitoStandIn } from './cognito/index.js';
import { prepareSigningKey, type SigningKey } from './cognito/signing-key.js';
import type { DataSource } from './datasources/contract.js';
import { createDynamoDbDataSource } from './datasources/dynamodb.js';
import { createEventThread, type EventFunction } from './datasources/event-worker.js';
import { createLambdaDataSource, type LambdaDataSource, type LambdaHandler } from './datasources/lambda.js';
import { createNoneDataSource } from './datasources/none.js';
import type { DynamoStore } from './dynamodb/store.js';
import { startEmbeddedDynamo } from './dynamodb/embedded.js';
import { ensureTables } from './dynamodb/tables.js';
import { FieldAuthorizer, RequestAuthenticator } from './graphql/authorize.js';
import { Executor, type Limits } from './graphql/executor.js';
import type { ResolverSet } from './graphql/resolve.js';
import { createBackendSwitch } from './graphql/backend-switch.js';
import { createConsoleRoutes } from './console/routes.js';
import { createLogFeed } from './console/log-feed.js';
import { createHttpServer, type HttpApp, type HttpTimeouts } from './http/server.js';
import { createBuiltSite } from './http/static.js';
import { createRealtimeServer } from './realtime/server.js';
import { compileBundle, setIsolation, setRuntimeClock, type Isolation } from './runtime/index.js';
import { systemClock, type Clock } from './clock.js';
import { refuseUnsupportedCode } from './runtime/code-checks.js';
import type { CompiledBundle } from './runtime/contract.js';
import { createSnsStandIn } from './sns/index.js';
import { createSchedulerStandIn, type ScheduleGroupInfo, type SchedulerStandIn } from './scheduler/stand-in.js';

export interface EngineOptions {
  /** Path of the API description module (default export of `defineApi`). */
  descriptionPath: string;
  /** 0 picks a free port. Default 4000. */
  port?: number;
  host?: string;
  /** Where state lives between runs; null keeps everything in memory. Default `.turnbase` in the working directory. */
  dataDir?: string | null;
  /** Another DynamoDB (DynamoDB Local, AWS); default: `TURNBASE_DYNAMODB_ENDPOINT`, else embedded dynalite. */
  dynamodbEndpoint?: string;
  /** Prefix of physical table names, so several engines can share one DynamoDB. */
  tablePrefix?: string;
  region?: string;
  /** AppSync allows 30 s per request. */
  resolverTimeoutMs?: number;
  keepAliveIntervalMs?: number;
  maxBodyBytes?: number;
  /** How long a client may take to send headers and a whole request (local/http/server.ts). */
  httpTimeouts?: Partial<HttpTimeouts>;
  limits?: Partial<Limits>;
  /** One log line per request with per-resolver timings. Default true. */
  requestLog?: boolean;
  /** Log each resolver's request and response objects. */
  verbose?: boolean;
  /** How resolver runs are isolated (see local/runtime/sandbox.ts); process-wide. Default 'shared-realm'. */
  isolation?: Isolation;
  log?: (line: string) => void;
  /** Where to write `amplify_outputs.json`; false writes nothing. */
  amplifyOutputsPath?: string | false;
  /** What resolvers' `util.time.now*` and the scheduler read (process-wide, like `isolation`). Tests pass a manual clock. */
  clock?: Clock;
  /** How often the scheduler stand-in fires due schedules by itself; 0: only when `scheduler.fireDue()` is called (tests). Default 1000. */
  schedulerPollMs?: number;
  /** AppSync environment variables (`ctx.env`) set over the description's, e.g. a test's smaller limit. */
  environment?: Record<string, string>;
  /** The waits before each retry of a failed asynchronous Lambda invocation; default Lambda's (1 min, then 2 min). */
  lambdaRetryDelaysMs?: readonly number[];
  /**
   * The user pool's signing key when it lives in memory only (`dataDir` null), instead of a new one: a 2048-bit RSA key
   * costs about 0.2 s of CPU, and a test process starts dozens of engines. Ignored with a data directory, which keeps its own.
   */
  memorySigningKey?: SigningKey;
}

export interface ReloadResult {
  /** Bundles esbuild rebuilt (the others were unchanged). */
  built: string[];
  /** Every source file the bundles are made from. */
  inputs: string[];
  ms: number;
}

export interface RunningEngine {
  api: LoadedApi;
  /** The GraphQL executor behind the HTTP port (for tools and benchmarks that skip HTTP). */
  executor: Executor;
  url: string;
  graphqlUrl: string;
  realtimeUrl: string;
  outboxUrl: string;
  apiKey: string;
  userPool?: { id: string; clientId: string; endpoint: string; issuer: string };
  /** Physical table name by description table name. */
  tableNames: Record<string, string>;
  dynamodbEndpoint: string;
  amplifyOutputs: Record<string, unknown>;
  /** Resolves once every asynchronous (Event) Lambda invocation started so far has finished. */
  settled(): Promise<void>;
  /** The EventBridge Scheduler stand-in: `fireDue()` runs what the clock says is due (it also runs every second by itself). */
  scheduler: Pick<SchedulerStandIn, 'fireDue' | 'schedules'>;
  /**
   * Loads the description again, re-bundles what changed and swaps the API in place: same port, data,
   * API key, signing key and real-time connections. On failure the running API stays as it was.
   * `api`, `executor`, `tableNames`, `amplifyOutputs` and `sources` then describe the new API.
   */
  reload(): Promise<ReloadResult>;
  /** Every source file the bundles are made from (what a watcher watches). */
  sources: string[];
  /**
   * Shuts down gracefully: new requests get a 503 and new WebSocket upgrades are refused, requests in flight
   * finish (for `graceMs` at most, default 10 s), WebSockets are closed with 1001, then the stores are flushed and closed.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 10_000;

const ACCOUNT_ID = '000000000000';
let engineCount = 0;

/** The AWS SDK inside Lambda handlers reads these; locally they lead to the stand-ins. */
function pointSdkAt(url: string, dynamodbEndpoint: string, region: string): void {
  process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = `${url}/cognito`;
  process.env.AWS_ENDPOINT_URL_SNS = `${url}/sns`;
  process.env.AWS_ENDPOINT_URL_SCHEDULER = `${url}/scheduler`;
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamodbEndpoint;
  process.env.AWS_REGION ??= region;
}

/**
 * A function's module is loaded on its first invocation, as Lambda does on a cold start: loading the
 * AWS SDK clients a handler imports was a third of the engine's start-up, and many runs never call some
 * functions. A module that fails to load fails that invocation (and the next ones), as on Lambda.
 */
function lazyHandler(load: () => Promise<LambdaHandler>): LambdaHandler {
  let loading: Promise<LambdaHandler> | undefined;
  return async (event, context) => {
    loading ??= load();
    return (await loading)(event, context);
  };
}

function compileAll(bundled: BundledApi): Pick<ResolverSet, 'resolvers' | 'functions'> {
  refuseUnsupportedCode([...bundled.resolvers.values(), ...bundled.functions.values()]);
  const compile = (map: Map<string, { code: string }>): Map<string, CompiledBundle> =>
    new Map([...map].map(([name, b]) => [name, compileBundle(name, b.code, { remember: true })]));
  return { resolvers: compile(bundled.resolvers), functions: compile(bundled.functions) };
}

/**
 * A confirmation code reaches the user the way Cognito sends it: an SMS lands in the outbox
 * (the local stand-in for their phone); an e-mail is only logged, as the engine has no mailbox.
 */
function deliverConfirmationCode(
  sns: ReturnType<typeof createSnsStandIn>,
  message: { channel: 'SMS' | 'EMAIL'; destination: string; username: string; code: string },
  log: (line: string) => void,
): void {
  const text = `Your confirmation code is ${message.code}`;
  if (message.channel === 'EMAIL') {
    log(JSON.stringify({ level: 'info', message: `e-mail to ${message.destination}: ${text}` }));
    return;
  }
  const form = new URLSearchParams({
    Action: 'Publish',
    Version: '2010-03-31',
    PhoneNumber: message.destination,
    Message: text,
    'MessageAttributes.entry.1.Name': 'recipient',
    'MessageAttributes.entry.1.Value.DataType': 'String',
    'MessageAttributes.entry.1.Value.StringValue': message.username,
  });
  void sns.handle(form.toString(), 'application/x-www-form-urlencoded');
}

export async function startEngine(options: EngineOptions): Promise<RunningEngine> {
  // The console's log panel reads the same lines the engine prints.
  const logFeed = createLogFeed();
  const log = logFeed.tap(options.log ?? ((line: string) => console.log(line)));
  const region = options.region ?? process.env.AWS_REGION ?? 'us-east-1';
  const dataDir = options.dataDir === undefined ? resolve('.turnbase') : options.dataDir === null ? null : resolve(options.dataDir);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const initial = await loadApi(options.descriptionPath);
  const { description } = initial;
  const cognitoDir = dataDir ? join(dataDir, 'cognito') : null;
  // Generated on the thread pool while the bundles are read and compiled.
  const signingKey = description.userPool ? (cognitoDir === null && options.memorySigningKey ? Promise.resolve(options.memorySigningKey) : prepareSigningKey(cognitoDir)) : undefined;
  signingKey?.catch(() => {}); // awaited below; a failure is reported there, not as an unhandled rejection
  const bundled = await bundleApi(initial);
  setIsolation(options.isolation ?? 'shared-realm');
  const clock = options.clock ?? systemClock;
  setRuntimeClock(clock);
  const compiled = compileAll(bundled);
  engineCount += 1;
  const engineNumber = engineCount;

  // The port must be known before the stand-ins start: it is part of the token issuer.
  const cleanups: Array<() => Promise<void> | void> = [];
  let app: HttpApp | undefined;
  const server = createHttpServer(() => app, options.httpTimeouts);
  server.listen(options.port ?? 4000, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(() => server.shut());
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  try {
    const dynamo = options.dynamodbEndpoint ?? process.env.TURNBASE_DYNAMODB_ENDPOINT;
    const embedded = dynamo ? undefined : await startEmbeddedDynamo({ dataDir });
    if (embedded) cleanups.push(() => embedded.close());
    const dynamodbEndpoint = dynamo ?? embedded!.endpoint;
    // The embedded store is called in process; any other endpoint over HTTP, signed (client.ts, loaded only then).
    let store: DynamoStore;
    if (embedded) store = embedded.store;
    else {
      const { endpointStore } = await import('./dynamodb/client.js');
      const external = endpointStore(dynamodbEndpoint, region);
      cleanups.unshift(() => external.close());
      store = external;
    }
    const sns = createSnsStandIn({ dataDir: dataDir ? join(dataDir, 'sns') : null, region, accountId: ACCOUNT_ID, log });
    cleanups.unshift(() => sns.deliveriesSettled());
    const warn = (message: string) => log(JSON.stringify({ level: 'warn', message }));

    // Created once: their keys, users and tokens outlive every reload of the API.
    const cognito = description.userPool
      ? createCognitoStandIn({
          pool: description.userPool,
          region,
          dataDir: cognitoDir,
          signingKey: await signingKey,
          issuerBaseUrl: url,
          deliverCode: (message) => deliverConfirmationCode(sns, message, log),
        })
      : undefined;
    if (cognito) cleanups.push(() => cognito.close());
    const initialModes = [description.auth.default, ...(description.auth.additional ?? [])];
    const apiKeys = initialModes.includes('API_KEY') ? createApiKeyStore({ dataDir: dataDir ? join(dataDir, 'auth') : null, expiresInDays: description.auth.apiKeyExpiresInDays ?? 365 }) : undefined;
    const verifier = cognito ? createUserPoolVerifier({ issuer: cognito.issuer, keys: () => cognito.jwks(), clientIds: [cognito.clientId] }) : undefined;
    const apiKey = apiKeys?.currentKey().id ?? '';
    const graphqlUrl = `${url}/graphql`;
    pointSdkAt(url, dynamodbEndpoint, region);
    // The mounted API's schedule groups and functions, which the scheduler (created once) fires into.
    let scheduleGroups: ScheduleGroupInfo[] = [];
    let functionsByArn = new Map<string, LambdaDataSource>();
    const scheduler = createSchedulerStandIn({
      dataDir: dataDir ? join(dataDir, 'scheduler') : null,
      region,
      accountId: ACCOUNT_ID,
      clock,
      groups: () => scheduleGroups,
      invoke: (arn, input) => {
        const target = functionsByArn.get(arn);
        if (!target) return log(JSON.stringify({ level: 'warn', message: `scheduler: no function ${arn} to invoke` }));
        void target.invoke({ operation: 'Invoke', invocationType: 'Event', payload: input });
      },
      log,
    });
    // The runtime's clock is process-wide: give the system's back when this engine closes (test files share a process).
    cleanups.push(() => setRuntimeClock(systemClock));
    const pollMs = options.schedulerPollMs ?? 1000;
    if (pollMs > 0) {
      const schedulerTimer = setInterval(() => scheduler.fireDue(), pollMs);
      schedulerTimer.unref();
      cleanups.unshift(() => clearInterval(schedulerTimer));
    }
    // The functions' credentials: what they sign AWS_IAM requests to this API with.
    const iamCredentials = localIamCredentials(process.env, ACCOUNT_ID, description.name);
    const iamVerifier = createSigV4Verifier({ region, service: 'appsync', credentials: () => [iamCredentials] });

    /** The mounted API's functions, and those of earlier mounts while they still have invocations running or retries waiting. */
    let lambdaSources: LambdaDataSource[] = [];
    const keepLambdaSources = (current: LambdaDataSource[]) => {
      lambdaSources = [...lambdaSources.filter((source) => !source.idle()), ...current];
    };
    const settled = async () => {
      await Promise.all(lambdaSources.map((source) => source.settled()));
    };
    cleanups.unshift(async () => {
      for (const source of lambdaSources) source.dropRetries();
      await settled();
    });
    /** Lambda handlers by function name, with the bundle they were loaded from (loaded again only when it changes). */
    const loadedLambdas = new Map<string, { code: string; handler: LambdaHandler; events: EventFunction }>();
    // The functions' Event invocations run on this thread (event-worker.ts); it stops when the engine closes. Their SNS
    // publishes reach the stand-in without this thread's HTTP stack (thread-endpoints.ts).
    const eventThread = createEventThread([{ url: `${url}/sns`, handle: (body, type) => sns.handle(body, type) }]);
    cleanups.push(() => eventThread.close());
    let generation = 0;

    /** Everything that depends on the description and the bundles: built at start, and again by `reload`. */
    const mount = async (api: LoadedApi, bundled: BundledApi, compiled: Pick<ResolverSet, 'resolvers' | 'functions'>) => {
      const { description } = api;
      const functionSources: LambdaDataSource[] = [];
      if (JSON.stringify(description.userPool) !== JSON.stringify(initial.description.userPool)) {
        throw new Error('the user pool settings changed: restart the engine to apply them');
      }
      const modes = [description.auth.default, ...(description.auth.additional ?? [])];
      if (modes.includes('API_KEY') && !apiKeys) throw new Error('API_KEY auth was added: restart the engine to apply it');
      generation += 1;
      const tableNames = Object.fromEntries(Object.keys(description.tables ?? {}).map((t) => [t, `${options.tablePrefix ?? ''}${description.name}-${t}`]));
      await ensureTables(store, Object.entries(description.tables ?? {}).map(([t, config]) => ({ name: tableNames[t], config })), { warn });
      const functionArn = (fn: string) => `arn:aws:lambda:${region}:${ACCOUNT_ID}:function:${description.name}-${fn}`;
      const groupName = (group: string) => `${description.name}-${group}`;
      const groupRoleArn = (group: string) => `arn:aws:iam::${ACCOUNT_ID}:role/${description.name}-${group}-scheduler`;
      const topicArns = Object.fromEntries(Object.keys(description.topics ?? {}).map((t) => [t, `arn:aws:sns:${region}:${ACCOUNT_ID}:${description.name}-${t}`]));
      for (const topic of Object.keys(topicArns)) {
        await sns.handle(new URLSearchParams({ Action: 'CreateTopic', Version: '2010-03-31', Name: `${description.name}-${topic}` }).toString(), 'application/x-www-form-urlencoded');
      }

      const reference = (value: EnvironmentValue): string => {
        if (typeof value === 'string') return value;
        switch (value.ref) {
          case 'table.name':
            return tableNames[value.table];
          case 'topic.arn':
            return topicArns[value.topic];
          case 'userPool.id':
            return cognito?.poolId ?? '';
          case 'userPool.clientId':
            return cognito?.clientId ?? '';
          case 'region':
            return region;
          case 'graphql.url':
            return graphqlUrl;
          case 'function.arn':
            return functionArn(value.function);
          case 'scheduleGroup.name':
            return groupName(value.group);
          case 'scheduleGroup.roleArn':
            return groupRoleArn(value.group);
        }
      };
      const resolveAll = (env: Record<string, EnvironmentValue> | undefined): Record<string, string> =>
        Object.fromEntries(Object.entries(env ?? {}).map(([k, v]) => [k, reference(v)]));

      const lambdas = new Map<string, LambdaHandler>();
      const eventFunctions = new Map<string, EventFunction>();
      for (const [name, fn] of Object.entries(description.functions ?? {})) {
        // In-process functions share process.env; each function's variables are set before its module loads.
        const environment = resolveAll(fn.environment);
        Object.assign(process.env, environment);
        const bundle = bundled.lambdas.get(name)!;
        const loaded = loadedLambdas.get(name);
        if (loaded && loaded.code === bundle.code) {
          lambdas.set(name, loaded.handler);
          eventFunctions.set(name, loaded.events);
          continue;
        }
        // A fresh module instance per engine and per changed bundle, so SDK clients created at load time see this engine's endpoints.
        const url = `${pathToFileURL(join(bundle.dir, 'index.mjs')).href}?engine=${engineNumber}.${generation}`;
        // What pointSdkAt set for this engine, as it is now: another engine may have started before the first call.
        const sdkEnvironment = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith('AWS_')));
        const handler = lazyHandler(async () => {
          Object.assign(process.env, sdkEnvironment, environment);
          const module = (await import(url)) as { handler?: LambdaHandler };
          if (typeof module.handler !== 'function') throw new Error(`function "${name}" (${fn.entry}) does not export a handler`);
          return module.handler;
        });
        const events: EventFunction = { name, moduleUrl: url, environment: { ...sdkEnvironment, ...environment }, timeoutSeconds: fn.timeoutSeconds ?? 30 };
        lambdas.set(name, handler);
        eventFunctions.set(name, events);
        loadedLambdas.set(name, { code: bundle.code, handler, events });
      }

      // Every function can be a schedule's target, data source or not.
      const invokers = new Map<string, LambdaDataSource>();
      for (const [name, fn] of Object.entries(description.functions ?? {})) {
        const invoker = createLambdaDataSource({
          name,
          handler: lambdas.get(name)!,
          runEvent: eventThread.runner(eventFunctions.get(name)!),
          timeoutSeconds: fn.timeoutSeconds ?? 30,
          log,
          asyncRetryDelaysMs: options.lambdaRetryDelaysMs,
        });
        functionSources.push(invoker);
        invokers.set(functionArn(name), invoker);
      }
      const groups = Object.entries(description.scheduleGroups ?? {}).map(([name, group]) => ({ name: groupName(name), roleArn: groupRoleArn(name), targetArns: group.targets.map(functionArn) }));

      const dataSources = new Map<string, DataSource>();
      for (const [name, ds] of Object.entries(description.dataSources)) {
        if (ds.type === 'NONE') dataSources.set(name, createNoneDataSource());
        if (ds.type === 'AMAZON_DYNAMODB') dataSources.set(name, createDynamoDbDataSource({ store, tableName: tableNames[ds.table] }));
        if (ds.type === 'AWS_LAMBDA') {
          const fn = description.functions![ds.function];
          const source = createLambdaDataSource({
            name: ds.function,
            handler: lambdas.get(ds.function)!,
            runEvent: eventThread.runner(eventFunctions.get(ds.function)!),
            timeoutSeconds: fn.timeoutSeconds ?? 30,
            log,
            asyncRetryDelaysMs: options.lambdaRetryDelaysMs,
          });
          functionSources.push(source);
          dataSources.set(name, source);
        }
      }

      const executor = new Executor({
        api,
        resolvers: { ...compiled, dataSources },
        authenticator: new RequestAuthenticator(modes, apiKeys, verifier, iamVerifier),
        fieldAuth: new FieldAuthorizer(description.auth.default),
        env: { ...resolveAll(description.environment), ...options.environment },
        timeoutMs: options.resolverTimeoutMs ?? 30_000,
        limits: options.limits,
      });
      const outputs = amplifyOutputs(description, {
        region,
        graphqlUrl,
        apiKey,
        userPoolId: cognito?.poolId,
        userPoolClientId: cognito?.clientId,
        userPoolEndpoint: cognito ? `${url}/cognito` : undefined,
      });
      return { api, executor, tableNames, outputs, sources: bundled.inputs, groups, invokers, lambdaSources: functionSources };
    };

    const site = description.web && createBuiltSite(initial.root, description.web, log);
    if (site) cleanups.unshift(() => site.close());
    let mounted = await mount(initial, bundled, compiled);
    keepLambdaSources(mounted.lambdaSources);
    scheduleGroups = mounted.groups;
    functionsByArn = mounted.invokers;
    const backendSwitch = createBackendSwitch(mounted.executor);
    const realtime = createRealtimeServer({ backend: backendSwitch.backend, keepAliveIntervalMs: options.keepAliveIntervalMs, log });
    cleanups.unshift(() => realtime.close());

    const appFor = ({ api, executor, tableNames, outputs }: typeof mounted): HttpApp => ({
      executor,
      cognito: cognito && {
        handle: (target, body) => cognito.handle(target, body),
        poolPath: `/${cognito.poolId}`,
        jwks: () => cognito.jwks(),
        openidConfiguration: () => cognito.openidConfiguration(),
      },
      sns: { handle: (body, type) => sns.handle(body, type), outbox: (filter) => sns.outbox(filter) },
      scheduler: { handle: (method, path, query, body) => scheduler.handle(method, path, query, body) },
      realtime,
      console: createConsoleRoutes({
        description: api.description,
        schema: () => executor.schema,
        apiKey: () => apiKey,
        userPool: cognito && { id: cognito.poolId, clientId: cognito.clientId },
        tableNames,
        dynamo: store,
        outbox: () => sns.outbox(),
        logFeed,
        requestLog: options.requestLog ?? true,
        verbose: options.verbose ?? false,
      }),
      amplifyOutputs: () => outputs,
      staticFiles: site ? (pathname, requestHeaders, res) => site.serve(pathname, requestHeaders, res) : undefined,
      maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
      requestLog: options.requestLog ?? true,
      verbose: options.verbose ?? false,
      log,
    });
    app = appFor(mounted);
    if (options.amplifyOutputsPath) writeFileSync(options.amplifyOutputsPath, `${JSON.stringify(mounted.outputs, null, 2)}\n`);

    let reloading: Promise<unknown> = Promise.resolve();
    const reload = async (): Promise<ReloadResult> => {
      const started = performance.now();
      const api = await loadApi(options.descriptionPath, { fresh: true });
      const next = await bundleApi(api);
      const nextMounted = await mount(api, next, compileAll(next));
      // The swap itself: requests already running finish on the old API, the next ones use the new one.
      mounted = nextMounted;
      keepLambdaSources(mounted.lambdaSources);
      scheduleGroups = mounted.groups;
      functionsByArn = mounted.invokers;
      backendSwitch.use(mounted.executor);
      app = appFor(mounted);
      Object.assign(engine, { api: mounted.api, executor: mounted.executor, tableNames: mounted.tableNames, amplifyOutputs: mounted.outputs, sources: mounted.sources });
      return { built: next.built, inputs: next.inputs, ms: performance.now() - started };
    };

    const engine: RunningEngine = {
      api: mounted.api,
      executor: mounted.executor,
      url,
      graphqlUrl,
      realtimeUrl: `${url.replace(/^http/, 'ws')}/graphql/realtime`,
      outboxUrl: `${url}/outbox`,
      apiKey,
      userPool: cognito && { id: cognito.poolId, clientId: cognito.clientId, endpoint: `${url}/cognito`, issuer: cognito.issuer },
      tableNames: mounted.tableNames,
      dynamodbEndpoint,
      amplifyOutputs: mounted.outputs,
      settled,
      scheduler: { fireDue: () => scheduler.fireDue(), schedules: () => scheduler.schedules() },
      sources: mounted.sources,
      reload() {
        // One reload at a time, in the order asked: a burst of edits ends on the last one.
        const result = reloading.then(reload);
        reloading = result.catch(() => undefined);
        return result;
      },
      async close(closeOptions) {
        await server.drain(closeOptions?.graceMs ?? SHUTDOWN_GRACE_MS);
        for (const cleanup of cleanups) await cleanup();
      },
    };
    return engine;
  } catch (error) {
    for (const cleanup of cleanups) await cleanup();
    throw error;
  }
}
