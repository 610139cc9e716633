/**
 * The AppSync GraphQL API: schema file, auth modes, logging, X-Ray, `ctx.env`, data sources, and
 * one resolver or pipeline function per resolver file, each running the esbuild bundle that
 * `bundleApi` made (the file the local engine executes).
 */
import { Duration, Expiration, Validations } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import type { BundledApi } from '../description/bundle.js';
import type { LoadedApi, ResolverRoute } from '../description/load.js';
import type { AuthMode } from '../description/types.js';
import { appsyncName, pascalCase } from './names.js';
import { acknowledgeWildcardResource, arnPlaceholder, attributePlaceholder } from './nag.js';
import { lookupTable, lookupUserPool, resolveEnvironment, type StackResources } from './resources.js';

export interface CreateGraphqlApiOptions {
  api: LoadedApi;
  bundle: BundledApi;
  resources: StackResources;
  functions: Map<string, lambda.Function>;
}

function authorizationMode(mode: AuthMode, options: CreateGraphqlApiOptions): appsync.AuthorizationMode {
  if (mode === 'API_KEY') {
    const days = options.api.description.auth.apiKeyExpiresInDays ?? 7;
    if (!Number.isInteger(days) || days < 1 || days > 365) throw new Error(`auth.apiKeyExpiresInDays must be a whole number from 1 to 365, got ${days}`);
    return { authorizationType: appsync.AuthorizationType.API_KEY, apiKeyConfig: { name: 'default', expires: Expiration.after(Duration.days(days)) } };
  }
  if (mode === 'AMAZON_COGNITO_USER_POOLS') {
    return { authorizationType: appsync.AuthorizationType.USER_POOL, userPoolConfig: { userPool: lookupUserPool(options.resources, 'auth mode AMAZON_COGNITO_USER_POOLS').pool } };
  }
  if (mode === 'AWS_IAM') {
    // Callers need an IAM policy allowing appsync:GraphQL on the fields they call (see the graphql grant).
    return { authorizationType: appsync.AuthorizationType.IAM };
  }
  throw new Error(`auth mode "${String(mode)}" is not supported`);
}

export class GraphqlApiConstruct extends Construct {
  readonly graphqlApi: appsync.GraphqlApi;
  readonly dataSources = new Map<string, appsync.BaseDataSource>();
  readonly resolvers: appsync.Resolver[] = [];
  readonly pipelineFunctions = new Map<string, appsync.AppsyncFunction>();

  constructor(scope: Construct, id: string, private readonly options: CreateGraphqlApiOptions) {
    super(scope, id);
    const { api } = options;
    const description = api.description;

    const logsRole = new iam.Role(this, 'LogsRole', {
      assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com'),
      description: 'Lets AppSync write the logs of this one API',
    });
    this.graphqlApi = new appsync.GraphqlApi(this, 'Api', {
      name: description.name,
      definition: appsync.Definition.fromFile(join(api.root, description.schema)),
      authorizationConfig: {
        defaultAuthorization: authorizationMode(description.auth.default, options),
        additionalAuthorizationModes: (description.auth.additional ?? []).map((mode) => authorizationMode(mode, options)),
      },
      // With logConfig, CDK manages the log group /aws/appsync/apis/<id> through its LogRetention custom resource.
      // excludeVerboseContent: field logs keep timings and errors but not the request and response
      // objects, which carry passwords (register, login) and tokens (login, refreshSession).
      logConfig: { fieldLogLevel: appsync.FieldLogLevel.ALL, excludeVerboseContent: true, role: logsRole, retention: logs.RetentionDays.ONE_MONTH },
      xrayEnabled: true,
      environmentVariables: resolveEnvironment(description.environment, options.resources, 'API environment'),
    });
    Validations.of(this.graphqlApi).acknowledge({
      id: 'AwsSolutions-ASC3',
      reason: 'Field-level logging is on at ALL; only the verbose request and response objects are excluded, because they carry players\' passwords and session tokens.',
    });
    logsRole.addToPolicy(new iam.PolicyStatement({
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [this.graphqlApi.logGroup.logGroupArn],
    }));
    const logGroupName = attributePlaceholder(this.graphqlApi.node.findChild('LogRetention'), 'LogGroupName');
    acknowledgeWildcardResource(logsRole, `arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:${logGroupName}:*`,
      'The trailing :* stands for the log streams of this API\'s one log group, which AppSync creates as it logs.');

    this.createDataSources();
    for (const route of api.resolvers) this.createResolver(route);
  }

