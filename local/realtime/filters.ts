/**
 * AppSync subscription filtering, as pure functions: enhanced filters (the JSON a subscription
 * resolver hands to `extensions.setSubscriptionFilter` / `setSubscriptionInvalidationFilter`) and
 * argument filters (a subscription's non-null top-level arguments).
 *
 * Semantics: groups in `filterGroup` are ORed, the filters inside one group are ANDed, and each
 * `fieldName` is a dotted path into the published payload (reference §2.3).
 */
import type { FilterJson } from './contract.js';

export const FILTER_LIMITS = {
  /** `in` / `notIn` value count [O]. */
  maxInValues: 5,
  /** `containsAny` value count [O]. */
  maxContainsAnyValues: 20,
  /** Segments of a dotted `fieldName` [O]. */
  maxPathDepth: 5,
  /** Characters of a `fieldName` [O]. */
  maxPathLength: 256,
  /**
   * [U] AppSync documents no count limits for groups or filters. We cap both at 10 so a runaway
   * resolver cannot make every publication evaluate an unbounded expression; real filters (OR of a
   * few AND groups) sit far below it.
   */
  maxGroups: 10,
  maxFiltersPerGroup: 10,
} as const;

export const FILTER_OPERATORS = [
  'eq',
  'ne',
  'le',
  'lt',
  'ge',
  'gt',
  'contains',
  'notContains',
  'beginsWith',
  'in',
  'notIn',
  'between',
  'containsAny',
] as const;

export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export type FilterValidation = { ok: true; filter: FilterJson } | { ok: false; message: string };

type Scalar = string | number | boolean | null;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): value is Scalar {
  return (
    value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
  );
}

