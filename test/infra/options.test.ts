/**
 * The stack's switches and its refusals: the retain flag, bad grants and references, stack names,
 * the amplify_outputs.json mapping, and a control that cdk-nag really reports findings here.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { amplifyOutputsFromDeploy, deployedValues, stackOutputs } from '../../infra/amplify-outputs.js';
import { defaultStackName, parseRetain } from '../../infra/build-app.js';
import { grantStatements } from '../../infra/grants.js';
import { resolveValue, type StackResources } from '../../infra/resources.js';
import { loadApi } from '../../description/load.js';
import { resourcesOfType, synthesize, type CfnJson, type Synthesized } from './synthesize.js';

const fixturePath = join(import.meta.dirname, 'fixture', 'api.ts');

describe('retain=true', () => {
  let s: Synthesized;
  beforeAll(async () => {
    s = await synthesize(fixturePath, { retain: true });
  });
  afterAll(() => s?.cleanup());

  test('tables keep deletion protection and survive the stack', () => {
    const tables = Object.values(resourcesOfType(s.template, 'AWS::DynamoDB::Table'));
    assert.equal(tables.length, 1);
    for (const table of tables) {
      assert.equal(table.Properties.DeletionProtectionEnabled, true);
      assert.equal(table.DeletionPolicy, 'Retain');
      assert.equal(table.UpdateReplacePolicy, 'Retain');
    }
  });

  test('the user pool is protected too, and cdk-nag stays clean', () => {
    const [pool] = Object.values(resourcesOfType(s.template, 'AWS::Cognito::UserPool'));
    assert.equal(pool.Properties.DeletionProtection, 'ACTIVE');
    assert.equal(pool.DeletionPolicy, 'Retain');
    assert.deepEqual(s.nagViolations, []);
  });
});

describe('context values', () => {
  test('retain accepts the CLI string and the cdk.json boolean, and nothing else', () => {
    assert.equal(parseRetain(undefined), false);
    assert.equal(parseRetain('false'), false);
    assert.equal(parseRetain(false), false);
    assert.equal(parseRetain('true'), true);
    assert.equal(parseRetain(true), true);
    assert.throws(() => parseRetain('yes'), /retain.*true or false/);
  });

  test('stack names are ones CloudFormation accepts', () => {
    assert.equal(defaultStackName('turnbase'), 'turnbase');
    assert.equal(defaultStackName('my_api.v2'), 'my-api-v2');
    assert.equal(defaultStackName('2fast'), 'fast');
    assert.equal(defaultStackName('___'), 'turnbase');
  });
});

describe('grants and references refuse what the description does not declare', () => {
  function bareResources(withPool: boolean): StackResources {
    const stack = new Stack(new App(), 'Bare');
    const pool = withPool ? new cognito.UserPool(stack, 'Pool') : undefined;
    return {
      tables: new Map(),
      tableIndexes: new Map(),
      topics: new Map(),
      userPool: pool ? { pool, client: pool.addClient('Client') } : undefined,
      region: stack.region,
    };
  }

  test('a wildcard or foreign action is refused', () => {
    assert.throws(() => grantStatements([{ userPool: ['cognito-idp:*'] }], bareResources(true), 'function "f"'), /function "f": "cognito-idp:\*" is not a single cognito-idp action/);
    assert.throws(() => grantStatements([{ userPool: ['sns:Publish'] }], bareResources(true), 'function "f"'), /not a single cognito-idp action/);
    assert.throws(() => grantStatements([{ userPool: [] }], bareResources(true), 'function "f"'), /at least one action/);
  });

  test('unknown tables, topics and a missing pool are named in the error', () => {
    assert.throws(() => grantStatements([{ table: 'ghosts', actions: ['dynamodb:GetItem'] }], bareResources(false), 'function "f"'), /function "f" names table "ghosts"/);
    assert.throws(() => grantStatements([{ topic: 'news', actions: ['sns:Publish'] }], bareResources(false), 'function "f"'), /names topic "news"/);
    assert.throws(() => grantStatements([{ userPool: ['cognito-idp:AdminGetUser'] }], bareResources(false), 'function "f"'), /declares no userPool/);
    assert.throws(() => resolveValue({ ref: 'userPool.clientId' }, bareResources(false), 'API environment'), /declares no userPool/);
  });

  test('a userPool grant reaches the pool ARN only', () => {
    const resources = bareResources(true);
    const [statement] = grantStatements([{ userPool: ['cognito-idp:AdminGetUser'] }], resources, 'function "f"');
    assert.deepEqual(statement.toStatementJson().Action, 'cognito-idp:AdminGetUser');
    assert.deepEqual(statement.resources, [resources.userPool!.pool.userPoolArn]);
  });
});

describe('cdk-nag control', () => {
  test('an unacknowledged wildcard policy is reported here, so a clean report means something', () => {
    const app = new App();
    const stack = new Stack(app, 'Control');
    new iam.Role(stack, 'Loose', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: { all: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] })] }) },
    });
    const violations = new AwsSolutionsChecks(app).validateScope(app).violations.map((v) => v.ruleName);
    assert.ok(violations.includes('AwsSolutions-IAM5[Resource::*]'), violations.join(', '));
  });
});

describe('amplify_outputs.json from deploy outputs', () => {
  const deployOutputs = {
    'infra-fixture': {
      GraphqlUrl: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
      RealtimeUrl: 'wss://abc.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
      ApiKey: 'da2-examplekey',
      Region: 'eu-west-1',
      UserPoolId: 'eu-west-1_Example',
      UserPoolClientId: 'exampleclientid',
    },
  };

  test('maps the stack outputs into the Gen 2 format, pool settings from the description', async () => {
    const api = await loadApi(fixturePath);
    const outputs = amplifyOutputsFromDeploy(api.description, deployOutputs) as CfnJson;
    assert.equal(outputs.version, '1.4');
    assert.deepEqual(outputs.data, {
      aws_region: 'eu-west-1',
      url: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
      api_key: 'da2-examplekey',
      default_authorization_type: 'AMAZON_COGNITO_USER_POOLS',
      authorization_types: ['API_KEY'],
    });
    assert.equal(outputs.auth.user_pool_id, 'eu-west-1_Example');
    assert.equal(outputs.auth.user_pool_client_id, 'exampleclientid');
    assert.equal(outputs.auth.aws_region, 'eu-west-1');
    assert.equal(outputs.auth.password_policy.min_length, api.description.userPool!.passwordPolicy.minLength);
    assert.deepEqual(outputs.auth.standard_required_attributes, api.description.userPool!.requiredAttributes);
  });

  test('picks the stack by name when the file holds several, and says which exist otherwise', () => {
    const two = { ...deployOutputs, other: { Region: 'us-east-1', GraphqlUrl: 'https://other/graphql' } };
    assert.equal(stackOutputs(two, 'other').Region, 'us-east-1');
    assert.throws(() => stackOutputs(two), /2 stacks \(infra-fixture, other\); name one with --stack/);
    assert.throws(() => stackOutputs(deployOutputs, 'nope'), /no stack "nope"/);
    assert.throws(() => stackOutputs([]), /JSON object keyed by stack name/);
  });

  test('a missing URL or region is an error naming the output', () => {
    assert.throws(() => deployedValues({ Region: 'eu-west-1' }), /no GraphqlUrl/);
    assert.throws(() => deployedValues({ GraphqlUrl: 'https://x/graphql' }), /no Region/);
  });
});

describe('scripts/amplify-outputs-from-stack.ts', () => {
  test('writes amplify_outputs.json from a cdk outputs file, and explains a missing one', async () => {
    const { mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { spawnSync } = await import('node:child_process');
    const dir = mkdtempSync(join(tmpdir(), 'turnbase-outputs-'));
    try {
      const script = join(import.meta.dirname, '..', '..', 'scripts', 'amplify-outputs-from-stack.ts');
      const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', script, '--api', fixturePath, ...args], { encoding: 'utf8' });
      writeFileSync(join(dir, 'cdk-outputs.json'), JSON.stringify({ s: { GraphqlUrl: 'https://x.appsync-api.us-east-2.amazonaws.com/graphql', Region: 'us-east-2', ApiKey: 'da2-k', UserPoolId: 'us-east-2_P', UserPoolClientId: 'c' } }));
      const ok = run('--outputs', join(dir, 'cdk-outputs.json'), '--out', join(dir, 'amplify_outputs.json'));
      assert.equal(ok.status, 0, ok.stderr);
      const written = JSON.parse(readFileSync(join(dir, 'amplify_outputs.json'), 'utf8'));
      assert.equal(written.data.url, 'https://x.appsync-api.us-east-2.amazonaws.com/graphql');
      assert.equal(written.auth.user_pool_id, 'us-east-2_P');
      const missing = run('--outputs', join(dir, 'absent.json'), '--out', join(dir, 'never.json'));
      assert.equal(missing.status, 1);
      assert.match(missing.stderr, /cdk deploy --outputs-file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
