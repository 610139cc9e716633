/** The SDK client the local engine (and tests) use to reach a DynamoDB endpoint. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Local stores accept any credentials, but the SDK refuses to sign without some, and its default chain
 * would probe the EC2 metadata service first. So: configured credentials when there are any, else dummies.
 */
function hasConfiguredCredentials(): boolean {
  const env = process.env;
  return Boolean((env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) || env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE);
}

export function createDynamoClient(endpoint: string, region?: string): DynamoDBClient {
  if (typeof endpoint !== 'string' || !/^https?:\/\//.test(endpoint)) {
    throw new Error(`DynamoDB endpoint must be an http(s) URL, got ${JSON.stringify(endpoint)}`);
  }
  return new DynamoDBClient({
    endpoint,
    region: region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(hasConfiguredCredentials() ? {} : { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  });
}
