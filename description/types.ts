/**
 * The API description: the one place that declares what an AppSync API is made of.
 * The local engine (`local/`) serves it; the CDK app (`infra/`) deploys it.
 * Resolvers are not listed here: they are discovered from file names under `resolversDir`
 * (see `load.ts`), so adding a resolver file is the only step needed to wire it.
 */

export type AuthMode = 'API_KEY' | 'AMAZON_COGNITO_USER_POOLS' | 'AWS_IAM';

export interface AuthConfig {
  /** The mode a field uses when it carries no `@aws_*` auth directive. */
  default: AuthMode;
  /** Further modes, usable on fields that name them with a directive. */
  additional?: AuthMode[];
  /** Lifetime of the API key that is created for API_KEY mode. */
  apiKeyExpiresInDays?: number;
}

export interface PasswordPolicy {
  minLength: number;
  requireUppercase: boolean;
  requireLowercase: boolean;
  requireNumbers: boolean;
  requireSymbols: boolean;
}

/** Standard Cognito attribute names (`phone_number`, `email`, ...). */
export type StandardAttribute = 'email' | 'phone_number' | 'name' | 'given_name' | 'family_name' | 'preferred_username';

export type AuthFlow = 'ADMIN_USER_PASSWORD_AUTH' | 'USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH';

export interface UserPoolConfig {
  name: string;
  passwordPolicy: PasswordPolicy;
  requiredAttributes: StandardAttribute[];
  selfSignUp: boolean;
  /** Attributes Cognito verifies by sending a code (empty: none). */
  autoVerify?: Array<'email' | 'phone_number'>;
  client: {
    name: string;
    authFlows: AuthFlow[];
    accessTokenValidityMinutes?: number;
    idTokenValidityMinutes?: number;
    refreshTokenValidityDays?: number;
  };
}

export type KeyType = 'S' | 'N' | 'B';

export interface KeyAttribute {
  name: string;
  type: KeyType;
}

export interface TableIndex {
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /** Projection of the index; ALL when omitted. */
  projection?: 'ALL' | 'KEYS_ONLY';
}

export interface TableConfig {
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /** Global secondary indexes, by index name. */
  indexes?: Record<string, TableIndex>;
}

/** A value resolved where the API is running: locally by the engine, in AWS by CDK tokens. */
export type Reference =
  | { ref: 'table.name'; table: string }
  | { ref: 'topic.arn'; topic: string }
  | { ref: 'userPool.id' }
  | { ref: 'userPool.clientId' }
  | { ref: 'region' }
  /** The API's own GraphQL endpoint, for functions that call it (AWS_IAM). */
  | { ref: 'graphql.url' }
  | { ref: 'function.arn'; function: string }
  | { ref: 'scheduleGroup.name'; group: string }
  /** The role the group's schedules run as: it may invoke the group's targets and nothing else. */
  | { ref: 'scheduleGroup.roleArn'; group: string };

export type EnvironmentValue = string | Reference;

/** What a Lambda function may do, and nothing more. Each grant is turned into a least-privilege policy. */
export type Grant =
  | { userPool: string[] } // e.g. ['cognito-idp:AdminGetUser']: actions on the API's user pool only
  | { table: string; actions: string[] } // e.g. ['dynamodb:PutItem'] on one table (and its indexes)
  | { topic: string; actions: string[] } // e.g. ['sns:Publish'] on one topic
  | { sms: true } // sns:Publish to phone numbers
  | { graphql: string[] } // e.g. ['Mutation.timeOutGame']: appsync:GraphQL on those fields of this API (AWS_IAM)
  | { scheduleGroup: string; actions: string[] }; // e.g. ['scheduler:CreateSchedule'] on one group's schedules, and passing its role

export interface FunctionConfig {
  /** Module path (relative to the project root) exporting `handler`. */
  entry: string;
  environment?: Record<string, EnvironmentValue>;
  grants?: Grant[];
  timeoutSeconds?: number;
  memoryMB?: number;
}

export type DataSourceConfig =
  | { type: 'NONE' }
  | { type: 'AMAZON_DYNAMODB'; table: string }
  | { type: 'AWS_LAMBDA'; function: string };

/**
 * EventBridge Scheduler schedules made at run time by the functions (one-time `at(...)` schedules):
 * a schedule group, and a role that lets its schedules invoke `targets` (function names) only.
 * Locally the engine's scheduler stand-in fires them by its clock.
 */
export interface ScheduleGroupConfig {
  targets: string[];
}

export interface TopicConfig {
  displayName?: string;
}

/** A static web app that ships with the API: served by the local engine, hosted by the CDK app. */
export interface WebAppConfig {
  /** Where the local engine serves it, e.g. `/play` (the CDK app serves it at the site's root). */
  path: string;
  /** Module, relative to the project root, whose default export `(outDir: string) => Promise<void>` writes the static files. */
  build: string;
}

export interface ApiDescription {
  name: string;
  /** Path of the SDL file, relative to the project root. */
  schema: string;
  /** Folder of resolver files, relative to the project root. */
  resolversDir: string;
  auth: AuthConfig;
  userPool?: UserPoolConfig;
  tables?: Record<string, TableConfig>;
  functions?: Record<string, FunctionConfig>;
  topics?: Record<string, TopicConfig>;
  scheduleGroups?: Record<string, ScheduleGroupConfig>;
  dataSources: Record<string, DataSourceConfig>;
  /** AppSync environment variables, visible to resolvers as `ctx.env`. */
  environment?: Record<string, EnvironmentValue>;
  web?: WebAppConfig;
}

/** Identity helper that gives a description literal its type. */
export function defineApi(description: ApiDescription): ApiDescription {
  return description;
}
