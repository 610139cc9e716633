/**
 * Collects `#name` / `:value` placeholders for one DynamoDB expression, so generated expressions
 * never splice user data into their text and never repeat a placeholder.
 */
import { toDynamoDB, type AttributeValue } from './dynamodb-values.js';

export interface ExpressionPlaceholders {
  names: Record<string, string>;
  values: Record<string, AttributeValue>;
}

export function newPlaceholders(): ExpressionPlaceholders {
  return { names: {}, values: {} };
}

function sanitize(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_]/g, '_');
  return cleaned.length > 0 ? cleaned : '_';
}

/** `#title` for "title"; a different attribute that sanitizes to the same text gets `#title_1`. */
export function namePlaceholder(placeholders: ExpressionPlaceholders, attribute: string): string {
  const base = `#${sanitize(attribute)}`;
  let candidate = base;
  let counter = 0;
  for (;;) {
    const existing = placeholders.names[candidate];
    if (existing === undefined) {
      placeholders.names[candidate] = attribute;
      return candidate;
    }
    if (existing === attribute) return candidate;
    counter += 1;
    candidate = `${base}_${counter}`;
  }
}

/** `:title_eq`, or `:title_eq_1` when that placeholder is already taken. */
export function valuePlaceholder(placeholders: ExpressionPlaceholders, baseName: string, attributeValue: AttributeValue): string {
  const base = `:${sanitize(baseName)}`;
  let candidate = base;
  let counter = 0;
  while (placeholders.values[candidate] !== undefined) {
    counter += 1;
    candidate = `${base}_${counter}`;
  }
  placeholders.values[candidate] = attributeValue;
  return candidate;
}

export function plainValuePlaceholder(placeholders: ExpressionPlaceholders, baseName: string, value: unknown): string {
  return valuePlaceholder(placeholders, baseName, toDynamoDB(value));
}

/** Attaches the placeholder maps, leaving out empty ones (DynamoDB rejects empty maps). */
export function withPlaceholders(expression: string, placeholders: ExpressionPlaceholders): {
  expression: string;
  expressionNames?: Record<string, string>;
  expressionValues?: Record<string, AttributeValue>;
} {
  const result: { expression: string; expressionNames?: Record<string, string>; expressionValues?: Record<string, AttributeValue> } = {
    expression,
  };
  if (Object.keys(placeholders.names).length > 0) result.expressionNames = placeholders.names;
  if (Object.keys(placeholders.values).length > 0) result.expressionValues = placeholders.values;
  return result;
}
