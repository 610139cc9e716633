/**
 * The AWS resources a description's references can point at, and the one function that turns a
 * description `Reference` into a CDK token (the local engine resolves the same references to its
 * local endpoints and names).
 */
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { EnvironmentValue } from '../description/types.js';

export interface StackResources {
  tables: Map<string, dynamodb.Table>;
  /** Index names per table, as the description declares them. */
  tableIndexes: Map<string, Record<string, unknown>>;
  topics: Map<string, sns.Topic>;
  userPool?: { pool: cognito.UserPool; client: cognito.UserPoolClient };
  /** The deployment region (a token in an environment-agnostic stack). */
  region: string;
  /** Known once the functions exist: what `function.arn` references resolve to. */
  functions?: Map<string, lambda.Function>;
  /** Known once the schedule groups exist (after the functions they target). */
  scheduleGroups?: Map<string, { name: string; roleArn: string }>;
  /** Known once the GraphQL API exists (after the functions its data sources use). */
  graphqlApi?: { url: string; arn: string };
}

function lookupLate<T>(value: T | undefined, what: string, usedBy: string): T {
  if (value === undefined) throw new Error(`${usedBy} names ${what}, which does not exist (yet, or in the description)`);
  return value;
}

export function lookupScheduleGroup(resources: StackResources, name: string, usedBy: string): { name: string; roleArn: string } {
  return lookupLate(resources.scheduleGroups?.get(name), `schedule group "${name}"`, usedBy);
}

export function lookupGraphqlApi(resources: StackResources, usedBy: string): { url: string; arn: string } {
  return lookupLate(resources.graphqlApi, 'the GraphQL API', usedBy);
}

export function lookupTable(resources: StackResources, name: string, usedBy: string): dynamodb.Table {
  const table = resources.tables.get(name);
  if (!table) throw new Error(`${usedBy} names table "${name}", which the description does not declare`);
  return table;
}

export function lookupTopic(resources: StackResources, name: string, usedBy: string): sns.Topic {
  const topic = resources.topics.get(name);
  if (!topic) throw new Error(`${usedBy} names topic "${name}", which the description does not declare`);
  return topic;
}

export function lookupUserPool(resources: StackResources, usedBy: string): { pool: cognito.UserPool; client: cognito.UserPoolClient } {
  if (!resources.userPool) throw new Error(`${usedBy} needs the user pool, but the description declares no userPool`);
  return resources.userPool;
}

/** Resolves a literal or a reference to the string (or token) it stands for in AWS. */
export function resolveValue(value: EnvironmentValue, resources: StackResources, usedBy: string): string {
  if (typeof value === 'string') return value;
  switch (value.ref) {
    case 'table.name':
      return lookupTable(resources, value.table, usedBy).tableName;
    case 'topic.arn':
      return lookupTopic(resources, value.topic, usedBy).topicArn;
    case 'userPool.id':
      return lookupUserPool(resources, usedBy).pool.userPoolId;
    case 'userPool.clientId':
      return lookupUserPool(resources, usedBy).client.userPoolClientId;
    case 'region':
      return resources.region;
    case 'graphql.url':
      return lookupGraphqlApi(resources, usedBy).url;
    case 'function.arn':
      return lookupLate(resources.functions?.get(value.function), `function "${value.function}"`, usedBy).functionArn;
    case 'scheduleGroup.name':
      return lookupScheduleGroup(resources, value.group, usedBy).name;
    case 'scheduleGroup.roleArn':
      return lookupScheduleGroup(resources, value.group, usedBy).roleArn;
    default:
      throw new Error(`${usedBy}: unknown reference ${JSON.stringify(value)}`);
  }
}

export function resolveEnvironment(environment: Record<string, EnvironmentValue> | undefined, resources: StackResources, usedBy: string): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [key, value] of Object.entries(environment ?? {})) resolved[key] = resolveValue(value, resources, `${usedBy} (${key})`);
  return resolved;
}
