/**
 * How the local engine reaches a DynamoDB store: one contract (`DynamoStore`), two ways.
 * - `inProcessStore` (here): the embedded dynalite's own request handler, called in this process with
 *   the request in DynamoDB's JSON protocol. The data source already holds requests in that shape, so
 *   the SDK's generic serialization, middleware and signing, and the loopback HTTP round trip, would
 *   be paid for nothing. Dynalite still validates every request as it does over HTTP.
 * - `sdkStore` (client.ts): the AWS SDK, signed with SigV4, for DynamoDB Local or AWS
 *   (TURNBASE_DYNAMODB_ENDPOINT). Only that case loads the SDK, so an engine on its embedded store
 *   starts without it.
 */
import { EventEmitter } from 'node:events';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type {
  BatchGetItemCommandOutput,
  BatchWriteItemCommandOutput,
  CreateTableCommandOutput,
  DeleteItemCommandOutput,
  DeleteTableCommandOutput,
  DescribeTableCommandOutput,
  GetItemCommandOutput,
  PutItemCommandOutput,
  QueryCommandOutput,
  ScanCommandOutput,
  TransactGetItemsCommandOutput,
  TransactWriteItemsCommandOutput,
  UpdateItemCommandOutput,
  UpdateTableCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { JsonBytes } from './attributes.js';

/**
 * One DynamoDB API call, input and output in DynamoDB's JSON shapes (binaries as bytes). A failure
 * throws what the SDK throws: an Error named by the AWS error code, with `$metadata.httpStatusCode`,
 * `$metadata.requestId` and the other fields of DynamoDB's answer (e.g. `Item` for a failed condition).
 */
export interface DynamoStore {
  /** What the store speaks; it also keeps an SDK client (whose `send` takes a command) from passing for a store. */
  readonly protocol: 'DynamoDB_20120810';
  send<O extends StoreOperation>(operation: O, input: object, options?: StoreCallOptions): Promise<StoreOutputs[O]>;
}

export interface StoreCallOptions {
  /**
   * The call belongs to a request deep into its pipeline: a store that can finishes it without giving the
   * event loop back between its steps (the embedded store: urgent-calls.ts). Others ignore it.
   */
  urgent?: boolean;
}

/** The SDK's output shapes, which both stores produce. */
export interface StoreOutputs {
  GetItem: GetItemCommandOutput;
  PutItem: PutItemCommandOutput;
  UpdateItem: UpdateItemCommandOutput;
  DeleteItem: DeleteItemCommandOutput;
  Query: QueryCommandOutput;
  Scan: ScanCommandOutput;
  BatchGetItem: BatchGetItemCommandOutput;
  BatchWriteItem: BatchWriteItemCommandOutput;
  TransactGetItems: TransactGetItemsCommandOutput;
  TransactWriteItems: TransactWriteItemsCommandOutput;
  CreateTable: CreateTableCommandOutput;
  DescribeTable: DescribeTableCommandOutput;
  DeleteTable: DeleteTableCommandOutput;
  UpdateTable: UpdateTableCommandOutput;
}

export type StoreOperation = keyof StoreOutputs;

// Dynalite checks that a request carries a SigV4-shaped Authorization header, never the signature.
const inProcessHeaders = {
  'content-type': 'application/x-amz-json-1.0',
  authorization: 'AWS4-HMAC-SHA256 Credential=local/20000101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=local',
  'x-amz-date': '20000101T000000Z',
};

/** Binaries travel as base64 text in the JSON protocol; the data source works with bytes, as the SDK gives them. */
export function parseAnswer(body: string): Record<string, unknown> {
  if (!body.includes('"B":') && !body.includes('"BS":')) return JSON.parse(body) as Record<string, unknown>;
  return JSON.parse(body, (name, value: unknown) => {
    if (name === 'B' && typeof value === 'string') return JsonBytes.fromBase64(value);
    if (name === 'BS' && Array.isArray(value) && value.every((entry) => typeof entry === 'string')) return value.map((entry: string) => JsonBytes.fromBase64(entry));
    return value;
  }) as Record<string, unknown>;
}

/** A failed call as the SDK throws it: an Error named by DynamoDB's error code, with the answer's fields and `$metadata`. */
export function storeFailure(status: number, requestId: string | undefined, body: string): Error {
  let answer: Record<string, unknown> = {};
  try {
    answer = parseAnswer(body);
  } catch {
    // Not JSON: the code alone must do.
  }
  const { __type: type, message, Message, ...fields } = answer;
  const code = (typeof type === 'string' ? type.split('#').pop() : undefined) || 'UnknownError';
  // As the SDK: a failure without a message says UnknownError.
  const text = typeof message === 'string' ? message : typeof Message === 'string' ? Message : 'UnknownError';
  return Object.assign(new Error(text), fields, { name: code, $metadata: { httpStatusCode: status, requestId } });
}

/**
 * The store behind an embedded dynalite server, without a socket: its request handler is called
 * with a minimal request and response. Nothing else in the process needs to know.
 */
export function inProcessStore(server: Server): DynamoStore {
  const handler = server.listeners('request')[0] as ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  if (handler === undefined) throw new Error('inProcessStore needs the dynalite server, which has a request handler');
  return {
    protocol: 'DynamoDB_20120810',
    send<O extends StoreOperation>(operation: O, input: object) {
      return new Promise<StoreOutputs[O]>((resolve, reject) => {
        const request = Object.assign(new EventEmitter(), {
          method: 'POST',
          url: '/',
          // Object.assign: a spread followed by another key takes V8's slow path (microseconds) in Node 20.
          headers: Object.assign({}, inProcessHeaders, { 'x-amz-target': `DynamoDB_20120810.${operation}` }),
        });
        const headers: Record<string, string> = {};
        const response = {
          statusCode: 200,
          setHeader(name: string, value: unknown) {
            headers[name.toLowerCase()] = String(value);
          },
          end(body?: string) {
            const text = body ?? '';
            if (response.statusCode === 200) {
              try {
                const output = parseAnswer(text);
                output.$metadata = { httpStatusCode: 200, requestId: headers['x-amzn-requestid'] };
                resolve(output as unknown as StoreOutputs[O]);
              } catch (error) {
                reject(error);
              }
            } else {
              reject(storeFailure(response.statusCode, headers['x-amzn-requestid'], text));
            }
          },
        };
        handler(request as unknown as IncomingMessage, response as unknown as ServerResponse);
        request.emit('data', JSON.stringify(input));
        request.emit('end');
      });
    },
  };
}