function isOrderable(value: unknown): value is string | number {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

function isOperator(value: unknown): value is FilterOperator {
  return typeof value === 'string' && (FILTER_OPERATORS as readonly string[]).includes(value);
}

/** Returns a message describing what is wrong with a `fieldName`, or null when it is usable. */
export function fieldPathProblem(fieldName: unknown): string | null {
  if (typeof fieldName !== 'string' || fieldName.length === 0) return 'fieldName must be a non-empty string';
  if (fieldName.length > FILTER_LIMITS.maxPathLength) {
    return `fieldName "${fieldName.slice(0, 40)}…" is longer than ${FILTER_LIMITS.maxPathLength} characters`;
  }
  const segments = fieldName.split('.');
  if (segments.some((segment) => segment.length === 0)) return `fieldName "${fieldName}" has an empty path segment`;
  if (segments.length > FILTER_LIMITS.maxPathDepth) {
    return `fieldName "${fieldName}" is nested ${segments.length} levels deep; the limit is ${FILTER_LIMITS.maxPathDepth}`;
  }
  return null;
}

function valueProblem(operator: FilterOperator, value: unknown): string | null {
  switch (operator) {
    case 'eq':
    case 'ne':
      return isScalar(value) ? null : 'needs a string, number, boolean or null value';
    case 'le':
    case 'lt':
    case 'ge':
    case 'gt':
      return isOrderable(value) ? null : 'needs a string or number value';
    case 'contains':
    case 'notContains':
      return isScalar(value) && value !== null ? null : 'needs a string, number or boolean value';
    case 'beginsWith':
      return typeof value === 'string' ? null : 'needs a string value';
    case 'in':
    case 'notIn':
      return listProblem(value, FILTER_LIMITS.maxInValues);
    case 'containsAny':
      return listProblem(value, FILTER_LIMITS.maxContainsAnyValues);
    case 'between':
      if (!Array.isArray(value) || value.length !== 2) return 'needs an array of exactly two values [low, high]';
      if (!isOrderable(value[0]) || typeof value[0] !== typeof value[1]) return 'needs two numbers or two strings';
      return null;
  }
}

function listProblem(value: unknown, max: number): string | null {
  if (!Array.isArray(value) || value.length === 0) return 'needs a non-empty array of values';
  if (value.length > max) return `got ${value.length} values, which exceeds maximum value limit of ${max}`;
  if (!value.every((item) => isScalar(item) && item !== null)) return 'values must be strings, numbers or booleans';
  return null;
}

/** Checks the shape and the limits of an enhanced filter before it is stored with a subscription. */
export function validateFilter(filter: unknown): FilterValidation {
  if (!isPlainObject(filter) || !Array.isArray(filter.filterGroup)) {
    return { ok: false, message: 'A subscription filter must be an object with a filterGroup array' };
  }
  const groups = filter.filterGroup;
  if (groups.length === 0) return { ok: false, message: 'filterGroup must hold at least one group' };
  if (groups.length > FILTER_LIMITS.maxGroups) {
    return { ok: false, message: `filterGroup holds ${groups.length} groups; the limit is ${FILTER_LIMITS.maxGroups}` };
  }
  for (const [groupIndex, group] of groups.entries()) {
    if (!isPlainObject(group) || !Array.isArray(group.filters) || group.filters.length === 0) {
      return { ok: false, message: `filterGroup[${groupIndex}] must be an object with a non-empty filters array` };
    }
    if (group.filters.length > FILTER_LIMITS.maxFiltersPerGroup) {
      return {
        ok: false,
        message: `filterGroup[${groupIndex}] holds ${group.filters.length} filters; the limit is ${FILTER_LIMITS.maxFiltersPerGroup}`,
      };
    }
    for (const [filterIndex, rule] of group.filters.entries()) {
      const where = `filterGroup[${groupIndex}].filters[${filterIndex}]`;
      if (!isPlainObject(rule)) return { ok: false, message: `${where} must be an object` };
      const pathProblem = fieldPathProblem(rule.fieldName);
      if (pathProblem) return { ok: false, message: `${where}: ${pathProblem}` };
      if (!isOperator(rule.operator)) {
        return { ok: false, message: `${where}: unknown operator ${JSON.stringify(rule.operator)}; use one of ${FILTER_OPERATORS.join(', ')}` };
      }
      const problem = valueProblem(rule.operator, rule.value);
      if (problem) return { ok: false, message: `${where}: operator ${rule.operator} ${problem}` };
    }
  }
  return { ok: true, filter: filter as unknown as FilterJson };
}

/** Reads a dotted path; a missing step yields undefined. */
export function readPath(payload: unknown, fieldName: string): unknown {
  let current: unknown = payload;
  for (const segment of fieldName.split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

/** Structural equality for JSON values. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
  }
  return false;
}

/** Orders two values only when both are numbers or both are strings; otherwise they are not comparable. */
function compare(field: unknown, value: unknown): number | null {
  if (typeof field === 'number' && typeof value === 'number') return field - value;
  if (typeof field === 'string' && typeof value === 'string') return field < value ? -1 : field > value ? 1 : 0;
  return null;
}

function contains(field: unknown, value: unknown): boolean {
  if (typeof field === 'string') return typeof value === 'string' && field.includes(value);
  if (Array.isArray(field)) return field.some((item) => jsonEqual(item, value));
  return false;
}

/**
 * Evaluates one rule. A missing field reads as null: `eq null` and `ne <something>` match it, every
 * ordering or containment test fails, and the negative tests (`notIn`, `notContains`) hold.
 */
function ruleMatches(operator: FilterOperator, field: unknown, value: unknown): boolean {
  const actual = field === undefined ? null : field;
  switch (operator) {
    case 'eq':
      return jsonEqual(actual, value);
    case 'ne':
      return !jsonEqual(actual, value);
    case 'le': {
      const order = compare(actual, value);
      return order !== null && order <= 0;
    }
    case 'lt': {
      const order = compare(actual, value);
      return order !== null && order < 0;
    }
    case 'ge': {
      const order = compare(actual, value);
      return order !== null && order >= 0;
    }
    case 'gt': {
      const order = compare(actual, value);
      return order !== null && order > 0;
    }
    case 'contains':
      return contains(actual, value);
    case 'notContains':
      return !contains(actual, value);
    case 'beginsWith':
      return typeof actual === 'string' && typeof value === 'string' && actual.startsWith(value);
    case 'in':
      return Array.isArray(value) && value.some((candidate) => jsonEqual(actual, candidate));
    case 'notIn':
      return Array.isArray(value) && !value.some((candidate) => jsonEqual(actual, candidate));
    case 'between': {
      if (!Array.isArray(value) || value.length !== 2) return false;
      const low = compare(actual, value[0]);
      const high = compare(actual, value[1]);
      return low !== null && high !== null && low >= 0 && high <= 0;
    }
    case 'containsAny':
      // A list field shares an element with the values; a string field contains one of them.
      return Array.isArray(value) && value.some((candidate) => contains(actual, candidate));
  }
}

/** True when the payload satisfies at least one group, every rule of which holds. Expects a validated filter. */
export function matchesFilter(filter: FilterJson, payload: unknown): boolean {
  return filter.filterGroup.some((group) =>
    group.filters.every((rule) => isOperator(rule.operator) && ruleMatches(rule.operator, readPath(payload, rule.fieldName), rule.value)),
  );
}

/**
 * Argument filtering: every non-null argument must equal the payload's top-level field of the same
 * name (reference §2.3: response fields, not mutation arguments). Null or absent arguments do not filter.
 */
export function matchesArgumentFilters(argumentFilters: Record<string, unknown>, payload: unknown): boolean {
  for (const [name, expected] of Object.entries(argumentFilters)) {
    if (expected === null || expected === undefined) continue;
    if (!isPlainObject(payload) || !jsonEqual(payload[name], expected)) return false;
  }
  return true;
}
