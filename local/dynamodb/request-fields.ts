/** Readers for the fields of an APPSYNC_JS DynamoDB request object, each with a clear error for bad input. */
import { toSdkItem, type SdkItem } from './attributes.js';
import { readExpression, type Expression } from './expressions.js';
import { RequestError, isPlainObject } from './request-error.js';

export type RequestObject = Record<string, unknown>;

export function readKey(value: unknown, path: string): SdkItem {
  if (value === undefined || value === null) throw new RequestError(`${path} is required`);
  const key = toSdkItem(value, path);
  if (Object.keys(key).length === 0) throw new RequestError(`${path} must name at least the partition key`);
  return key;
}

export function readItem(value: unknown, path: string): SdkItem {
  if (value === undefined || value === null) return {};
  return toSdkItem(value, path);
}

export function readBoolean(value: unknown, path: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new RequestError(`${path} must be true or false`);
  return value;
}

export function readCount(value: unknown, path: string, minimum: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
    throw new RequestError(`${path} must be an integer of at least ${minimum}`);
  }
  return value;
}

export function readText(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') throw new RequestError(`${path} must be a non-empty string`);
  return value;
}

export function readTableName(value: unknown, path: string): string {
  const name = readText(value, path);
  if (name === undefined) throw new RequestError(`${path} is required`);
  return name;
}

export function readStringList(value: unknown, path: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string')) {
    throw new RequestError(`${path} must be an array of attribute names`);
  }
  return value;
}

export function readArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new RequestError(`${path} must be an array`);
  return value;
}

export function readObject(value: unknown, path: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw new RequestError(`${path} must be an object`);
  return value;
}

export interface Condition {
  expression: Expression;
  equalsIgnore: string[];
}

/**
 * `condition` of a write. A `Custom` conditionalCheckFailedHandler calls a Lambda function by ARN,
 * which the local engine cannot reach, so it is refused instead of silently behaving like `Reject`.
 */
export function readCondition(value: unknown, path: string): Condition | undefined {
  const expression = readExpression(value, path);
  if (expression === undefined || !isPlainObject(value)) return undefined;
  const handler = value.conditionalCheckFailedHandler;
  if (isPlainObject(handler) && handler.strategy !== undefined && handler.strategy !== 'Reject') {
    throw new RequestError(
      `${path}.conditionalCheckFailedHandler strategy "${String(handler.strategy)}" is not supported locally; only "Reject" is`,
      'DynamoDB:UnsupportedOperationException',
    );
  }
  return { expression, equalsIgnore: readStringList(value.equalsIgnore, `${path}.equalsIgnore`) };
}

/** A projection `{expression, expressionNames}` (expressionValues make no sense there). */
export function readProjection(value: unknown, path: string): Expression | undefined {
  const projection = readExpression(value, path);
  if (projection !== undefined && Object.keys(projection.values).length > 0) {
    throw new RequestError(`${path} cannot have expressionValues`);
  }
  return projection;
}

/**
 * Versioned (conflict-detection) data sources are not emulated; a `_version` would otherwise be
 * ignored and the write would skip the version check the resolver relies on.
 */
export function refuseVersion(request: RequestObject): void {
  if (request._version !== undefined && request._version !== null) {
    throw new RequestError(
      '_version needs a versioned data source (conflict detection), which the local engine does not emulate',
      'DynamoDB:UnsupportedOperationException',
    );
  }
}
