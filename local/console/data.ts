/**
 * The console's read-only view of the description's tables: one Scan or Query page at a time, on the
 * table or one of its indexes, items as plain JSON. Nothing here writes.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { JsonBytes } from '../dynamodb/attributes.js';
import type { DynamoStore } from '../dynamodb/store.js';
import type { KeyAttribute, TableConfig } from '../../description/types.js';

export interface DataRequest {
  table: string;
  /** A global secondary index of the table; the table itself when absent. */
  index?: string;
  /** Query by this partition key value; Scan when absent. */
  partitionValue?: string;
  /** Optional sort key condition for a Query. */
  sortOp?: '=' | '<' | '<=' | '>' | '>=' | 'begins_with';
  sortValue?: string;
  limit: number;
  /** Read backwards (Query only). */
  backwards?: boolean;
  /** The page cursor the previous page returned. */
  cursor?: string;
}

export interface DataPage {
  items: Record<string, unknown>[];
  /** Present when there are more items. */
  cursor?: string;
  scannedCount: number;
}

export class DataRequestError extends Error {}

function typed(attribute: KeyAttribute, value: string): AttributeValue {
  if (attribute.type === 'N') {
    if (!/^-?\d+(\.\d+)?$/.test(value.trim())) throw new DataRequestError(`${attribute.name} is a number: "${value}" is not.`);
    return { N: value.trim() };
  }
  if (attribute.type === 'B') return { B: JsonBytes.fromBase64(value) };
  return { S: value };
}

function keysOf(config: TableConfig, index: string | undefined): { partitionKey: KeyAttribute; sortKey?: KeyAttribute } {
  if (!index) return config;
  const found = config.indexes?.[index];
  if (!found) throw new DataRequestError(`Table has no index "${index}".`);
  return found;
}

/**
 * Items as JSON a person reads: numbers as numbers (as strings beyond double precision), binary as
 * base64, sets as arrays.
 */
export function plain(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL) return null;
  if (value.B !== undefined) return Buffer.from(value.B).toString('base64');
  if (value.SS) return value.SS;
  if (value.NS) return value.NS.map(number);
  if (value.BS) return value.BS.map((b) => Buffer.from(b).toString('base64'));
  if (value.L) return value.L.map(plain);
  if (value.M) return plainItem(value.M);
  return null;
}

function number(text: string): number | string {
  const n = Number(text);
  return Number.isFinite(n) && (Number.isSafeInteger(n) || !/^-?\d+$/.test(text)) ? n : text;
}

export function plainItem(item: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, plain(v)]));
}

/** The cursor is DynamoDB's LastEvaluatedKey as sent (keys are S, N or B), base64url JSON with B as base64. */
function encodeCursor(key: Record<string, AttributeValue>): string {
  const json = Object.fromEntries(Object.entries(key).map(([k, v]) => [k, v.B !== undefined ? { B: Buffer.from(v.B).toString('base64') } : v]));
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

function decodeCursor(cursor: string | undefined): Record<string, AttributeValue> | undefined {
  if (!cursor) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new DataRequestError('The page cursor is not valid.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new DataRequestError('The page cursor is not valid.');
  const key: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(parsed as Record<string, Record<string, unknown>>)) {
    if (typeof value?.S === 'string') key[name] = { S: value.S };
    else if (typeof value?.N === 'string') key[name] = { N: value.N };
    else if (typeof value?.B === 'string') key[name] = { B: JsonBytes.fromBase64(value.B) };
    else throw new DataRequestError('The page cursor is not valid.');
  }
  return key;
}

export async function readPage(store: DynamoStore, tables: Record<string, { physical: string; config: TableConfig }>, request: DataRequest): Promise<DataPage> {
  const table = Object.hasOwn(tables, request.table) ? tables[request.table] : undefined;
  if (!table) throw new DataRequestError(`No table "${request.table}" in the API description.`);
  const keys = keysOf(table.config, request.index);
  const limit = Math.min(Math.max(Math.trunc(request.limit) || 25, 1), 1000);
  const common = { TableName: table.physical, IndexName: request.index || undefined, Limit: limit, ExclusiveStartKey: decodeCursor(request.cursor) };
  let output;
  if (request.partitionValue === undefined) {
    output = await store.send('Scan', common);
  } else {
    const names: Record<string, string> = { '#pk': keys.partitionKey.name };
    const values: Record<string, AttributeValue> = { ':pk': typed(keys.partitionKey, request.partitionValue) };
    let condition = '#pk = :pk';
    if (request.sortOp && request.sortValue !== undefined && request.sortValue !== '') {
      if (!keys.sortKey) throw new DataRequestError('This key has no sort key.');
      names['#sk'] = keys.sortKey.name;
      values[':sk'] = typed(keys.sortKey, request.sortValue);
      condition += request.sortOp === 'begins_with' ? ' AND begins_with(#sk, :sk)' : ` AND #sk ${request.sortOp} :sk`;
    }
    output = await store.send('Query', { ...common, KeyConditionExpression: condition, ExpressionAttributeNames: names, ExpressionAttributeValues: values, ScanIndexForward: !request.backwards });
  }
  return {
    items: (output.Items ?? []).map(plainItem),
    cursor: output.LastEvaluatedKey ? encodeCursor(output.LastEvaluatedKey) : undefined,
    scannedCount: output.ScannedCount ?? 0,
  };
}
