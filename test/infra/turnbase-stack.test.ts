/**
 * The real API (api.ts), synthesized: the Lambda roles are as narrow as issue and description say,
 * every resolver file on disk is deployed, cdk-nag finds nothing unacknowledged, and CDK's CloudFormation
 * template validation finds nothing at all (strict: a finding fails synthesis, so beforeAll).
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesOfType, synthesize, type CfnJson, type Synthesized } from './synthesize.js';

let s: Synthesized;
beforeAll(async () => {
  s = await synthesize('api.ts', { templateValidation: 'strict' });
});
afterAll(() => s.cleanup());

/** The inline policy statements of the role of the function whose handler bundle is `name`. */
function functionStatements(name: string): CfnJson[] {
  const functions = resourcesOfType(s.template, 'AWS::Lambda::Function');
  const roles = resourcesOfType(s.template, 'AWS::IAM::Role');
  const [, fn] = Object.entries(functions).find(([id]) => id.toLowerCase().includes(name)) ?? [];
  assert.ok(fn, `no Lambda function for ${name}`);
  const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
  const policies = roles[roleId].Properties.Policies as Array<{ PolicyDocument: { Statement: CfnJson[] } }>;
  // Every role may write its own log stream; what matters is everything else.
  return policies.flatMap((p) => p.PolicyDocument.Statement).filter((st) => !String(st.Action).startsWith('logs:') && !(Array.isArray(st.Action) && st.Action[0].startsWith('logs:')));
}

describe('the turnbase stack', () => {
  test('cdk-nag (AwsSolutions) has no unacknowledged finding', () => {
    assert.deepEqual(s.nagViolations.map((v) => v.ruleName), []);
  });

  test('notify may only publish: to its topic, and SMS to phone numbers (never another topic)', () => {
    const statements = functionStatements('notify');
    assert.deepEqual(statements.map((st) => st.Action), ['sns:Publish', 'sns:Publish']);
    assert.ok(statements.some((st) => st.NotResource === 'arn:aws:sns:*:*:*'));
    assert.ok(statements.every((st) => st.Resource !== '*'), 'no statement on every resource');
  });

  test('auth may only use the pool admin actions it calls and read/write profiles', () => {
    const actions = functionStatements('auth').flatMap((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]));
    assert.deepEqual(actions.sort(), ['cognito-idp:AdminConfirmSignUp', 'cognito-idp:AdminDeleteUser', 'cognito-idp:AdminInitiateAuth', 'dynamodb:GetItem', 'dynamodb:PutItem']);
  });

  test('the game features have their resolvers, and their lists are index queries on key-only indexes', () => {
    const resolvers = Object.values(resourcesOfType(s.template, 'AWS::AppSync::Resolver')).map((r) => `${r.Properties.TypeName}.${r.Properties.FieldName}`);
    for (const field of ['Query.hint', 'Query.publicGames', 'Query.leaderboard', 'Mutation.rematch', 'Mutation.rateGame']) assert.ok(resolvers.includes(field), field);
    const tables = Object.values(resourcesOfType(s.template, 'AWS::DynamoDB::Table'));
    const indexes = tables.flatMap((t) => (t.Properties.GlobalSecondaryIndexes ?? []) as CfnJson[]);
    const byName = (name: string) => indexes.find((index) => index.IndexName === name);
    assert.equal(byName('byPublicStatus')?.Projection.ProjectionType, 'KEYS_ONLY');
    assert.deepEqual(byName('byRating')?.KeySchema, [{ AttributeName: 'board', KeyType: 'HASH' }, { AttributeName: 'ratingPoints', KeyType: 'RANGE' }]);
    assert.equal(byName('byRating')?.Projection.ProjectionType, 'KEYS_ONLY');
  });

  test('one AppSync resolver or pipeline function per resolver file on disk', () => {
    // Counted from the folder itself, independently of the loader both the stack and the engine use.
    const dir = 'resolvers';
    let files = 0;
    for (const entry of readdirSync(dir)) {
      if (entry.startsWith('_')) continue;
      if (statSync(join(dir, entry)).isDirectory()) files += readdirSync(join(dir, entry)).filter((f) => /^\d+\./.test(f)).length + 1;
      else files += 1;
    }
    const deployed = Object.keys(resourcesOfType(s.template, 'AWS::AppSync::Resolver')).length + Object.keys(resourcesOfType(s.template, 'AWS::AppSync::FunctionConfiguration')).length;
    assert.equal(deployed, files);
  });
});

