/**
 * The real API (api.ts), synthesized: the Lambda roles are as narrow as issue and description say,
 * every resolver file on disk is deployed, and cdk-nag finds nothing unacknowledged.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesOfType, synthesize, type CfnJson, type Synthesized } from './synthesize.js';

let s: Synthesized;
beforeAll(async () => {
  s = await synthesize('api.ts');
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
