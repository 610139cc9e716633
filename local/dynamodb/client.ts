/**
 * The DynamoDB store behind the AWS SDK (any endpoint; requests signed with SigV4): DynamoDB Local or
 * AWS, when TURNBASE_DYNAMODB_ENDPOINT names one. The contract is `DynamoStore` (store.ts).
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { httpStore, type StaticCredentials } from './http-store.js';
import type { DynamoStore, StoreOperation, StoreOutputs } from './store.js';

export type { DynamoStore, StoreOperation, StoreOutputs } from './store.js';

const commands: Record<StoreOperation, unknown> = {
  GetItem: GetItemCommand,
  PutItem: PutItemCommand,
  UpdateItem: UpdateItemCommand,
  DeleteItem: DeleteItemCommand,
  Query: QueryCommand,
  Scan: ScanCommand,
  BatchGetItem: BatchGetItemCommand,
  BatchWriteItem: BatchWriteItemCommand,
  TransactGetItems: TransactGetItemsCommand,
  TransactWriteItems: TransactWriteItemsCommand,
  CreateTable: CreateTableCommand,
  DescribeTable: DescribeTableCommand,
  DeleteTable: DeleteTableCommand,
  UpdateTable: UpdateTableCommand,
};

/**
 * Local stores accept any credentials, but the SDK refuses to sign without some, and its default chain
 * would probe the EC2 metadata service first. So: configured credentials when there are any, else dummies.
 */
function hasConfiguredCredentials(): boolean {
  const env = process.env;
  return Boolean((env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) || env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE);
}

function checkEndpoint(endpoint: string): void {
  if (typeof endpoint !== 'string' || !/^https?:\/\//.test(endpoint)) {
    throw new Error(`DynamoDB endpoint must be an http(s) URL, got ${JSON.stringify(endpoint)}`);
  }
}

const regionOr = (region: string | undefined) => region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';

export function createDynamoClient(endpoint: string, region?: string): DynamoDBClient {
  checkEndpoint(endpoint);
  return new DynamoDBClient({
    endpoint,
    region: regionOr(region),
    ...(hasConfiguredCredentials() ? {} : { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  });
}

/** Credentials known without the SDK's chain: keys in the environment, or the dummies when none are configured. */
function staticCredentials(): StaticCredentials | undefined {
  const env = process.env;
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
  }
  return hasConfiguredCredentials() ? undefined : { accessKeyId: 'local', secretAccessKey: 'local' };
}

/**
 * The engine's store for an endpoint: signed JSON over HTTP (http-store.ts) when the credentials are static,
 * else the SDK with its credential chain (a profile, web identity).
 */
export function endpointStore(endpoint: string, region?: string): DynamoStore & { close(): void } {
  checkEndpoint(endpoint);
  const credentials = staticCredentials();
  if (credentials) return httpStore(endpoint, regionOr(region), credentials);
  const client = createDynamoClient(endpoint, region);
  return { ...sdkStore(client), close: () => client.destroy() };
}

/** The store behind an SDK client. */
export function sdkStore(client: DynamoDBClient): DynamoStore {
  return {
    protocol: 'DynamoDB_20120810',
    send<O extends StoreOperation>(operation: O, input: object) {
      const Command = commands[operation] as unknown as new (input: object) => Parameters<DynamoDBClient['send']>[0];
      return client.send(new Command(input)) as Promise<StoreOutputs[O]>;
    },
  };
}
