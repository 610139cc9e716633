/**
 * `util.dynamodb.*`: plain JSON values to DynamoDB typed attribute values.
 * Numbers stay JSON numbers ({N: 12}, {NS: [1, 2]}), as AppSync's EvaluateCode recordings show
 * (the type declarations say string); the DynamoDB data source accepts both.
 */
import { setEntry } from './json-copy.js';

export type AttributeValue = Record<string, unknown>;

/**
 * Typed sets built by toStringSet/toNumberSet/toBinarySet. They are remembered so a set nested in
 * an item stays a set instead of becoming a map {SS: {L: …}}; DynamoDB has no other way to write one.
 */
const typedSets = new WeakSet<object>();

function markSet<T extends object>(set: T): T {
  typedSets.add(set);
  return set;
}

export function isTypedSet(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typedSets.has(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function toDynamoDB(value: unknown): AttributeValue {
  if (value === null || value === undefined) return { NULL: null };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return Number.isFinite(value) ? { N: value } : { NULL: null };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map((element) => toDynamoDB(element)) };
  if (isTypedSet(value)) return { ...(value as AttributeValue) };
  if (isPlainObject(value)) return { M: toMapValues(value) };
  return { S: String(value) };
}

export function toMapValues(value: unknown): Record<string, AttributeValue> {
  const result: Record<string, AttributeValue> = {};
  if (!isPlainObject(value)) return result;
  for (const key of Object.keys(value)) {
    // undefined is dropped, as a JSON round trip would drop it.
    if (value[key] !== undefined) setEntry(result, key, toDynamoDB(value[key]));
  }
  return result;
}

export function toMap(value: unknown): { M: Record<string, AttributeValue> } | null {
  return isPlainObject(value) ? { M: toMapValues(value) } : null;
}

export function toList(value: unknown): { L: AttributeValue[] } | null {
  return Array.isArray(value) ? { L: value.map((element) => toDynamoDB(element)) } : null;
}

export function toStringAttribute(value: unknown): { S: string } | null {
  return value === null || value === undefined ? null : { S: String(value) };
}

export function toNumber(value: unknown): { N: unknown } | null {
  return value === null || value === undefined ? null : { N: value };
}

export function toBinary(value: unknown): { B: string } | null {
  return value === null || value === undefined ? null : { B: String(value) };
}

export function toBoolean(value: unknown): { BOOL: boolean } | null {
  return value === null || value === undefined ? null : { BOOL: Boolean(value) };
}

export function toNull(): { NULL: null } {
  return { NULL: null };
}

function listOf(values: unknown, name: string): unknown[] | null {
  if (values === null || values === undefined) return null;
  if (!Array.isArray(values)) throw new TypeError(`${name} expects an array, got ${typeof values}`);
  return values;
}

export function toStringSet(values: unknown): { SS: string[] } | null {
  const list = listOf(values, 'toStringSet');
  return list === null ? null : markSet({ SS: list.map((v) => String(v)) });
}

export function toNumberSet(values: unknown): { NS: unknown[] } | null {
  const list = listOf(values, 'toNumberSet');
  return list === null ? null : markSet({ NS: [...list] });
}

export function toBinarySet(values: unknown): { BS: string[] } | null {
  const list = listOf(values, 'toBinarySet');
  return list === null ? null : markSet({ BS: list.map((v) => String(v)) });
}

export function toS3Object(key: string, bucket: string, region: string, version?: string): { S: string } {
  const s3: Record<string, string> = { key, bucket, region };
  if (version !== undefined && version !== null) s3.version = version;
  return { S: JSON.stringify({ s3 }) };
}

export function fromS3ObjectJson(text: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(String(text));
  if (!isPlainObject(parsed) || !isPlainObject(parsed.s3)) {
    throw new TypeError('fromS3ObjectJson expects a string like {"s3":{"key":…,"bucket":…,"region":…}}');
  }
  return parsed.s3;
}

export const dynamodbUtil = {
  toDynamoDB,
  toString: toStringAttribute,
  toStringSet,
  toNumber,
  toNumberSet,
  toBinary,
  toBinarySet,
  toBoolean,
  toNull,
  toList,
  toMap,
  toMapValues,
  toS3Object,
  fromS3ObjectJson,
};
