/**
 * A DynamoDB store for tests: the embedded dynalite, in memory, or the endpoint named by
 * TURNBASE_DYNAMODB_ENDPOINT (CI points it at DynamoDB Local). Table names get a prefix unique to the
 * call, so tests sharing one external store never see each other's tables.
 */
import { randomBytes } from 'node:crypto';
import { DeleteTableCommand, ListTablesCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoClient, sdkStore, type DynamoStore } from '../../local/dynamodb/client.js';
import { startEmbeddedDynamo } from '../../local/dynamodb/embedded.js';

export interface TestDynamo {
  client: DynamoDBClient;
  /** How the engine reaches this store: dynalite in process, or the external endpoint through the SDK. */
  store: DynamoStore;
  endpoint: string;
  /** True when the store is dynalite (no transactions), false for an external endpoint. */
  embedded: boolean;
  /** Unique per call, e.g. `t1a2b3c4d_`. */
  prefix: string;
  /** `prefix + base`: the name a test should give its table. */
  tableName(base: string): string;
  close(): Promise<void>;
}

async function deleteTablesWithPrefix(client: DynamoDBClient, prefix: string): Promise<void> {
  let start: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    for (const name of page.TableNames ?? []) {
      if (name.startsWith(prefix)) await client.send(new DeleteTableCommand({ TableName: name }));
    }
    start = page.LastEvaluatedTableName;
  } while (start !== undefined);
}

export async function startTestDynamo(): Promise<TestDynamo> {
  const prefix = `t${randomBytes(4).toString('hex')}_`;
  const external = process.env.TURNBASE_DYNAMODB_ENDPOINT;
  const embedded = external ? undefined : await startEmbeddedDynamo({ dataDir: null });
  const endpoint = external ?? embedded!.endpoint;
  const client = createDynamoClient(endpoint);
  return {
    client,
    store: embedded ? embedded.store : sdkStore(client),
    endpoint,
    embedded: embedded !== undefined,
    prefix,
    tableName: (base) => `${prefix}${base}`,
    async close() {
      if (embedded) {
        client.destroy();
        await embedded.close();
        return;
      }
      // An external store outlives the test: leave it as clean as it was found.
      await deleteTablesWithPrefix(client, prefix);
      client.destroy();
    },
  };
}
