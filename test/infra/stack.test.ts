/**
 * The synthesized stack of the fixture API, checked against the description and the bundles it
 * was built from: resolvers, pool, tables, IAM, environment, cdk-nag.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import type { CfnResource } from 'aws-cdk-lib';
import { checkPasswordPolicy } from '../../local/cognito/passwords.js';
import { parseSignUpAttributes } from '../../local/cognito/attributes.js';
import { PIPELINE_PASS_THROUGH_CODE } from '../../description/bundle.js';
import { OUTPUT_NAMES } from '../../infra/output-names.js';
import type { Grant } from '../../description/types.js';
import { resourcesOfType, synthesize, type CfnJson, type Synthesized } from './synthesize.js';

const fixturePath = join(import.meta.dirname, 'fixture', 'api.ts');
let s: Synthesized;
let resources: Record<string, CfnJson>;

beforeAll(async () => {
  s = await synthesize(fixturePath);
  resources = s.template.toJSON().Resources ?? {};
});
afterAll(() => s?.cleanup());

function logicalId(construct: { node: { defaultChild?: unknown } }): string {
  return s.stack.resolve((construct.node.defaultChild as CfnResource).logicalId) as string;
}

function getAttArn(id: string) {
  return { 'Fn::GetAtt': [id, 'Arn'] };
}

describe('cdk-nag', () => {
  test('the AwsSolutions pack reports no unacknowledged finding', () => {
    assert.deepEqual(s.nagViolations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`), []);
  });

  test('every acknowledgment carries a reason', () => {
    const acknowledgments: Array<[string, unknown]> = [];
    for (const construct of s.app.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== 'aws:cdk:acknowledged-rules') continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, unknown>)) acknowledgments.push([id, reason]);
      }
    }
    assert.ok(acknowledgments.length > 0);
    for (const [id, reason] of acknowledgments) {
      assert.equal(typeof reason, 'string', id);
      assert.ok((reason as string).length >= 40, `${id} needs a real reason, got ${JSON.stringify(reason)}`);
    }
  });

  test('the synthesized template carries the suppressions with their reasons for auditors', () => {
    const [api] = Object.values(resourcesOfType(s.template, 'AWS::AppSync::GraphQLApi'));
    const rules = api.Metadata?.cdk_nag?.rules_to_suppress as Array<{ id: string; reason: string }>;
    assert.ok(rules.some((rule) => rule.id === 'AwsSolutions-ASC3' && rule.reason.includes('passwords')));
  });
});

describe('AppSync API', () => {
  test('auth modes, logging and X-Ray come from the description', () => {
    const [api] = Object.values(resourcesOfType(s.template, 'AWS::AppSync::GraphQLApi'));
    assert.equal(api.Properties.Name, 'infra-fixture');
    assert.equal(api.Properties.AuthenticationType, 'AMAZON_COGNITO_USER_POOLS');
    assert.deepEqual(api.Properties.AdditionalAuthenticationProviders, [{ AuthenticationType: 'API_KEY' }]);
    assert.deepEqual(api.Properties.UserPoolConfig.UserPoolId, { Ref: logicalId(s.stack.resources.userPool!.pool) });
    assert.equal(api.Properties.LogConfig.FieldLogLevel, 'ALL');
    assert.equal(api.Properties.LogConfig.ExcludeVerboseContent, true);
    assert.equal(api.Properties.XrayEnabled, true);
  });

  test('the schema is the schema file, verbatim', () => {
    const [schema] = Object.values(resourcesOfType(s.template, 'AWS::AppSync::GraphQLSchema'));
    assert.equal(schema.Properties.Definition, readFileSync(join(s.api.root, 'schema.graphql'), 'utf8'));
  });

  test('the API key expires after the described number of days', () => {
    const [key] = Object.values(resourcesOfType(s.template, 'AWS::AppSync::ApiKey'));
    const days = (key.Properties.Expires - Date.now() / 1000) / 86400;
    // Expires is whole seconds, rounded: up to half a second past 30 days when the test runs right after synthesis.
    assert.ok(days > 29 && days <= 30 + 1 / 86400, `expires in ${days} days`);
  });

  test('ctx.env holds the described variables, references resolved to the stack resources', () => {
    const [api] = Object.values(resourcesOfType(s.template, 'AWS::AppSync::GraphQLApi'));
    assert.deepEqual(api.Properties.EnvironmentVariables, {
      GAMES_TABLE: { Ref: logicalId(s.stack.resources.tables.get('games')!) },
      MOVES_TOPIC: { Ref: logicalId(s.stack.resources.topics.get('moves')!) },
      GAME_NAME: 'nim',
    });
  });

  test('one data source per described data source, of the described type', () => {
    const dataSources = Object.values(resourcesOfType(s.template, 'AWS::AppSync::DataSource'));
    const byName = Object.fromEntries(dataSources.map((ds) => [ds.Properties.Name, ds.Properties]));
    assert.deepEqual(Object.keys(byName).sort(), Object.keys(s.api.description.dataSources).sort());
    assert.equal(byName.none.Type, 'NONE');
    assert.equal(byName.games.Type, 'AMAZON_DYNAMODB');
    assert.deepEqual(byName.games.DynamoDBConfig.TableName, { Ref: logicalId(s.stack.resources.tables.get('games')!) });
    assert.equal(byName.auth.Type, 'AWS_LAMBDA');
    assert.deepEqual(byName.auth.LambdaConfig.LambdaFunctionArn, getAttArn(lambdaIds().auth));
  });
});

/** Counts resolver files on disk, independently of `loadApi`. */
function countResolverFiles(dir: string): { units: number; pipelines: number; steps: number } {
  const counts = { units: 0, pipelines: 0, steps: 0 };
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('_')) continue;
    if (statSync(join(dir, entry)).isDirectory()) {
      counts.pipelines += 1;
      counts.steps += readdirSync(join(dir, entry)).filter((file) => /^\d+\./.test(file)).length;
    } else if (entry.endsWith('.ts')) {
      counts.units += 1;
    }
  }
  return counts;
}

