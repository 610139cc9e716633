/**
 * The embedded dynalite's operations called as functions: the same type checks, validations and actions
 * its HTTP handler runs, in the same order, with the same answers and errors, without the handler itself.
 * Called in process through the handler (store.ts `inProcessStore`), every request still paid for its
 * HTTP part: the answer turned into JSON text and parsed back, a CRC32 of it, headers set one by one and
 * a random request id from the system's random source, about a tenth of the engine thread's work during
 * moves. Operations dynalite does not know (the transactions) still go through the handler, which
 * answers them as it always has.
 *
 * What dynalite's handler checks before its validations (method, content type, target, SigV4 header
 * shape) is always the same for the engine's calls, so those checks are left out; the size limit of the
 * request body is kept.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { JsonBytes } from './attributes.js';
import { withTableCache } from './table-cache.js';
import { urgentCalls } from './urgent-calls.js';
import { storeFailure, type DynamoStore, type StoreCallOptions, type StoreOperation, type StoreOutputs } from './store.js';

/** Dynalite's store (its `db.create` result), which its actions take as their first argument. */
export type DynaliteInternals = object;

type Callback = (error: { statusCode?: number; body?: unknown } | null | undefined, data?: Record<string, unknown>) => void;

interface Validations {
  checkTypes(data: unknown, types: unknown): Record<string, unknown>;
  checkValidations(data: unknown, types: unknown, custom: unknown, store: DynaliteInternals): void;
}

// As dynalite's handler: a body longer than this (in string length, as its handler counts a string body) is refused.
const MAX_REQUEST_LENGTH = 16 * 1024 * 1024;

const require = createRequire(import.meta.url);

/** Dynalite's own operations (its `validOperations`), by our name. */
const OPERATIONS = ['BatchGetItem', 'BatchWriteItem', 'CreateTable', 'DeleteItem', 'DeleteTable', 'DescribeTable', 'DescribeTimeToLive', 'GetItem', 'ListTables', 'PutItem', 'Query', 'Scan', 'TagResource', 'UntagResource', 'ListTagsOfResource', 'UpdateItem', 'UpdateTable'];

interface Operation {
  action(store: DynaliteInternals, data: Record<string, unknown>, done: Callback): void;
  types: unknown;
  custom: unknown;
}

let validations: Validations | undefined;
const operations = new Map<string, Operation>();

function operation(name: string): Operation | undefined {
  if (!OPERATIONS.includes(name)) return undefined;
  let found = operations.get(name);
  if (found === undefined) {
    const file = name.charAt(0).toLowerCase() + name.slice(1);
    const { types, custom } = require(`dynalite/validations/${file}`) as { types: unknown; custom: unknown };
    found = { action: require(`dynalite/actions/${file}`) as Operation['action'], types, custom };
    operations.set(name, found);
  }
  return found;
}

/** Request ids as dynalite makes them (52 characters of upper-case base64, + and / as 0), from a pool of random bytes. */
let pool = Buffer.alloc(0);
let poolAt = 0;
function requestId(): string {
  if (poolAt + 39 > pool.length) {
    pool = randomBytes(39 * 256);
    poolAt = 0;
  }
  const id = pool.toString('base64', poolAt, poolAt + 39).toUpperCase().replace(/\+|\//g, '0');
  poolAt += 39;
  return id;
}

/**
 * What `parseAnswer(JSON.stringify(value))` gives, without the text: keys in the same order, undefined
 * members left out (null in arrays), numbers that JSON cannot hold as null, base64 binaries as bytes.
 */
export function answerCopy(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return key === 'B' ? JsonBytes.fromBase64(value) : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return answerCopy(JSON.parse(JSON.stringify(value)), key);
  if (Array.isArray(value)) {
    const copy = value.map((entry: unknown) => (entry === undefined || typeof entry === 'function' || typeof entry === 'symbol' ? null : answerCopy(entry)));
    if (key === 'BS' && copy.every((entry) => typeof entry === 'string')) return copy.map((entry) => JsonBytes.fromBase64(entry as string));
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const name of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[name];
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    copy[name] = answerCopy(member, name);
  }
  return copy;
}

/** Something answerCopy would not leave as it is apart from binaries and numbers: normalizeOwned gives up. */
class NotPlain extends Error {}

function normalizeValue(value: unknown, key: string): unknown {
  if (typeof value === 'string') return key === 'B' ? JsonBytes.fromBase64(value) : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') throw new NotPlain();
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      if (value[index] === undefined) throw new NotPlain();
      value[index] = normalizeValue(value[index], '');
    }
    if (key === 'BS' && value.every((entry) => typeof entry === 'string')) return value.map((entry: string) => JsonBytes.fromBase64(entry));
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const name of Object.keys(record)) {
    if (record[name] === undefined) delete record[name];
    else record[name] = normalizeValue(record[name], name);
  }
  return record;
}

/**
 * answerCopy's result made in the answer itself, for the item operations, whose answers dynalite builds for the
 * one call (items decoded from its store, the request's own values) and keeps no hold of: copying the whole
 * game item of every move was about 4% of the engine thread. Anything unusual is left to answerCopy, which gives
 * the same result from a half-normalized answer.
 */
export function normalizeOwned(answer: unknown): unknown {
  try {
    return normalizeValue(answer, '');
  } catch (error) {
    if (error instanceof NotPlain) return answerCopy(answer);
    throw error;
  }
}

/**
 * The item operations: their answers are built for the one call (normalizeOwned may change them in place), and they
 * only read a table's description (so they may read it from withTableCache).
 */
const ITEM_OPERATIONS = new Set(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem']);

/** `fallback` (dynalite's handler) answers the operations dynalite does not implement. */
export function directStore(internals: DynaliteInternals, fallback: DynamoStore): DynamoStore {
  validations ??= require('dynalite/validations') as Validations;
  const checks = validations;
  const itemInternals = withTableCache(internals);
  const asUrgent = urgentCalls(internals);
  return {
    protocol: 'DynamoDB_20120810',
    send<O extends StoreOperation>(name: O, input: object, options?: StoreCallOptions): Promise<StoreOutputs[O]> {
      const found = operation(name);
      if (found === undefined) return fallback.send(name, input);
      return new Promise<StoreOutputs[O]>((resolve, reject) => {
        // The request as dynalite's handler reads it: JSON text (binaries become base64), parsed.
        const body = JSON.stringify(input);
        if (body.length > MAX_REQUEST_LENGTH) return reject(storeFailure(413, undefined, ''));
        const id = requestId();
        let data: Record<string, unknown>;
        try {
          data = checks.checkTypes(JSON.parse(body), found.types);
          checks.checkValidations(data, found.types, found.custom, internals);
        } catch (error) {
          const failure = error as { statusCode?: number; body?: unknown };
          if (failure.statusCode) return reject(storeFailure(failure.statusCode, id, JSON.stringify(failure.body)));
          return reject(error as Error);
        }
        const finish: Callback = (error, answer) => {
          if (error && error.statusCode) return reject(storeFailure(error.statusCode, id, JSON.stringify(error.body)));
          if (error) return reject(error as unknown as Error);
          try {
            const output = (ITEM_OPERATIONS.has(name) ? normalizeOwned(answer) : answerCopy(answer)) as Record<string, unknown>;
            output.$metadata = { httpStatusCode: 200, requestId: id };
            resolve(output as unknown as StoreOutputs[O]);
          } catch (failure) {
            reject(failure as Error);
          }
        };
        asUrgent(options?.urgent === true, () => found.action(ITEM_OPERATIONS.has(name) ? itemInternals : internals, data, finish));
      });
    },
  };
}
