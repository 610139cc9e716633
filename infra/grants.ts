/**
 * Turns a function's `grants` from the description into explicit IAM statements, each limited to
 * the one resource it names. This is the whole of what a function may do besides writing its logs.
 */
import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Grant } from '../description/types.js';
import { lookupGraphqlApi, lookupScheduleGroup, lookupTable, lookupTopic, lookupUserPool, type StackResources } from './resources.js';

/** The schedules of one group: what a scheduleGroup grant covers (schedule names are made at run time). */
export function scheduleGroupSchedulesArn(groupName: string): string {
  return `arn:${Aws.PARTITION}:scheduler:${Aws.REGION}:${Aws.ACCOUNT_ID}:schedule/${groupName}/*`;
}

function checkActions(actions: string[], service: string, usedBy: string): string[] {
  if (actions.length === 0) throw new Error(`${usedBy}: a grant needs at least one action`);
  for (const action of actions) {
    if (!action.startsWith(`${service}:`) || action.includes('*')) {
      throw new Error(`${usedBy}: "${action}" is not a single ${service} action (wildcards are not allowed)`);
    }
  }
  return actions;
}

export function grantStatements(grants: Grant[] | undefined, resources: StackResources, usedBy: string): iam.PolicyStatement[] {
  return (grants ?? []).flatMap((grant) => {
    if ('userPool' in grant) {
      const { pool } = lookupUserPool(resources, usedBy);
      return new iam.PolicyStatement({ actions: checkActions(grant.userPool, 'cognito-idp', usedBy), resources: [pool.userPoolArn] });
    }
    if ('table' in grant) {
      const table = lookupTable(resources, grant.table, usedBy);
      // Each index by name rather than `index/*`, so the role reaches exactly the described indexes.
      const indexNames = Object.keys(resources.tableIndexes.get(grant.table) ?? {});
      return new iam.PolicyStatement({
        actions: checkActions(grant.actions, 'dynamodb', usedBy),
        resources: [table.tableArn, ...indexNames.map((index) => `${table.tableArn}/index/${index}`)],
      });
    }
    if ('topic' in grant) {
      const topic = lookupTopic(resources, grant.topic, usedBy);
      return new iam.PolicyStatement({ actions: checkActions(grant.actions, 'sns', usedBy), resources: [topic.topicArn] });
    }
    if ('sms' in grant && grant.sms === true) {
      // Phone numbers only: a topic or endpoint ARN is excluded, so this never widens a topic grant.
      return new iam.PolicyStatement({ actions: ['sns:Publish'], notResources: ['arn:aws:sns:*:*:*'] });
    }
    if ('graphql' in grant) {
      // AWS_IAM callers need appsync:GraphQL on each field they call: <api arn>/types/<Type>/fields/<field>.
      const api = lookupGraphqlApi(resources, usedBy);
      const fields = grant.graphql.map((coordinate) => {
        const match = /^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(coordinate);
        if (!match) throw new Error(`${usedBy}: "${coordinate}" is not a field coordinate such as Mutation.timeOutGame`);
        return `${api.arn}/types/${match[1]}/fields/${match[2]}`;
      });
      if (fields.length === 0) throw new Error(`${usedBy}: a graphql grant needs at least one field`);
      return [new iam.PolicyStatement({ actions: ['appsync:GraphQL'], resources: fields })];
    }
    if ('scheduleGroup' in grant) {
      const group = lookupScheduleGroup(resources, grant.scheduleGroup, usedBy);
      return [
        new iam.PolicyStatement({ actions: checkActions(grant.actions, 'scheduler', usedBy), resources: [scheduleGroupSchedulesArn(group.name)] }),
        // Creating a schedule hands it the group's role: only that role, and only to the scheduler.
        new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [group.roleArn], conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } } }),
      ];
    }
    throw new Error(`${usedBy}: unknown grant ${JSON.stringify(grant)}`);
  });
}
