/**
 * `util.transform.toSubscriptionFilter`: the filter object syntax turned into AppSync's
 * `{ filterGroup: [{ filters: [...] }] }`, normalized to an OR of AND groups.
 */
export interface SubscriptionFilterEntry {
  fieldName: string;
  operator: string;
  value: unknown;
}

export interface SubscriptionFilterJson {
  filterGroup: Array<{ filters: SubscriptionFilterEntry[] }>;
}

type Groups = SubscriptionFilterEntry[][];

const operators = new Set(['eq', 'ne', 'le', 'lt', 'ge', 'gt', 'in', 'notIn', 'between', 'beginsWith', 'contains', 'notContains', 'containsAny']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every way to pick one group from `left` and one from `right`, concatenated (AND distributed over OR). */
function crossProduct(left: Groups, right: Groups): Groups {
  const result: Groups = [];
  for (const a of left) {
    for (const b of right) result.push([...a, ...b]);
  }
  return result;
}

function fieldFilters(path: string, spec: unknown): SubscriptionFilterEntry[] {
  if (!isPlainObject(spec)) throw new TypeError(`Subscription filter field "${path}" expects an operator object such as { eq: value }`);
  const entries: SubscriptionFilterEntry[] = [];
  for (const key of Object.keys(spec)) {
    const value = spec[key];
    if (value === undefined) continue;
    if (operators.has(key)) {
      entries.push({ fieldName: path, operator: key, value });
    } else if (isPlainObject(value)) {
      // A nested object addresses a field inside a map: "address.city".
      entries.push(...fieldFilters(`${path}.${key}`, value));
    } else {
      throw new TypeError(`Unknown subscription filter operator "${key}" on field "${path}"`);
    }
  }
  return entries;
}

function toGroups(filter: Record<string, unknown>, ignoredFields: ReadonlySet<string>): Groups {
  let groups: Groups = [[]];
  for (const key of Object.keys(filter)) {
    const spec = filter[key];
    if (spec === undefined || spec === null || ignoredFields.has(key)) continue;
    if (key === 'and' || key === 'or') {
      const list = Array.isArray(spec) ? spec : [spec];
      const subGroups = list.map((entry) => {
        if (!isPlainObject(entry)) throw new TypeError(`"${key}" expects filter objects`);
        // [U] The ignored fields are ignored at every depth: a filter passed in from ctx.args could
        // otherwise name one of them inside an and/or list.
        return toGroups(entry, ignoredFields);
      });
      if (key === 'and') {
        for (const sub of subGroups) groups = crossProduct(groups, sub);
      } else if (subGroups.length > 0) {
        groups = crossProduct(groups, subGroups.flat());
      }
    } else {
      const entries = fieldFilters(key, spec);
      groups = groups.map((group) => [...group, ...entries]);
    }
  }
  return groups;
}

/**
 * [U] `rules` are strict rules of which at least one must hold, so each rule (one field operator)
 * is ANDed onto every group in turn: (filter) AND (rule1 OR rule2 …). Groups left without any
 * filter are dropped, so an all-empty input gives `{ filterGroup: [] }`, which the real-time
 * layer rejects as "no filter" rather than silently matching everything.
 */
export function toSubscriptionFilter(filter: unknown, ignoredFields?: unknown, rules?: unknown): SubscriptionFilterJson {
  if (!isPlainObject(filter)) throw new TypeError('toSubscriptionFilter expects a filter object');
  const ignored = new Set(Array.isArray(ignoredFields) ? ignoredFields.map((field) => String(field)) : []);
  let groups = toGroups(filter, ignored);
  if (isPlainObject(rules)) {
    const ruleEntries: SubscriptionFilterEntry[] = [];
    for (const field of Object.keys(rules)) {
      if (rules[field] !== undefined && rules[field] !== null) ruleEntries.push(...fieldFilters(field, rules[field]));
    }
    if (ruleEntries.length > 0) groups = crossProduct(groups, ruleEntries.map((entry) => [entry]));
  }
  return { filterGroup: groups.filter((group) => group.length > 0).map((filters) => ({ filters })) };
}
