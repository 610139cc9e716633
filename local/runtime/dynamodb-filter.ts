/**
 * The `util.transform` filter/condition object syntax compiled to DynamoDB expression text:
 * `{ title: { contains: 'x' }, or: [{ a: { eq: 1 } }, { b: { gt: 2 } }] }`.
 * Fields are ANDed; `and` / `or` take an object or a list; `not` takes one object.
 * A field whose value is an object of non-operators is a nested map path (`#a.#b`).
 */
import {
  namePlaceholder,
  newPlaceholders,
  plainValuePlaceholder,
  valuePlaceholder,
  withPlaceholders,
  type ExpressionPlaceholders,
} from './expression-builder.js';

const comparisons: Record<string, string> = { eq: '=', ne: '<>', le: '<=', lt: '<', ge: '>=', gt: '>' };

const operatorNames = new Set([
  ...Object.keys(comparisons),
  'in',
  'between',
  'beginsWith',
  'contains',
  'notContains',
  'attributeExists',
  'attributeType',
  'size',
]);

/** The filter syntax's type names mapped to DynamoDB's attribute_type codes. */
const attributeTypeCodes: Record<string, string> = {
  _null: 'NULL',
  string: 'S',
  stringSet: 'SS',
  number: 'N',
  numberSet: 'NS',
  binary: 'B',
  binarySet: 'BS',
  boolean: 'BOOL',
  list: 'L',
  map: 'M',
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOperatorObject(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => operatorNames.has(key));
}

/** Every part in parentheses, even a single one: AWS gives `(contains(#title,:title_contains))`. */
function joinParts(parts: string[], joiner: 'AND' | 'OR'): string {
  return parts.map((part) => `(${part})`).join(` ${joiner} `);
}

function asList(value: unknown, operator: string): Array<Record<string, unknown>> {
  const list = Array.isArray(value) ? value : [value];
  for (const entry of list) {
    if (!isPlainObject(entry)) throw new TypeError(`"${operator}" expects filter objects`);
  }
  return list as Array<Record<string, unknown>>;
}

function operatorClause(
  placeholders: ExpressionPlaceholders,
  path: string,
  valueBase: string,
  operator: string,
  operand: unknown,
): string {
  const comparison = comparisons[operator];
  if (comparison !== undefined) {
    return `${path} ${comparison} ${plainValuePlaceholder(placeholders, `${valueBase}_${operator}`, operand)}`;
  }
  switch (operator) {
    case 'in': {
      if (!Array.isArray(operand) || operand.length === 0) throw new TypeError(`"in" on ${valueBase} expects a non-empty list`);
      const names = operand.map((element, index) => plainValuePlaceholder(placeholders, `${valueBase}_in_${index}`, element));
      return `${path} IN (${names.join(', ')})`;
    }
    case 'between': {
      if (!Array.isArray(operand) || operand.length !== 2) throw new TypeError(`"between" on ${valueBase} expects [low, high]`);
      const low = plainValuePlaceholder(placeholders, `${valueBase}_between_0`, operand[0]);
      const high = plainValuePlaceholder(placeholders, `${valueBase}_between_1`, operand[1]);
      return `${path} BETWEEN ${low} AND ${high}`;
    }
    case 'beginsWith':
      return `begins_with(${path},${plainValuePlaceholder(placeholders, `${valueBase}_beginsWith`, operand)})`;
    case 'contains':
      return `contains(${path},${plainValuePlaceholder(placeholders, `${valueBase}_contains`, operand)})`;
    case 'notContains':
      return `NOT contains(${path},${plainValuePlaceholder(placeholders, `${valueBase}_notContains`, operand)})`;
    case 'attributeExists':
      return operand === false ? `attribute_not_exists(${path})` : `attribute_exists(${path})`;
    case 'attributeType': {
      const code = attributeTypeCodes[String(operand)];
      if (code === undefined) {
        throw new TypeError(`attributeType on ${valueBase} must be one of ${Object.keys(attributeTypeCodes).join(', ')}`);
      }
      return `attribute_type(${path},${valuePlaceholder(placeholders, `${valueBase}_attributeType`, { S: code })})`;
    }
    case 'size': {
      if (!isPlainObject(operand)) throw new TypeError(`"size" on ${valueBase} expects an operator object such as { gt: 3 }`);
      return joinParts(operatorClauses(placeholders, `size(${path})`, `${valueBase}_size`, operand), 'AND');
    }
    default:
      throw new TypeError(`Unknown filter operator "${operator}" on ${valueBase}`);
  }
}

function operatorClauses(placeholders: ExpressionPlaceholders, path: string, valueBase: string, operators: Record<string, unknown>): string[] {
  const clauses: string[] = [];
  for (const operator of Object.keys(operators)) {
    // undefined means "not given"; null is a real operand (compares with NULL).
    if (operators[operator] === undefined) continue;
    clauses.push(operatorClause(placeholders, path, valueBase, operator, operators[operator]));
  }
  return clauses;
}

function fieldClauses(placeholders: ExpressionPlaceholders, pathPrefix: string, valuePrefix: string, field: string, spec: unknown): string[] {
  const path = `${pathPrefix}${namePlaceholder(placeholders, field)}`;
  const valueBase = `${valuePrefix}${field}`;
  if (!isPlainObject(spec)) throw new TypeError(`Filter field "${field}" expects an operator object such as { eq: value }`);
  if (isOperatorObject(spec)) return operatorClauses(placeholders, path, valueBase, spec);
  const clauses: string[] = [];
  for (const nested of Object.keys(spec)) {
    if (spec[nested] === undefined || spec[nested] === null) continue;
    // A scalar under a key that is no operator is a misspelled operator, not a nested map.
    if (!isPlainObject(spec[nested])) throw new TypeError(`Unknown filter operator "${nested}" on ${valueBase}`);
    clauses.push(...fieldClauses(placeholders, `${path}.`, `${valueBase}_`, nested, spec[nested]));
  }
  return clauses;
}

/** The expression text of one filter object, adding its placeholders; '' when it has no conditions. */
export function filterExpressionText(placeholders: ExpressionPlaceholders, filter: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of Object.keys(filter)) {
    const spec = filter[key];
    if (spec === undefined || spec === null) continue;
    if (key === 'and' || key === 'or') {
      const inner = asList(spec, key)
        .map((entry) => filterExpressionText(placeholders, entry))
        .filter((text) => text.length > 0);
      // Each member's text is already parenthesised; the group is wrapped once more below. [U]
      if (inner.length > 0) parts.push(inner.join(key === 'and' ? ' AND ' : ' OR '));
    } else if (key === 'not') {
      if (!isPlainObject(spec)) throw new TypeError('"not" expects one filter object');
      const inner = filterExpressionText(placeholders, spec);
      if (inner.length > 0) parts.push(`NOT ${inner}`);
    } else {
      parts.push(...fieldClauses(placeholders, '', '', key, spec));
    }
  }
  return parts.length === 0 ? '' : joinParts(parts, 'AND');
}

export interface DynamoDBExpressionObject {
  expression: string;
  expressionNames?: Record<string, string>;
  expressionValues?: Record<string, Record<string, unknown>>;
}

/** The expression object of a filter, or null for an empty filter. */
export function filterToExpression(filter: unknown): DynamoDBExpressionObject | null {
  if (filter === null || filter === undefined) return null;
  if (!isPlainObject(filter)) throw new TypeError('A DynamoDB filter or condition must be an object');
  const placeholders = newPlaceholders();
  const text = filterExpressionText(placeholders, filter);
  return text.length === 0 ? null : withPlaceholders(text, placeholders);
}
