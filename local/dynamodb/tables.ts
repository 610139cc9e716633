/**
 * Creates the API description's tables in a DynamoDB store when they are missing. Existing tables are
 * left alone (their data matters more than a schema drift), except that missing GSIs are added when the
 * store can do it.
 */
import type { AttributeDefinition, GlobalSecondaryIndex, KeySchemaElement, TableDescription } from '@aws-sdk/client-dynamodb';
import type { KeyAttribute, TableConfig, TableIndex } from '../../description/types.js';
import { errorCode } from './store-errors.js';
import type { DynamoStore } from './store.js';

export interface TableToEnsure {
  name: string;
  config: TableConfig;
}

export interface EnsureTablesOptions {
  /** Where notes about tables that could not be brought in line go. */
  warn?: (message: string) => void;
  /** How long to wait for a table or index to become ACTIVE. */
  timeoutMs?: number;
}

function keySchema(partitionKey: KeyAttribute, sortKey?: KeyAttribute): KeySchemaElement[] {
  return [
    { AttributeName: partitionKey.name, KeyType: 'HASH' },
    ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: 'RANGE' as const }] : []),
  ];
}

/** Every key attribute of the table and its indexes, once; one name with two types is a description error. */
function attributeDefinitions(table: TableToEnsure, indexes: Array<[string, TableIndex]>): AttributeDefinition[] {
  const types = new Map<string, string>();
  const keys = [table.config.partitionKey, table.config.sortKey, ...indexes.flatMap(([, index]) => [index.partitionKey, index.sortKey])];
  for (const key of keys) {
    if (key === undefined) continue;
    const known = types.get(key.name);
    if (known !== undefined && known !== key.type) {
      throw new Error(`table ${table.name}: attribute ${key.name} is declared both as ${known} and as ${key.type}`);
    }
    types.set(key.name, key.type);
  }
  return [...types].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType: AttributeType as 'S' | 'N' | 'B' }));
}

function globalIndex(name: string, index: TableIndex): GlobalSecondaryIndex {
  return {
    IndexName: name,
    KeySchema: keySchema(index.partitionKey, index.sortKey),
    Projection: { ProjectionType: index.projection ?? 'ALL' },
  };
}

async function describe(store: DynamoStore, name: string): Promise<TableDescription | undefined> {
  try {
    return (await store.send('DescribeTable', { TableName: name })).Table;
  } catch (error) {
    if (errorCode(error) === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

function isActive(table: TableDescription | undefined): boolean {
  return table?.TableStatus === 'ACTIVE' && (table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
}

async function waitUntilActive(store: DynamoStore, name: string, timeoutMs: number): Promise<TableDescription> {
  const deadline = Date.now() + timeoutMs;
  // The embedded store makes a new table ACTIVE on its next turn of the event loop, DynamoDB Local at once, AWS after
  // seconds: the first looks come quickly, later ones back off. A fixed 100 ms was most of an in-memory engine's start.
  let pauseMs = 2;
  for (;;) {
    const table = await describe(store, name);
    if (table !== undefined && isActive(table)) return table;
    if (Date.now() > deadline) throw new Error(`table ${name} did not become ACTIVE within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    pauseMs = Math.min(pauseMs * 2, 500);
  }
}

async function createTable(store: DynamoStore, table: TableToEnsure, indexes: Array<[string, TableIndex]>): Promise<void> {
  try {
    await store.send('CreateTable', {
      TableName: table.name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: attributeDefinitions(table, indexes),
      KeySchema: keySchema(table.config.partitionKey, table.config.sortKey),
      ...(indexes.length > 0 ? { GlobalSecondaryIndexes: indexes.map(([name, index]) => globalIndex(name, index)) } : {}),
    });
  } catch (error) {
    // Another process created it between our DescribeTable and CreateTable: that is the goal reached.
    if (errorCode(error) !== 'ResourceInUseException') throw error;
  }
}

/** DynamoDB creates one GSI per UpdateTable call. A store that accepts the call but ignores it gets a warning. */
async function addMissingIndexes(
  store: DynamoStore,
  table: TableToEnsure,
  existing: TableDescription,
  indexes: Array<[string, TableIndex]>,
  options: Required<EnsureTablesOptions>,
): Promise<void> {
  const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const [name, index] of indexes) {
    if (present.has(name)) continue;
    try {
      await store.send('UpdateTable', {
        TableName: table.name,
        AttributeDefinitions: attributeDefinitions(table, indexes),
        GlobalSecondaryIndexUpdates: [{ Create: globalIndex(name, index) }],
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      options.warn(`table ${table.name}: this DynamoDB store could not add index ${name} to the existing table (${errorCode(error)}: ${reason}); recreate the table to get it`);
      continue;
    }
    const after = await describe(store, table.name);
    if (!(after?.GlobalSecondaryIndexes ?? []).some((entry) => entry.IndexName === name)) {
      options.warn(`table ${table.name}: this DynamoDB store could not add index ${name} to the existing table (it ignored the request); recreate the table to get it`);
      continue;
    }
    await waitUntilActive(store, table.name, options.timeoutMs);
  }
}

/** Idempotent: safe to run on every start. Resolves once every table (and index it has) is ACTIVE. */
export async function ensureTables(store: DynamoStore, tables: TableToEnsure[], options: EnsureTablesOptions = {}): Promise<void> {
  const settings: Required<EnsureTablesOptions> = {
    warn: options.warn ?? ((message) => console.warn(`turnbase: ${message}`)),
    timeoutMs: options.timeoutMs ?? 60_000,
  };
  for (const table of tables) {
    const indexes = Object.entries(table.config.indexes ?? {});
    const existing = await describe(store, table.name);
    if (existing === undefined) {
      await createTable(store, table, indexes);
    } else {
      await waitUntilActive(store, table.name, settings.timeoutMs);
      await addMissingIndexes(store, table, existing, indexes, settings);
    }
    await waitUntilActive(store, table.name, settings.timeoutMs);
  }
}
