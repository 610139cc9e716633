/**
 * The local IAM principal: the credentials the engine gives its in-process Lambda functions (through
 * the AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables the SDK reads, as Lambda does) and accepts
 * on SigV4-signed AppSync requests. Credentials already in the environment are kept (a real
 * DynamoDB endpoint may need them, and the engine then knows their secret too); otherwise a key
 * pair is generated for this process, like an execution role's temporary keys.
 */
import { randomBytes } from 'node:crypto';
import type { IamCredentials } from './sigv4.js';

function randomKey(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Puts a key pair in `env` when it holds none, and returns the pair it holds. */
export function localIamCredentials(env: NodeJS.ProcessEnv, accountId: string, apiName: string): IamCredentials {
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) {
    // ASIA: the prefix of temporary keys, which is what a Lambda function's role hands it.
    env.AWS_ACCESS_KEY_ID = `ASIA${randomKey(UPPER, 16)}`;
    env.AWS_SECRET_ACCESS_KEY = randomKey(SECRET, 40);
  }
  return {
    accessKeyId: env.AWS_ACCESS_KEY_ID,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
    accountId,
    userArn: `arn:aws:sts::${accountId}:assumed-role/${apiName}-functions/local`,
  };
}