describe('the web app site', () => {
  const one = (type: string) => {
    const found = Object.entries(resourcesOfType(s.template, type));
    assert.equal(found.length, 1, `one ${type}`);
    return found[0];
  };

  test('a private bucket that only this distribution may read, over TLS', () => {
    const [bucketId, bucket] = one('AWS::S3::Bucket');
    assert.deepEqual(bucket.Properties.PublicAccessBlockConfiguration, { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    assert.ok(bucket.Properties.BucketEncryption);
    const [distributionId] = one('AWS::CloudFront::Distribution');
    const policy = Object.values(resourcesOfType(s.template, 'AWS::S3::BucketPolicy')).find((p) => p.Properties.Bucket.Ref === bucketId);
    assert.ok(policy);
    const statements = policy.Properties.PolicyDocument.Statement as CfnJson[];
    assert.ok(statements.some((st) => st.Effect === 'Deny' && st.Condition?.Bool?.['aws:SecureTransport'] === 'false'), 'non-TLS access denied');
    const reads = statements.filter((st) => st.Effect === 'Allow' && st.Principal?.Service === 'cloudfront.amazonaws.com');
    assert.equal(reads.length, 1);
    assert.equal(reads[0].Action, 's3:GetObject');
    assert.match(JSON.stringify(reads[0].Condition), new RegExp(distributionId), 'only this distribution (AWS:SourceArn)');
    assert.ok(!statements.some((st) => st.Effect === 'Allow' && (st.Principal === '*' || st.Principal?.AWS === '*')), 'no public read');
  });

  test('CloudFront reads it through origin access control and serves HTTPS only', () => {
    const [oacId, oac] = one('AWS::CloudFront::OriginAccessControl');
    assert.equal(oac.Properties.OriginAccessControlConfig.SigningBehavior, 'always');
    assert.equal(oac.Properties.OriginAccessControlConfig.OriginAccessControlOriginType, 's3');
    const [, distribution] = one('AWS::CloudFront::Distribution');
    const config = distribution.Properties.DistributionConfig;
    assert.equal(config.DefaultCacheBehavior.ViewerProtocolPolicy, 'https-only');
    assert.equal(config.DefaultRootObject, 'index.html');
    assert.equal(config.Origins.length, 1);
    assert.deepEqual(config.Origins[0].OriginAccessControlId, { 'Fn::GetAtt': [oacId, 'Id'] });
    assert.equal(config.Origins[0].S3OriginConfig.OriginAccessIdentity, '', 'no legacy origin access identity');
    assert.equal(Object.keys(resourcesOfType(s.template, 'AWS::CloudFront::CloudFrontOriginAccessIdentity')).length, 0);
  });

  test('the deployment uploads the build and an amplify_outputs.json made of this stack’s own values', () => {
    const [, deployment] = one('Custom::CDKBucketDeployment');
    assert.equal(deployment.Properties.SourceObjectKeys.length, 2, 'the built app and the generated amplify_outputs.json');
    assert.deepEqual(deployment.Properties.DistributionPaths, ['/*']);
    const markers = JSON.stringify(deployment.Properties.SourceMarkers);
    const [apiId] = one('AWS::AppSync::GraphQLApi');
    const [poolId] = one('AWS::Cognito::UserPool');
    const [clientId] = one('AWS::Cognito::UserPoolClient');
    const [keyId] = one('AWS::AppSync::ApiKey');
    assert.match(markers, new RegExp(`"Fn::GetAtt":\\["${apiId}","GraphQLUrl"\\]`));
    assert.match(markers, new RegExp(`"Fn::GetAtt":\\["${keyId}","ApiKey"\\]`));
    assert.match(markers, new RegExp(`"Ref":"${poolId}"`));
    assert.match(markers, new RegExp(`"Ref":"${clientId}"`));
    const outputs = s.template.toJSON().Outputs as CfnJson;
    assert.match(JSON.stringify(outputs.WebUrl.Value), /https:\/\//);
  });
});

describe('turn deadlines on AWS', () => {
  const findFunction = (name: string) => {
    const [id, fn] = Object.entries(resourcesOfType(s.template, 'AWS::Lambda::Function')).find(([logicalId]) => logicalId.toLowerCase().includes(name.toLowerCase())) ?? [];
    assert.ok(id && fn, `no function ${name}`);
    return { id, fn };
  };

  test('AppSync takes AWS_IAM besides the user pool and API keys, and timeOutGame has its resolver', () => {
    const [api] = Object.values(resourcesOfType(s.template, 'AWS::AppSync::GraphQLApi'));
    assert.equal(api.Properties.AuthenticationType, 'AMAZON_COGNITO_USER_POOLS');
    assert.deepEqual((api.Properties.AdditionalAuthenticationProviders as CfnJson[]).map((p) => p.AuthenticationType).sort(), ['API_KEY', 'AWS_IAM']);
    const resolvers = Object.values(resourcesOfType(s.template, 'AWS::AppSync::Resolver')).map((r) => `${r.Properties.TypeName}.${r.Properties.FieldName}`);
    assert.ok(resolvers.includes('Mutation.timeOutGame'));
    const steps = Object.values(resourcesOfType(s.template, 'AWS::AppSync::FunctionConfiguration')).map((f) => String(f.Properties.Name));
    assert.ok(steps.some((name) => /scheduleTurn/i.test(name)), 'the scheduling step of the pipelines');
  });

  test('a schedule group, and a role only the scheduler of this account may assume, invoking only the two targets', () => {
    const groups = Object.values(resourcesOfType(s.template, 'AWS::Scheduler::ScheduleGroup'));
    assert.equal(groups.length, 1);
    assert.match(String(groups[0].Properties.Name), /-turns$/);
    const roles = Object.values(resourcesOfType(s.template, 'AWS::IAM::Role')).filter((r) => JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com'));
    assert.equal(roles.length, 1);
    const [trust] = roles[0].Properties.AssumeRolePolicyDocument.Statement as CfnJson[];
    assert.deepEqual(Object.keys(trust.Condition.StringEquals), ['aws:SourceAccount']);
    const statements = (roles[0].Properties.Policies as CfnJson[]).flatMap((p) => p.PolicyDocument.Statement as CfnJson[]);
    assert.deepEqual(statements.map((st) => st.Action), ['lambda:InvokeFunction']);
    const targets = (statements[0].Resource as CfnJson[]).map((r) => r['Fn::GetAtt'][0] as string).sort();
    assert.deepEqual(targets, [findFunction('notify').id, findFunction('turnTimeout').id].sort());
  });

  test('turnSchedule may create and delete schedules of its group and pass the group role to the scheduler, nothing else', () => {
    const statements = functionStatements('turnschedule');
    assert.deepEqual(statements.map((st) => st.Action), [['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'], 'iam:PassRole']);
    assert.match(JSON.stringify(statements[0].Resource), /:schedule\/[^"]*-turns\/\*/);
    assert.deepEqual(statements[1].Condition, { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } });
    const env = findFunction('turnSchedule').fn.Properties.Environment.Variables as CfnJson;
    assert.deepEqual(env.TIMEOUT_FUNCTION_ARN, { 'Fn::GetAtt': [findFunction('turnTimeout').id, 'Arn'] });
    assert.deepEqual(env.NOTIFY_FUNCTION_ARN, { 'Fn::GetAtt': [findFunction('notify').id, 'Arn'] });
  });

  test('turnTimeout may call exactly one field of this API, timeOutGame, and knows the API URL', () => {
    const statements = functionStatements('turntimeout');
    assert.deepEqual(statements.map((st) => st.Action), ['appsync:GraphQL']);
    assert.match(JSON.stringify(statements[0].Resource), /\/types\/Mutation\/fields\/timeOutGame"/);
    const env = findFunction('turnTimeout').fn.Properties.Environment.Variables as CfnJson;
    assert.equal(env.GRAPHQL_URL['Fn::GetAtt'][1], 'GraphQLUrl');
  });
});
