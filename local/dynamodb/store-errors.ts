/**
 * Turns what the DynamoDB store (or the SDK talking to it) threw into AppSync's data-source error:
 * `{ type: 'DynamoDB:<AwsErrorCode>', message: '<text> (Service: DynamoDb, Status Code: <n>, Request ID: <id>)' }`.
 */
import { randomUUID } from 'node:crypto';

export interface DataSourceError {
  type: string;
  message: string;
}

interface SdkErrorFields {
  name?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

function fields(error: unknown): SdkErrorFields {
  return typeof error === 'object' && error !== null ? (error as SdkErrorFields) : {};
}

export function errorCode(error: unknown): string {
  const name = fields(error).name;
  return typeof name === 'string' && name !== '' ? name : 'InternalServerError';
}

function serviceSuffix(error: unknown): string {
  const metadata = fields(error).$metadata ?? {};
  const status = metadata.httpStatusCode ?? 500;
  const requestId = metadata.requestId ?? randomUUID();
  return `(Service: DynamoDb, Status Code: ${status}, Request ID: ${requestId})`;
}

export function conditionFailedError(error: unknown): DataSourceError {
  return {
    type: 'DynamoDB:ConditionalCheckFailedException',
    message: `The conditional request failed ${serviceSuffix(error)}`,
  };
}

/**
 * `operation` is the SDK call that failed. A store that does not implement it answers
 * UnknownOperationException (dynalite does so for the transaction calls); say which operation and what to do.
 */
export function storeError(error: unknown, operation: string): DataSourceError {
  const code = errorCode(error);
  if (code === 'ConditionalCheckFailedException') return conditionFailedError(error);
  if (code === 'UnknownOperationException') {
    return {
      type: 'DynamoDB:UnknownOperationException',
      message:
        `${operation} is not supported by this DynamoDB store (the embedded DynamoDB, dynalite, has no ${operation}); ` +
        'point TURNBASE_DYNAMODB_ENDPOINT at DynamoDB Local to use it',
    };
  }
  const raw = fields(error).message;
  const text = typeof raw === 'string' && raw !== '' && raw !== 'UnknownError' ? raw : code;
  // No HTTP status means no answer came back (refused connection, timeout): name the cause, not a fake status.
  if (fields(error).$metadata?.httpStatusCode === undefined) {
    return { type: 'DynamoDB:NetworkingError', message: `The DynamoDB store could not be reached: ${text}` };
  }
  return { type: `DynamoDB:${code}`, message: `${text} ${serviceSuffix(error)}` };
}
