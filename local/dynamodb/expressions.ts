/**
 * Expression objects of APPSYNC_JS DynamoDB requests (`condition`, `update`, `query`, `filter`,
 * `projection`): each carries its own `expressionNames` / `expressionValues`, while DynamoDB takes one
 * merged map per call. This module reads them and merges their placeholders.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { toSdkItem, type SdkItem } from './attributes.js';
import { RequestError, isPlainObject } from './request-error.js';

export interface Expression {
  expression: string;
  names: Record<string, string>;
  values: SdkItem;
}

/** Reads an expression object; `path` names it in error messages. Undefined/null stays undefined. */
export function readExpression(value: unknown, path: string): Expression | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw new RequestError(`${path} must be an object with an "expression" string`);
  if (typeof value.expression !== 'string' || value.expression.trim() === '') {
    throw new RequestError(`${path}.expression must be a non-empty string`);
  }
  return {
    expression: value.expression,
    names: readNames(value.expressionNames, `${path}.expressionNames`),
    values: value.expressionValues === undefined || value.expressionValues === null ? {} : toSdkItem(value.expressionValues, `${path}.expressionValues`),
  };
}

function readNames(value: unknown, path: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) throw new RequestError(`${path} must be an object of "#placeholder": "attributeName"`);
  for (const [placeholder, name] of Object.entries(value)) {
    if (typeof name !== 'string') throw new RequestError(`${path}.${placeholder} must be a string`);
  }
  return value as Record<string, string>;
}

function sameValue(left: AttributeValue, right: AttributeValue): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

export interface ExpressionAttributes {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: SdkItem;
}

/**
 * Merges the placeholders of several expressions. The same placeholder used twice with different
 * meanings would silently change one expression, so that is an error.
 */
export function mergeAttributes(expressions: Array<Expression | undefined>): ExpressionAttributes {
  const names: Record<string, string> = {};
  const values: SdkItem = {};
  for (const expression of expressions) {
    if (expression === undefined) continue;
    for (const [placeholder, name] of Object.entries(expression.names)) {
      if (placeholder in names && names[placeholder] !== name) {
        throw new RequestError(`expression name ${placeholder} is given two different meanings ("${names[placeholder]}" and "${name}")`);
      }
      names[placeholder] = name;
    }
    for (const [placeholder, value] of Object.entries(expression.values)) {
      if (placeholder in values && !sameValue(values[placeholder], value)) {
        throw new RequestError(`expression value ${placeholder} is given two different values`);
      }
      values[placeholder] = value;
    }
  }
  // DynamoDB rejects empty maps, so leave them out.
  return {
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}
