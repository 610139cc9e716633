/**
 * `util.transform.toElasticsearchQueryDSL`: the filter object syntax to an OpenSearch bool query,
 * following the example in the @aws-appsync/utils documentation (fields ANDed with `must`,
 * `ne` as `must_not term`, `range: [a, b]` as gte/lte). Returned as a JSON string, as typed.
 */
type Query = Record<string, unknown>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function combine(clauses: Query[], kind: 'must' | 'should'): Query {
  return clauses.length === 1 && kind === 'must' ? clauses[0] : { bool: { [kind]: clauses } };
}

function operatorClause(field: string, operator: string, value: unknown): Query {
  switch (operator) {
    case 'eq':
      return { term: { [field]: value } };
    case 'ne':
      return { bool: { must_not: { term: { [field]: value } } } };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { range: { [field]: { [operator]: value } } };
    case 'range': {
      if (!Array.isArray(value) || value.length !== 2) throw new TypeError(`"range" on ${field} expects [low, high]`);
      return { range: { [field]: { gte: value[0], lte: value[1] } } };
    }
    case 'match':
      return { match: { [field]: value } };
    case 'matchPhrase':
      return { match_phrase: { [field]: value } };
    case 'matchPhrasePrefix':
      return { match_phrase_prefix: { [field]: value } };
    case 'multiMatch':
      return { multi_match: { query: value, fields: [field] } };
    case 'wildcard':
      return { wildcard: { [field]: value } };
    case 'regexp':
      return { regexp: { [field]: value } };
    case 'exists':
      return value === false ? { bool: { must_not: { exists: { field } } } } : { exists: { field } };
    default:
      throw new TypeError(`Unknown OpenSearch operator "${operator}" on field "${field}"`);
  }
}

function toQuery(filter: Record<string, unknown>): Query {
  const clauses: Query[] = [];
  for (const key of Object.keys(filter)) {
    const spec = filter[key];
    if (spec === undefined || spec === null) continue;
    if (key === 'and' || key === 'or') {
      const list = (Array.isArray(spec) ? spec : [spec]).map((entry) => {
        if (!isPlainObject(entry)) throw new TypeError(`"${key}" expects filter objects`);
        return toQuery(entry);
      });
      clauses.push({ bool: { [key === 'and' ? 'must' : 'should']: list } });
    } else if (key === 'not') {
      if (!isPlainObject(spec)) throw new TypeError('"not" expects one filter object');
      clauses.push({ bool: { must_not: toQuery(spec) } });
    } else {
      if (!isPlainObject(spec)) throw new TypeError(`Field "${key}" expects an operator object such as { eq: value }`);
      const fieldClauses = Object.keys(spec)
        .filter((operator) => spec[operator] !== undefined)
        .map((operator) => operatorClause(key, operator, spec[operator]));
      clauses.push(combine(fieldClauses, 'must'));
    }
  }
  return combine(clauses, 'must');
}

export function toElasticsearchQueryDSL(filter: unknown): string {
  if (!isPlainObject(filter)) throw new TypeError('toElasticsearchQueryDSL expects a filter object');
  return JSON.stringify(toQuery(filter));
}