  private createDataSources(): void {
    for (const [name, config] of Object.entries(this.options.api.description.dataSources)) {
      const id = `DataSource${pascalCase(name)}`;
      const props = { name: appsyncName(name) };
      if (config.type === 'NONE') {
        this.dataSources.set(name, this.graphqlApi.addNoneDataSource(id, props));
      } else if (config.type === 'AMAZON_DYNAMODB') {
        const table = lookupTable(this.options.resources, config.table, `data source "${name}"`);
        const dataSource = this.graphqlApi.addDynamoDbDataSource(id, table, props);
        if (Object.keys(this.options.resources.tableIndexes.get(config.table) ?? {}).length > 0) {
          acknowledgeWildcardResource(dataSource, `${arnPlaceholder(table)}/index/*`, 'Resolvers of this data source may query any index of its one table; CDK grants the indexes as <table arn>/index/*.');
        }
        this.dataSources.set(name, dataSource);
      } else if (config.type === 'AWS_LAMBDA') {
        const fn = this.options.functions.get(config.function);
        if (!fn) throw new Error(`data source "${name}" names function "${config.function}", which the description does not declare`);
        const dataSource = this.graphqlApi.addLambdaDataSource(id, fn, props);
        acknowledgeWildcardResource(dataSource, `${arnPlaceholder(fn)}:*`, 'AppSync may invoke this one function and its versions; CDK grants the versions as <function arn>:*.');
        this.dataSources.set(name, dataSource);
      } else {
        throw new Error(`data source "${name}" has unknown type ${JSON.stringify(config)}`);
      }
    }
  }

  private dataSource(name: string, coordinate: string): appsync.BaseDataSource {
    const dataSource = this.dataSources.get(name);
    if (!dataSource) throw new Error(`${coordinate} uses data source "${name}", which the description does not declare`);
    return dataSource;
  }

  private createResolver(route: ResolverRoute): void {
    const coordinate = `${route.typeName}.${route.fieldName}`;
    const id = `Resolver${pascalCase(route.typeName)}${pascalCase(route.fieldName)}`;
    const runtime = appsync.FunctionRuntime.JS_1_0_0;
    const ownCode = this.options.bundle.resolvers.get(coordinate)?.code;
    if (route.kind === 'UNIT') {
      if (ownCode === undefined) throw new Error(`${coordinate} has no bundle: pass the BundledApi made from the same LoadedApi`);
      this.resolvers.push(this.graphqlApi.createResolver(id, {
        typeName: route.typeName,
        fieldName: route.fieldName,
        dataSource: this.dataSource(route.dataSource ?? '', coordinate),
        runtime,
        code: appsync.Code.fromInline(ownCode),
      }));
      return;
    }
    const pipelineConfig = route.functions.map((step) => {
      const code = this.options.bundle.functions.get(step.name)?.code;
      if (code === undefined) throw new Error(`pipeline function ${step.name} has no bundle: pass the BundledApi made from the same LoadedApi`);
      const fn = new appsync.AppsyncFunction(this, `Function${pascalCase(step.name)}`, {
        name: appsyncName(step.name),
        api: this.graphqlApi,
        dataSource: this.dataSource(step.dataSource, coordinate),
        runtime,
        code: appsync.Code.fromInline(code),
      });
      this.pipelineFunctions.set(step.name, fn);
      return fn;
    });
    if (ownCode === undefined) throw new Error(`${coordinate} has no bundle for its before/after handlers: pass the BundledApi made from the same LoadedApi`);
    this.resolvers.push(this.graphqlApi.createResolver(id, {
      typeName: route.typeName,
      fieldName: route.fieldName,
      pipelineConfig,
      runtime,
      code: appsync.Code.fromInline(ownCode),
    }));
  }

  /** `wss://…appsync-realtime-api…/graphql`, as CloudFormation reports it. */
  get realtimeUrl(): string {
    return (this.graphqlApi.node.defaultChild as appsync.CfnGraphQLApi).attrRealtimeUrl;
  }
}
