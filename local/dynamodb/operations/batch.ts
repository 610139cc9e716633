/**
 * BatchGetItem, BatchPutItem and BatchDeleteItem. They name real table names, passed through as given.
 * Each is one store call, like AppSync: unprocessed entries are reported, not retried, and their slot in
 * `data` is null so a resolver can tell which ones to try again.
 */
import {
  type KeysAndAttributes,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import type { DataSourceOutcome } from '../../datasources/contract.js';
import { sameItem, toPlainItem, type SdkItem } from '../attributes.js';
import { mergeAttributes } from '../expressions.js';
import { RequestError } from '../request-error.js';
import {
  readArray,
  readBoolean,
  readItem,
  readKey,
  readObject,
  readProjection,
  type RequestObject,
} from '../request-fields.js';
import { storeError } from '../store-errors.js';
import type { OperationContext } from './context.js';

function readTables(request: RequestObject): Record<string, unknown> {
  const tables = readObject(request.tables, 'tables');
  if (Object.keys(tables).length === 0) throw new RequestError('tables must name at least one table');
  return tables;
}

function keyPart(item: SdkItem, names: string[]): SdkItem {
  return Object.fromEntries(names.filter((name) => name in item).map((name) => [name, item[name]]));
}

/** Whether `item` has the key `key` (the item may carry many more attributes). */
function hasKey(item: SdkItem, key: SdkItem): boolean {
  const names = Object.keys(key);
  return sameItem(keyPart(item, names), key);
}

function isAmong(entry: SdkItem, others: SdkItem[]): boolean {
  return others.some((other) => sameItem(entry, other));
}

/**
 * Items come back in no particular order; they are put back in the order of the requested keys.
 * A projection must keep the key attributes for that matching to work (otherwise the slot stays null).
 */
export async function batchGetItem(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  const requested: Record<string, SdkItem[]> = {};
  const requestItems: Record<string, KeysAndAttributes> = {};
  for (const [table, value] of Object.entries(readTables(request))) {
    const entry = readObject(value, `tables.${table}`);
    const keys = readArray(entry.keys, `tables.${table}.keys`).map((key, index) => readKey(key, `tables.${table}.keys[${index}]`));
    const projection = readProjection(entry.projection, `tables.${table}.projection`);
    requested[table] = keys;
    requestItems[table] = {
      Keys: keys,
      ConsistentRead: readBoolean(entry.consistentRead, `tables.${table}.consistentRead`),
      ...(projection ? { ProjectionExpression: projection.expression } : {}),
      ...mergeAttributes([projection]),
    };
  }
  try {
    const output = await context.store.send('BatchGetItem', { RequestItems: requestItems });
    const data: Record<string, unknown[]> = {};
    const unprocessedKeys: Record<string, unknown[]> = {};
    for (const [table, keys] of Object.entries(requested)) {
      const found = output.Responses?.[table] ?? [];
      data[table] = keys.map((key) => {
        const item = found.find((candidate) => hasKey(candidate, key));
        return item === undefined ? null : toPlainItem(item);
      });
      unprocessedKeys[table] = (output.UnprocessedKeys?.[table]?.Keys ?? []).map(toPlainItem);
    }
    return { result: { data, unprocessedKeys } };
  } catch (error) {
    return { result: null, error: storeError(error, 'BatchGetItem') };
  }
}

async function batchWrite(
  context: OperationContext,
  operation: string,
  requestItems: Record<string, WriteRequest[]>,
  entries: Record<string, SdkItem[]>,
  unprocessedField: 'unprocessedItems' | 'unprocessedKeys',
): Promise<DataSourceOutcome> {
  try {
    const output = await context.store.send('BatchWriteItem', { RequestItems: requestItems });
    const data: Record<string, unknown[]> = {};
    const unprocessed: Record<string, unknown[]> = {};
    for (const [table, written] of Object.entries(entries)) {
      const left = (output.UnprocessedItems?.[table] ?? []).flatMap((writeRequest) => {
        const entry = writeRequest.PutRequest?.Item ?? writeRequest.DeleteRequest?.Key;
        return entry === undefined ? [] : [entry];
      });
      data[table] = written.map((entry) => (isAmong(entry, left) ? null : toPlainItem(entry)));
      unprocessed[table] = left.map(toPlainItem);
    }
    return { result: { data, [unprocessedField]: unprocessed } };
  } catch (error) {
    return { result: null, error: storeError(error, operation) };
  }
}

/** `data.T` holds the items written (key merged in), null where the store left one unprocessed. */
export async function batchPutItem(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  const requestItems: Record<string, WriteRequest[]> = {};
  const entries: Record<string, SdkItem[]> = {};
  for (const [table, value] of Object.entries(readTables(request))) {
    const items = readArray(value, `tables.${table}`).map((item, index) => {
      const converted = readItem(item, `tables.${table}[${index}]`);
      if (Object.keys(converted).length === 0) throw new RequestError(`tables.${table}[${index}] must be a non-empty item`);
      return converted;
    });
    entries[table] = items;
    requestItems[table] = items.map((item) => ({ PutRequest: { Item: item } }));
  }
  return batchWrite(context, 'BatchPutItem', requestItems, entries, 'unprocessedItems');
}

/** `data.T` holds the keys deleted, null where the store left one unprocessed. */
export async function batchDeleteItem(context: OperationContext, request: RequestObject): Promise<DataSourceOutcome> {
  const requestItems: Record<string, WriteRequest[]> = {};
  const entries: Record<string, SdkItem[]> = {};
  for (const [table, value] of Object.entries(readTables(request))) {
    const keys = readArray(value, `tables.${table}`).map((key, index) => readKey(key, `tables.${table}[${index}]`));
    entries[table] = keys;
    requestItems[table] = keys.map((key) => ({ DeleteRequest: { Key: key } }));
  }
  return batchWrite(context, 'BatchDeleteItem', requestItems, entries, 'unprocessedKeys');
}
