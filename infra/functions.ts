/**
 * Lambda functions of the description, deployed from the esbuild bundle that `bundleApi` made
 * (the same file the local engine runs): ARM64, Node.js 22, one role per function holding only
 * its log-writing rights and the statements its grants describe.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { BundledApi } from '../description/bundle.js';
import type { EnvironmentValue, FunctionConfig, Grant } from '../description/types.js';
import { LAMBDA_DEFAULTS } from './defaults.js';
import { grantStatements } from './grants.js';
import { acknowledgeWildcardResource } from './nag.js';
import { pascalCase } from './names.js';
import { resolveEnvironment, resolveValue, type StackResources } from './resources.js';

export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_22_X;

/** Lambda sets these itself and refuses them in a function's configuration. */
const RESERVED_KEYS = new Set(['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', '_HANDLER', 'LAMBDA_TASK_ROOT']);

/** References to what is built after the functions (it depends on them): resolved by `complete`. */
const LATE_REFERENCES = new Set(['graphql.url', 'function.arn', 'scheduleGroup.name', 'scheduleGroup.roleArn']);

function isLate(value: EnvironmentValue): boolean {
  return typeof value === 'object' && LATE_REFERENCES.has(value.ref);
}

function isLateGrant(grant: Grant): boolean {
  return 'graphql' in grant || 'scheduleGroup' in grant;
}

function lambdaEnvironment(config: FunctionConfig, resources: StackResources, usedBy: string): Record<string, string> {
  const environment = Object.fromEntries(Object.entries(config.environment ?? {}).filter(([, value]) => !isLate(value)));
  for (const key of Object.keys(environment)) {
    if (!RESERVED_KEYS.has(key)) continue;
    const value = environment[key];
    // The local engine has to be told the region; Lambda already provides it, so drop that one silently.
    if (typeof value === 'object' && value.ref === 'region' && (key === 'AWS_REGION' || key === 'AWS_DEFAULT_REGION')) {
      delete environment[key];
      continue;
    }
    throw new Error(`${usedBy}: environment variable ${key} is reserved by Lambda`);
  }
  return resolveEnvironment(environment, resources, usedBy);
}

export interface CreateFunctionsOptions {
  functions: Record<string, FunctionConfig> | undefined;
  bundle: BundledApi;
  resources: StackResources;
  retain: boolean;
}

export interface CreatedFunctions {
  functions: Map<string, lambda.Function>;
  /**
   * Adds what refers to resources made after the functions (the API, schedule groups, other
   * functions): those environment variables and grants. Call once `resources` holds them.
   */
  complete(): void;
}

export function createFunctions(scope: Construct, options: CreateFunctionsOptions): CreatedFunctions {
  const created = new Map<string, lambda.Function>();
  const policies = new Map<string, iam.PolicyDocument>();
  for (const [name, config] of Object.entries(options.functions ?? {})) {
    const usedBy = `function "${name}"`;
    const bundled = options.bundle.lambdas.get(name);
    if (!bundled) throw new Error(`${usedBy} has no bundle: pass the BundledApi made from the same LoadedApi`);
    const id = `Function${pascalCase(name)}`;
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: options.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const access = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
        ...grantStatements(config.grants?.filter((grant) => !isLateGrant(grant)), options.resources, usedBy),
      ],
    });
    policies.set(name, access);
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Least-privilege role of the ${name} function`,
      inlinePolicies: { access },
    });
    const fn = new lambda.Function(scope, id, {
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(bundled.dir),
      role,
      logGroup,
      environment: lambdaEnvironment(config, options.resources, usedBy),
      timeout: Duration.seconds(config.timeoutSeconds ?? LAMBDA_DEFAULTS.timeoutSeconds),
      memorySize: config.memoryMB ?? LAMBDA_DEFAULTS.memoryMB,
    });
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 22 is the runtime the project supports and tests on (bundles target node20+); moving to a newer runtime is a deliberate, tested upgrade.',
    });
    created.set(name, fn);
  }
  return {
    functions: created,
    complete() {
      for (const [name, config] of Object.entries(options.functions ?? {})) {
        const usedBy = `function "${name}"`;
        const fn = created.get(name)!;
        for (const [key, value] of Object.entries(config.environment ?? {})) {
          if (isLate(value)) fn.addEnvironment(key, resolveValue(value, options.resources, `${usedBy} (${key})`));
        }
        // Into the same inline policy, so the role still holds all it may do in one place.
        policies.get(name)!.addStatements(...grantStatements(config.grants?.filter(isLateGrant), options.resources, usedBy));
        const group = config.grants?.find((grant): grant is Extract<Grant, { scheduleGroup: string }> => 'scheduleGroup' in grant);
        if (group) {
          const groupName = options.resources.scheduleGroups!.get(group.scheduleGroup)!.name;
          acknowledgeWildcardResource(fn.role!, `arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${groupName}/*`,
            'The function names each schedule at run time (one per game and turn); the grant covers the schedules of its one schedule group only.');
        }
      }
    },
  };
}
