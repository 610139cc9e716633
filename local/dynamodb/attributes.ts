/**
 * Conversions between the three shapes an item takes on its way through the DynamoDB data source:
 * - the typed values a resolver writes (`{S: 'a'}`, `{N: 12}` or `{N: '12'}`, `{B: '<base64>'}`, `{NULL: null}`),
 * - the SDK's AttributeValue (numbers as strings, binaries as bytes),
 * - the plain JSON AppSync hands to a response handler (N → number, sets → arrays, B → base64, NULL → null).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { RequestError, isPlainObject } from './request-error.js';
import { setEntry } from '../runtime/json-copy.js';

export type SdkItem = Record<string, AttributeValue>;

const typeTags = ['S', 'N', 'B', 'BOOL', 'NULL', 'SS', 'NS', 'BS', 'L', 'M'];

function invalid(path: string, why: string): RequestError {
  return new RequestError(`${path} is not a valid DynamoDB attribute value: ${why}`);
}

function numberText(value: unknown, path: string): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid(path, 'numbers must be finite');
    return String(value);
  }
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw invalid(path, 'N takes a number or a numeric string');
}

/**
 * Bytes that become base64 text in JSON, as DynamoDB's JSON protocol carries binaries: the same
 * request then serves both the SDK (which wants bytes) and a store called with plain JSON.
 */
export class JsonBytes extends Uint8Array {
  static fromBase64(text: string): JsonBytes {
    const decoded = Buffer.from(text, 'base64');
    return new JsonBytes(decoded.buffer, decoded.byteOffset, decoded.byteLength);
  }

  toJSON(): string {
    return Buffer.from(this.buffer, this.byteOffset, this.byteLength).toString('base64');
  }
}

function bytes(value: unknown, path: string): Uint8Array {
  if (value instanceof JsonBytes) return value;
  if (value instanceof Uint8Array) return new JsonBytes(value);
  if (typeof value === 'string') return JsonBytes.fromBase64(value);
  throw invalid(path, 'B takes a base64 string');
}

function arrayOf<T>(value: unknown, path: string, tag: string, convert: (entry: unknown, at: string) => T): T[] {
  if (!Array.isArray(value)) throw invalid(path, `${tag} takes an array`);
  return value.map((entry, index) => convert(entry, `${path}.${tag}[${index}]`));
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string') throw invalid(path, 'expected a string');
  return value;
}

/** Typed value from a request object → SDK AttributeValue. `path` names the value in error messages. */
export function toSdkValue(value: unknown, path: string): AttributeValue {
  if (!isPlainObject(value)) throw invalid(path, 'expected an object such as {"S": "text"}');
  const tags = Object.keys(value);
  if (tags.length !== 1 || !typeTags.includes(tags[0])) {
    throw invalid(path, `expected exactly one of ${typeTags.join(', ')}, got {${tags.join(', ')}}`);
  }
  const tag = tags[0];
  const inner = value[tag];
  switch (tag) {
    case 'S':
      return { S: text(inner, path) };
    case 'N':
      return { N: numberText(inner, path) };
    case 'B':
      return { B: bytes(inner, path) };
    case 'BOOL':
      if (typeof inner !== 'boolean') throw invalid(path, 'BOOL takes true or false');
      return { BOOL: inner };
    case 'NULL':
      // util.dynamodb.toDynamoDB(null) produces {NULL: null}; the wire format wants {NULL: true}.
      if (inner !== null && inner !== true) throw invalid(path, 'NULL takes null or true');
      return { NULL: true };
    case 'SS':
      return { SS: arrayOf(inner, path, 'SS', text) };
    case 'NS':
      return { NS: arrayOf(inner, path, 'NS', numberText) };
    case 'BS':
      return { BS: arrayOf(inner, path, 'BS', bytes) };
    case 'L':
      return { L: arrayOf(inner, path, 'L', toSdkValue) };
    default:
      if (!isPlainObject(inner)) throw invalid(path, 'M takes an object');
      return { M: toSdkItem(inner, `${path}.M`) };
  }
}

/** A map of typed values (a key, an item, expressionValues) → SDK item. */
export function toSdkItem(value: unknown, path: string): SdkItem {
  if (!isPlainObject(value)) throw new RequestError(`${path} must be an object of typed attribute values`);
  const item: SdkItem = {};
  for (const [name, attribute] of Object.entries(value)) {
    // The AWS SDK for JavaScript turns a `__proto__` key into a prototype and sends a corrupt item; refuse it clearly instead.
    if (name === '__proto__') throw new RequestError(`${path}.__proto__: the local engine cannot store an attribute named __proto__ (DynamoDB accepts it; the AWS SDK for JavaScript the engine uses does not)`);
    item[name] = toSdkValue(attribute, `${path}.${name}`);
  }
  return item;
}

function base64(value: Uint8Array): string {
  return Buffer.from(value).toString('base64');
}

/** SDK AttributeValue → the plain JSON AppSync gives resolvers. */
export function toPlainValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.B !== undefined) return base64(value.B);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(Number);
  if (value.BS !== undefined) return value.BS.map(base64);
  if (value.L !== undefined) return value.L.map(toPlainValue);
  if (value.M !== undefined) return toPlainItem(value.M);
  return null;
}

export function toPlainItem(item: SdkItem): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) setEntry(plain, name, toPlainValue(value));
  return plain;
}

export function toPlainItemOrNull(item: SdkItem | undefined): Record<string, unknown> | null {
  return item === undefined ? null : toPlainItem(item);
}

/** A form of a value in which equal DynamoDB values are equal JSON: sets sorted, numbers normalised. */
function canonical(value: AttributeValue): unknown {
  if (value.N !== undefined) return { N: Number(value.N) };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.SS !== undefined) return { SS: [...value.SS].sort() };
  if (value.NS !== undefined) return { NS: value.NS.map(Number).sort((a, b) => a - b) };
  if (value.BS !== undefined) return { BS: value.BS.map(base64).sort() };
  if (value.L !== undefined) return { L: value.L.map(canonical) };
  if (value.M !== undefined) return { M: canonicalItem(value.M, []) };
  return value;
}

function canonicalItem(item: SdkItem, ignore: string[]): unknown {
  const names = Object.keys(item)
    .filter((name) => !ignore.includes(name))
    .sort();
  return names.map((name) => [name, canonical(item[name])]);
}

/** Whether two items hold the same attributes and values, leaving out the `ignore` attributes. */
export function sameItem(left: SdkItem, right: SdkItem, ignore: string[] = []): boolean {
  return JSON.stringify(canonicalItem(left, ignore)) === JSON.stringify(canonicalItem(right, ignore));
}