describe('resolvers', () => {
  const runtime = { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' };

  test('one AppSync resolver per unit file or pipeline folder, one function per pipeline step', () => {
    const counts = countResolverFiles(join(s.api.root, 'resolvers'));
    assert.equal(Object.keys(resourcesOfType(s.template, 'AWS::AppSync::Resolver')).length, counts.units + counts.pipelines);
    assert.equal(Object.keys(resourcesOfType(s.template, 'AWS::AppSync::FunctionConfiguration')).length, counts.steps);
  });

  test('every resolver and function runs APPSYNC_JS', () => {
    for (const type of ['AWS::AppSync::Resolver', 'AWS::AppSync::FunctionConfiguration']) {
      for (const resource of Object.values(resourcesOfType(s.template, type))) assert.deepEqual(resource.Properties.Runtime, runtime);
    }
  });

  test('unit resolvers deploy their bundle on their data source', () => {
    const resolvers = Object.values(resourcesOfType(s.template, 'AWS::AppSync::Resolver'));
    for (const route of s.api.resolvers.filter((r) => r.kind === 'UNIT')) {
      const coordinate = `${route.typeName}.${route.fieldName}`;
      const resolver = resolvers.find((r) => `${r.Properties.TypeName}.${r.Properties.FieldName}` === coordinate);
      assert.ok(resolver, coordinate);
      assert.equal(resolver.Properties.Kind, 'UNIT');
      assert.equal(resolver.Properties.DataSourceName, route.dataSource);
      assert.equal(resolver.Properties.Code, s.bundle.resolvers.get(coordinate)!.code, coordinate);
    }
  });

  test('pipeline resolvers run their functions in step order, each function its own bundle', () => {
    const resolvers = Object.values(resourcesOfType(s.template, 'AWS::AppSync::Resolver'));
    const functions = resourcesOfType(s.template, 'AWS::AppSync::FunctionConfiguration');
    const pipelines = s.api.resolvers.filter((r) => r.kind === 'PIPELINE');
    assert.equal(pipelines.length, 2);
    for (const route of pipelines) {
      const coordinate = `${route.typeName}.${route.fieldName}`;
      const resolver = resolvers.find((r) => `${r.Properties.TypeName}.${r.Properties.FieldName}` === coordinate)!;
      assert.equal(resolver.Properties.Kind, 'PIPELINE');
      const steps = (resolver.Properties.PipelineConfig.Functions as Array<{ 'Fn::GetAtt': [string, string] }>).map((ref) => functions[ref['Fn::GetAtt'][0]].Properties);
      assert.deepEqual(steps.map((step) => step.Name), route.functions.map((fn) => fn.name));
      for (const [index, step] of steps.entries()) {
        assert.equal(step.Code, s.bundle.functions.get(route.functions[index].name)!.code);
        assert.equal(step.DataSourceName, route.functions[index].dataSource);
      }
    }
  });

  test('a pipeline with resolver.ts deploys that bundle; one without gets pass-through handlers', () => {
    const resolvers = Object.values(resourcesOfType(s.template, 'AWS::AppSync::Resolver'));
    const code = (coordinate: string) => resolvers.find((r) => `${r.Properties.TypeName}.${r.Properties.FieldName}` === coordinate)!.Properties.Code;
    assert.equal(code('Mutation.makeMove'), s.bundle.resolvers.get('Mutation.makeMove')!.code);
    assert.match(code('Mutation.makeMove'), /startedAt/);
    // The bundler supplies the pass-through handlers, so the stack deploys the same artifact the engine runs.
    assert.equal(s.bundle.resolvers.get('Query.listGames')!.code, PIPELINE_PASS_THROUGH_CODE);
    assert.equal(code('Query.listGames'), PIPELINE_PASS_THROUGH_CODE);
  });
});

describe('user pool', () => {
  const description = () => s.api.description.userPool!;
  const pool = () => resources[logicalId(s.stack.resources.userPool!.pool)].Properties;
  const client = () => resources[logicalId(s.stack.resources.userPool!.client)].Properties;

  test('the password policy is the described one', () => {
    const policy = description().passwordPolicy;
    assert.deepEqual(pool().Policies.PasswordPolicy, {
      MinimumLength: policy.minLength,
      RequireLowercase: policy.requireLowercase,
      RequireUppercase: policy.requireUppercase,
      RequireNumbers: policy.requireNumbers,
      RequireSymbols: policy.requireSymbols,
    });
  });

  test('Cognito (per the template) and the local stand-in accept and refuse the same passwords', () => {
    const deployed = pool().Policies.PasswordPolicy;
    const cognitoAccepts = (password: string) =>
      password.length >= deployed.MinimumLength &&
      (!deployed.RequireLowercase || /[a-z]/.test(password)) &&
      (!deployed.RequireUppercase || /[A-Z]/.test(password)) &&
      (!deployed.RequireNumbers || /[0-9]/.test(password)) &&
      (!deployed.RequireSymbols || /[^A-Za-z0-9]/.test(password));
    const localAccepts = (password: string) => {
      try {
        checkPasswordPolicy(password, description().passwordPolicy);
        return true;
      } catch {
        return false;
      }
    };
    const length = deployed.MinimumLength;
    const candidates = [
      'aA1!'.padEnd(length, 'x'), 'aA1!'.padEnd(length - 1, 'x'), // at and below the minimum length
      'aA1'.padEnd(length, 'x'), 'AAA1'.padEnd(length, 'X'), 'aaa1'.padEnd(length, 'x'), 'aAa!'.padEnd(length, 'x'), // one class missing each
      'a'.repeat(length), '1'.repeat(length + 4),
    ];
    const verdicts = candidates.map((password) => [password, cognitoAccepts(password), localAccepts(password)]);
    for (const [password, cognito, local] of verdicts) assert.equal(local, cognito, `"${password}"`);
    assert.ok(verdicts.some(([, ok]) => ok) && verdicts.some(([, ok]) => !ok), 'the candidates cover both verdicts');
  });

  test('the required attributes are the described ones, and the stand-in requires the same', () => {
    const required = (pool().Schema as Array<{ Name: string; Required: boolean }>).filter((a) => a.Required).map((a) => a.Name).sort();
    assert.deepEqual(required, [...description().requiredAttributes].sort());
    const values: Record<string, string> = { phone_number: '+15555550100', preferred_username: 'ann', email: 'ann@example.com' };
    const all = required.map((name) => ({ Name: name, Value: values[name] }));
    assert.doesNotThrow(() => parseSignUpAttributes(all, description().requiredAttributes));
    for (const name of required) {
      assert.throws(() => parseSignUpAttributes(all.filter((a) => a.Name !== name), description().requiredAttributes), new RegExp(name));
    }
  });

  test('self sign-up and verification follow the description', () => {
    assert.equal(pool().AdminCreateUserConfig.AllowAdminCreateUserOnly, !description().selfSignUp);
    assert.deepEqual(pool().AutoVerifiedAttributes, description().autoVerify);
    assert.equal(pool().UserPoolName, description().name);
  });

  test('the client allows admin and user password auth and refresh tokens, and has no secret', () => {
    assert.deepEqual([...client().ExplicitAuthFlows].sort(), ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH']);
    assert.equal(client().GenerateSecret, false);
    assert.equal(client().ClientName, description().client.name);
    assert.equal(client().AccessTokenValidity, 60);
    assert.equal(client().RefreshTokenValidity, 30 * 24 * 60);
  });

  test('a dev stack lets the pool go with the stack', () => {
    assert.equal(pool().DeletionProtection, 'INACTIVE');
    assert.equal(resources[logicalId(s.stack.resources.userPool!.pool)].DeletionPolicy, 'Delete');
  });
});

describe('tables', () => {
  test('keys and indexes are the described ones; on demand with point-in-time recovery', () => {
    const table = resources[logicalId(s.stack.resources.tables.get('games')!)];
    assert.deepEqual(table.Properties.KeySchema, [{ AttributeName: 'id', KeyType: 'HASH' }]);
    assert.equal(table.Properties.BillingMode, 'PAY_PER_REQUEST');
    assert.deepEqual(table.Properties.PointInTimeRecoverySpecification, { PointInTimeRecoveryEnabled: true });
    assert.deepEqual(table.Properties.GlobalSecondaryIndexes, [
      { IndexName: 'byPlayer', KeySchema: [{ AttributeName: 'player', KeyType: 'HASH' }, { AttributeName: 'createdAt', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } },
      { IndexName: 'byStatus', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
    ]);
    assert.deepEqual(
      [...table.Properties.AttributeDefinitions].sort((a: CfnJson, b: CfnJson) => a.AttributeName.localeCompare(b.AttributeName)),
      [{ AttributeName: 'createdAt', AttributeType: 'N' }, { AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'player', AttributeType: 'S' }, { AttributeName: 'status', AttributeType: 'S' }],
    );
  });

  test('a dev stack deletes its tables with the stack', () => {
    const table = resources[logicalId(s.stack.resources.tables.get('games')!)];
    assert.equal(table.Properties.DeletionProtectionEnabled, false);
    assert.equal(table.DeletionPolicy, 'Delete');
  });
});

/** Logical id of each described Lambda function. */
function lambdaIds(): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const name of Object.keys(s.api.description.functions ?? {})) {
    const fn = s.stack.node.findChild(`Function${name[0].toUpperCase()}${name.slice(1)}`) as CfnJson;
    ids[name] = logicalId(fn);
  }
  return ids;
}

describe('Lambda functions', () => {
  test('ARM64, Node.js 22, index.handler, memory and timeout from the description', () => {
    const auth = resources[lambdaIds().auth].Properties;
    assert.deepEqual(auth.Architectures, ['arm64']);
    assert.equal(auth.Runtime, 'nodejs22.x');
    assert.equal(auth.Handler, 'index.handler');
    assert.equal(auth.MemorySize, 256);
    assert.equal(auth.Timeout, 10);
  });

  test('each function deploys the very file bundleApi wrote', () => {
    const outdir = s.app.outdir;
    for (const [name, id] of Object.entries(lambdaIds())) {
      const key = resources[id].Properties.Code.S3Key as string;
      const staged = readFileSync(join(outdir, `asset.${key.replace(/\.zip$/, '')}`, 'index.mjs'), 'utf8');
      assert.equal(staged, s.bundle.lambdas.get(name)!.code, name);
    }
  });

  test('environment from the description, references resolved to stack resources', () => {
    const ids = lambdaIds();
    assert.deepEqual(resources[ids.auth].Properties.Environment.Variables, {
      USER_POOL_ID: { Ref: logicalId(s.stack.resources.userPool!.pool) },
      CLIENT_ID: { Ref: logicalId(s.stack.resources.userPool!.client) },
      GREETING: 'hello',
    });
    assert.deepEqual(resources[ids.notify].Properties.Environment.Variables, {
      TOPIC_ARN: { Ref: logicalId(s.stack.resources.topics.get('moves')!) },
      GAMES_TABLE: { Ref: logicalId(s.stack.resources.tables.get('games')!) },
    });
  });
});

describe('IAM', () => {
  function expectedStatement(grant: Grant): Record<string, unknown> {
    const action = (actions: string[]) => (actions.length === 1 ? actions[0] : actions);
    if ('userPool' in grant) return { Action: action(grant.userPool), Effect: 'Allow', Resource: getAttArn(logicalId(s.stack.resources.userPool!.pool)) };
    if ('table' in grant) {
      const tableId = logicalId(s.stack.resources.tables.get(grant.table)!);
      const indexes = Object.keys(s.api.description.tables![grant.table].indexes ?? {});
      return { Action: action(grant.actions), Effect: 'Allow', Resource: [getAttArn(tableId), ...indexes.map((index) => ({ 'Fn::Join': ['', [getAttArn(tableId), `/index/${index}`]] }))] };
    }
    if ('topic' in grant) return { Action: action(grant.actions), Effect: 'Allow', Resource: { Ref: logicalId(s.stack.resources.topics.get(grant.topic)!) } };
    return { Action: 'sns:Publish', Effect: 'Allow', NotResource: 'arn:aws:sns:*:*:*' };
  }

  test('each function role holds its log rights and exactly the statements of its grants', () => {
    for (const [name, id] of Object.entries(lambdaIds())) {
      const roleId = resources[id].Properties.Role['Fn::GetAtt'][0] as string;
      const role = resources[roleId].Properties;
      assert.equal(role.ManagedPolicyArns, undefined, `${name} uses no managed policy`);
      assert.equal(role.Policies.length, 1);
      const logGroupId = resources[id].Properties.LoggingConfig.LogGroup.Ref as string;
      assert.deepEqual(role.Policies[0].PolicyDocument.Statement, [
        { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: getAttArn(logGroupId) },
        ...(s.api.description.functions![name].grants ?? []).map(expectedStatement),
      ], name);
      const attached = Object.values(resourcesOfType(s.template, 'AWS::IAM::Policy')).filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`));
      assert.deepEqual(attached, [], `${name} has no further policy attached`);
    }
  });

  test('the auth function may call only its pool admin actions on the pool, notify only publish to its topic', () => {
    const ids = lambdaIds();
    const statements = (fn: string) => resources[resources[ids[fn]].Properties.Role['Fn::GetAtt'][0]].Properties.Policies[0].PolicyDocument.Statement.slice(1);
    assert.deepEqual(statements('auth')[0], { Action: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminInitiateAuth'], Effect: 'Allow', Resource: getAttArn(logicalId(s.stack.resources.userPool!.pool)) });
    assert.deepEqual(statements('notify')[0], { Action: 'sns:Publish', Effect: 'Allow', Resource: { Ref: logicalId(s.stack.resources.topics.get('moves')!) } });
  });

  test('no policy in the stack grants a wildcard action', () => {
    const documents = [
      ...Object.values(resourcesOfType(s.template, 'AWS::IAM::Policy')).map((p) => p.Properties.PolicyDocument),
      ...Object.values(resourcesOfType(s.template, 'AWS::IAM::Role')).flatMap((r) => (r.Properties.Policies ?? []).map((p: CfnJson) => p.PolicyDocument)),
    ];
    for (const document of documents) {
      for (const statement of document.Statement) {
        for (const action of [statement.Action].flat()) assert.ok(!String(action).includes('*'), `wildcard action ${action}`);
      }
    }
  });
});

describe('topics and outputs', () => {
  test('the topic publishes over TLS only and is encrypted', () => {
    const topic = resources[logicalId(s.stack.resources.topics.get('moves')!)].Properties;
    assert.equal(topic.DisplayName, 'Fixture moves');
    assert.ok(JSON.stringify(topic.KmsMasterKeyId).includes('alias/aws/sns'));
    const [policy] = Object.values(resourcesOfType(s.template, 'AWS::SNS::TopicPolicy'));
    assert.deepEqual(policy.Properties.PolicyDocument.Statement[0].Condition, { Bool: { 'aws:SecureTransport': 'false' } });
    assert.equal(policy.Properties.PolicyDocument.Statement[0].Effect, 'Deny');
  });

  test('outputs: GraphQL and real-time URLs, pool ids, API key, region', () => {
    const outputs = s.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    // The fixture declares no web app, so no WebUrl (the turnbase stack's tests cover the site).
    assert.equal(s.api.description.web, undefined);
    assert.deepEqual(Object.keys(outputs).sort(), Object.values(OUTPUT_NAMES).filter((name) => name !== OUTPUT_NAMES.webUrl).sort());
    const [apiId] = Object.keys(resourcesOfType(s.template, 'AWS::AppSync::GraphQLApi'));
    assert.deepEqual(outputs.GraphqlUrl.Value, { 'Fn::GetAtt': [apiId, 'GraphQLUrl'] });
    assert.deepEqual(outputs.RealtimeUrl.Value, { 'Fn::GetAtt': [apiId, 'RealtimeUrl'] });
    assert.deepEqual(outputs.Region.Value, { Ref: 'AWS::Region' });
    assert.deepEqual(outputs.UserPoolClientId.Value, { Ref: logicalId(s.stack.resources.userPool!.client) });
  });

  test('the stack is environment-agnostic (synthesis needs no account)', () => {
    assert.equal(s.stack.environment, 'aws://unknown-account/unknown-region');
    assert.deepEqual(s.stack.resolve(Stack.of(s.stack).region), { Ref: 'AWS::Region' });
  });
});
