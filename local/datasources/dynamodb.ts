/**
 * The AMAZON_DYNAMODB data source of the local engine: takes the request object an APPSYNC_JS
 * resolver returned (reference §4) and runs it against a DynamoDB store (local/dynamodb/store.ts):
 * the embedded dynalite called in process, or any endpoint through the AWS SDK.
 * It never throws: every failure comes back as `{ result, error: { type: 'DynamoDB:<code>', message } }`.
 */
import type { DynamoStore, StoreCallOptions } from '../dynamodb/store.js';
import type { DataSource, DataSourceOutcome } from './contract.js';
import type { OperationContext, OperationHandler } from '../dynamodb/operations/context.js';
import { deleteItem, getItem, putItem, updateItem } from '../dynamodb/operations/items.js';
import { query, scan } from '../dynamodb/operations/listing.js';
import { batchDeleteItem, batchGetItem, batchPutItem } from '../dynamodb/operations/batch.js';
import { transactGetItems, transactWriteItems } from '../dynamodb/operations/transactions.js';
import { RequestError, isPlainObject } from '../dynamodb/request-error.js';

/**
 * Sync serves Amplify DataStore's delta sync on versioned data sources, which the local engine does
 * not emulate; answering a clear error beats returning a page without `startedAt` semantics.
 */
async function sync(): Promise<DataSourceOutcome> {
  throw new RequestError(
    'Sync needs a versioned data source (conflict detection and delta sync), which the local engine does not emulate',
    'DynamoDB:UnsupportedOperationException',
  );
}

const handlers: Record<string, OperationHandler> = {
  GetItem: getItem,
  PutItem: putItem,
  UpdateItem: updateItem,
  DeleteItem: deleteItem,
  Query: query,
  Scan: scan,
  Sync: sync,
  BatchGetItem: batchGetItem,
  BatchPutItem: batchPutItem,
  BatchDeleteItem: batchDeleteItem,
  TransactGetItems: transactGetItems,
  TransactWriteItems: transactWriteItems,
};

async function invoke(context: OperationContext, request: unknown): Promise<DataSourceOutcome> {
  try {
    if (!isPlainObject(request)) {
      throw new RequestError('The DynamoDB request must be an object with an "operation" field');
    }
    const operation = request.operation;
    const handler = typeof operation === 'string' && Object.hasOwn(handlers, operation) ? handlers[operation] : undefined;
    if (handler === undefined) {
      throw new RequestError(
        `Unknown DynamoDB operation ${JSON.stringify(operation)}; expected one of ${Object.keys(handlers).join(', ')}`,
      );
    }
    return await handler(context, request);
  } catch (error) {
    if (error instanceof RequestError) return { result: null, error: { type: error.type, message: error.message } };
    // Anything else is a bug here, not in the resolver; still report it instead of crashing the request.
    const message = error instanceof Error ? error.message : String(error);
    return { result: null, error: { type: 'DynamoDB:InternalServerError', message: `The DynamoDB data source failed: ${message}` } };
  }
}

const URGENT_CALL: StoreCallOptions = { urgent: true };

export function createDynamoDbDataSource(options: { store: DynamoStore; tableName: string }): DataSource {
  if (typeof options.tableName !== 'string' || options.tableName === '') {
    throw new Error('createDynamoDbDataSource needs a tableName');
  }
  const { store, tableName } = options;
  const context: OperationContext = { store, tableName };
  // The same store with every call of the operation marked urgent (a Put answered with its old item makes two calls).
  const urgentStore: DynamoStore = { protocol: store.protocol, send: (operation, input) => store.send(operation, input, URGENT_CALL) };
  const urgentContext: OperationContext = { store: urgentStore, tableName };
  return { invoke: (request, invokeOptions) => invoke(invokeOptions?.urgent === true ? urgentContext : context, request) };
}
