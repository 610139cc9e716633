/**
 * The benchmark's baseline: plain graphql-js `execute` of the same schema over HTTP, with the same logic
 * as ordinary functions and the same DynamoDB store: no sandbox, no auth, no AppSync semantics.
 * Like the engine, it keeps parsed and validated documents by query text, so the comparison is
 * about executing a request, not about re-validating the same text.
 */
import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { execute, parse, validate, type DocumentNode, type GraphQLError } from 'graphql';
import { buildAppSyncSchema } from '../description/load.js';
import { createDynamoClient } from '../local/dynamodb/client.js';
import { readFileSync } from 'node:fs';

export async function startBaseline(options: { schemaFile: string; dynamodbEndpoint: string; booksTable: string }): Promise<{ url: string; close(): Promise<void> }> {
  const schema = buildAppSyncSchema(readFileSync(options.schemaFile, 'utf8'));
  const client = createDynamoClient(options.dynamodbEndpoint);
  const rootValue = {
    echo: ({ message }: { message: string }) => `hello: ${message}`,
    getBook: async ({ id }: { id: string }) => {
      const { Item } = await client.send(new GetItemCommand({ TableName: options.booksTable, Key: { id: { S: id } } }));
      return Item ? unmarshall(Item) : null;
    },
  };
  const documents = new Map<string, { document: DocumentNode; errors: readonly GraphQLError[] }>();
  const checked = (query: string) => {
    let entry = documents.get(query);
    if (!entry) {
      const document = parse(query);
      entry = { document, errors: validate(schema, document) };
      documents.set(query, entry);
    }
    return entry;
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString()) as { query: string; variables?: Record<string, unknown> };
      const { document, errors } = checked(query);
      const result = errors.length > 0 ? { errors } : await execute({ schema, document, rootValue, variableValues: variables });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/graphql`, close: () => new Promise((done) => server.close(() => done())) };
}
