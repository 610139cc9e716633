import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import type { FilterJson } from './contract.js';
import { FILTER_LIMITS, matchesArgumentFilters, matchesFilter, readPath, validateFilter } from './filters.js';

function rule(fieldName: string, operator: string, value?: unknown): FilterJson {
  return { filterGroup: [{ filters: [{ fieldName, operator, value }] }] };
}

const game = {
  id: 'g1',
  status: 'ACTIVE',
  turn: 3,
  players: ['alice', 'bob'],
  title: 'friendly match',
  lastMove: { heap: 1, count: 2, by: { username: 'alice' } },
  winner: null,
};

describe('matchesFilter: each operator', () => {
  const cases: Array<[string, string, unknown, boolean]> = [
    ['status', 'eq', 'ACTIVE', true],
    ['status', 'eq', 'FINISHED', false],
    ['turn', 'eq', 3, true],
    ['turn', 'eq', '3', false],
    ['winner', 'eq', null, true],
    ['status', 'ne', 'FINISHED', true],
    ['status', 'ne', 'ACTIVE', false],
    ['turn', 'le', 3, true],
    ['turn', 'le', 2, false],
    ['turn', 'lt', 4, true],
    ['turn', 'lt', 3, false],
    ['turn', 'ge', 3, true],
    ['turn', 'ge', 4, false],
    ['turn', 'gt', 2, true],
    ['turn', 'gt', 3, false],
    ['status', 'gt', 'ABC', true],
    ['status', 'lt', 'ABC', false],
    ['turn', 'gt', '2', false],
    ['title', 'contains', 'match', true],
    ['title', 'contains', 'chess', false],
    ['players', 'contains', 'bob', true],
    ['players', 'contains', 'carol', false],
    ['title', 'notContains', 'chess', true],
    ['title', 'notContains', 'match', false],
    ['players', 'notContains', 'carol', true],
    ['players', 'notContains', 'alice', false],
    ['title', 'beginsWith', 'friend', true],
    ['title', 'beginsWith', 'match', false],
    ['turn', 'beginsWith', '3', false],
    ['status', 'in', ['ACTIVE', 'WAITING'], true],
    ['status', 'in', ['FINISHED', 'WAITING'], false],
    ['status', 'notIn', ['FINISHED', 'WAITING'], true],
    ['status', 'notIn', ['ACTIVE'], false],
    ['turn', 'between', [1, 3], true],
    ['turn', 'between', [3, 9], true],
    ['turn', 'between', [4, 9], false],
    ['status', 'between', ['A', 'B'], true],
    ['players', 'containsAny', ['carol', 'bob'], true],
    ['players', 'containsAny', ['carol', 'dave'], false],
    ['title', 'containsAny', ['chess', 'friend'], true],
    ['title', 'containsAny', ['chess', 'go'], false],
  ];
  for (const [field, operator, value, expected] of cases) {
    test(`${field} ${operator} ${JSON.stringify(value)} → ${expected}`, () => {
      assert.equal(validateFilter(rule(field, operator, value)).ok, true);
      assert.equal(matchesFilter(rule(field, operator, value), game), expected);
    });
  }
});

describe('matchesFilter: missing fields', () => {
  test('a missing field reads as null: eq null matches, orderings and positive containment fail', () => {
    assert.equal(matchesFilter(rule('nope', 'eq', null), game), true);
    assert.equal(matchesFilter(rule('nope', 'eq', 'x'), game), false);
    assert.equal(matchesFilter(rule('nope', 'ne', 'x'), game), true);
    assert.equal(matchesFilter(rule('nope', 'gt', 0), game), false);
    assert.equal(matchesFilter(rule('nope', 'contains', 'x'), game), false);
    assert.equal(matchesFilter(rule('nope', 'notIn', ['x']), game), true);
    assert.equal(matchesFilter(rule('nope.deeper', 'eq', 'x'), game), false);
  });
});

describe('matchesFilter: structure', () => {
  test('dotted paths reach nested fields', () => {
    assert.equal(matchesFilter(rule('lastMove.by.username', 'eq', 'alice'), game), true);
    assert.equal(matchesFilter(rule('lastMove.by.username', 'eq', 'bob'), game), false);
    assert.equal(matchesFilter(rule('lastMove.heap', 'ge', 1), game), true);
    assert.equal(readPath(game, 'lastMove.count'), 2);
  });

  test('filters inside a group are ANDed', () => {
    const filter: FilterJson = {
      filterGroup: [
        {
          filters: [
            { fieldName: 'status', operator: 'eq', value: 'ACTIVE' },
            { fieldName: 'turn', operator: 'gt', value: 5 },
          ],
        },
      ],
    };
    assert.equal(matchesFilter(filter, game), false);
    assert.equal(matchesFilter(filter, { ...game, turn: 6 }), true);
  });

  test('groups are ORed', () => {
    const filter: FilterJson = {
      filterGroup: [
        { filters: [{ fieldName: 'status', operator: 'eq', value: 'FINISHED' }] },
        { filters: [{ fieldName: 'players', operator: 'contains', value: 'bob' }] },
      ],
    };
    assert.equal(matchesFilter(filter, game), true);
    assert.equal(matchesFilter(filter, { ...game, players: ['alice', 'carol'] }), false);
    assert.equal(matchesFilter(filter, { ...game, players: [], status: 'FINISHED' }), true);
  });

  test('a non-object payload matches only null tests', () => {
    assert.equal(matchesFilter(rule('status', 'eq', 'ACTIVE'), null), false);
    assert.equal(matchesFilter(rule('status', 'eq', null), 'text'), true);
  });
});

describe('validateFilter', () => {
  function problem(filter: unknown): string {
    const result = validateFilter(filter);
    assert.equal(result.ok, false, `expected ${JSON.stringify(filter)} to be rejected`);
    return result.ok ? '' : result.message;
  }

  test('accepts a well-formed filter and returns it', () => {
    const filter = rule('lastMove.by.username', 'eq', 'alice');
    const result = validateFilter(filter);
    assert.deepEqual(result, { ok: true, filter });
  });

  test('rejects bad shapes with a message saying where', () => {
    assert.match(problem(null), /filterGroup array/);
    assert.match(problem({ filterGroup: 'x' }), /filterGroup array/);
    assert.match(problem({ filterGroup: [] }), /at least one group/);
    assert.match(problem({ filterGroup: [{ filters: [] }] }), /filterGroup\[0\].*non-empty filters/);
    assert.match(problem({ filterGroup: [{ filters: ['x'] }] }), /filters\[0\] must be an object/);
  });

  test('rejects unknown operators and wrong value types', () => {
    assert.match(problem(rule('a', 'like', 'x')), /unknown operator "like"/);
    assert.match(problem(rule('a', 'eq', { nested: true })), /operator eq needs/);
    assert.match(problem(rule('a', 'gt', true)), /operator gt needs a string or number/);
    assert.match(problem(rule('a', 'beginsWith', 1)), /operator beginsWith needs a string/);
    assert.match(problem(rule('a', 'in', 'x')), /non-empty array/);
    assert.match(problem(rule('a', 'between', [1])), /exactly two/);
    assert.match(problem(rule('a', 'between', [1, 'z'])), /two numbers or two strings/);
    assert.match(problem(rule('a', 'contains', null)), /operator contains needs/);
  });

  test('enforces the in / notIn / containsAny value limits', () => {
    const five = [1, 2, 3, 4, 5];
    assert.equal(validateFilter(rule('a', 'in', five)).ok, true);
    assert.match(problem(rule('a', 'in', [...five, 6])), /6 values, which exceeds maximum value limit of 5/);
    assert.match(problem(rule('a', 'notIn', [...five, 6])), /exceeds maximum value limit of 5/);
    const twenty = Array.from({ length: FILTER_LIMITS.maxContainsAnyValues }, (_, index) => `v${index}`);
    assert.equal(validateFilter(rule('a', 'containsAny', twenty)).ok, true);
    assert.match(problem(rule('a', 'containsAny', [...twenty, 'more'])), /exceeds maximum value limit of 20/);
  });

  test('enforces path depth and length', () => {
    assert.equal(validateFilter(rule('a.b.c.d.e', 'eq', 1)).ok, true);
    assert.match(problem(rule('a.b.c.d.e.f', 'eq', 1)), /nested 6 levels deep; the limit is 5/);
    assert.equal(validateFilter(rule('x'.repeat(256), 'eq', 1)).ok, true);
    assert.match(problem(rule('x'.repeat(257), 'eq', 1)), /longer than 256/);
    assert.match(problem(rule('a..b', 'eq', 1)), /empty path segment/);
    assert.match(problem(rule('', 'eq', 1)), /non-empty string/);
  });

  test('[U] caps groups and filters per group at 10', () => {
    const oneRule = { fieldName: 'a', operator: 'eq', value: 1 };
    const groups = (count: number) => ({ filterGroup: Array.from({ length: count }, () => ({ filters: [oneRule] })) });
    const filters = (count: number) => ({ filterGroup: [{ filters: Array.from({ length: count }, () => oneRule) }] });
    assert.equal(validateFilter(groups(10)).ok, true);
    assert.match(problem(groups(11)), /11 groups; the limit is 10/);
    assert.equal(validateFilter(filters(10)).ok, true);
    assert.match(problem(filters(11)), /11 filters; the limit is 10/);
  });
});

describe('matchesArgumentFilters', () => {
  test('non-null arguments must equal the payload field of the same name', () => {
    assert.equal(matchesArgumentFilters({ id: 'g1' }, game), true);
    assert.equal(matchesArgumentFilters({ id: 'g2' }, game), false);
    assert.equal(matchesArgumentFilters({ id: 'g1', status: 'ACTIVE' }, game), true);
    assert.equal(matchesArgumentFilters({ id: 'g1', status: 'FINISHED' }, game), false);
  });

  test('null or absent arguments do not filter', () => {
    assert.equal(matchesArgumentFilters({}, game), true);
    assert.equal(matchesArgumentFilters({ id: null, status: undefined }, game), true);
  });

  test('an argument naming a field the payload lacks does not match', () => {
    assert.equal(matchesArgumentFilters({ gameId: 'g1' }, game), false);
    assert.equal(matchesArgumentFilters({ id: 'g1' }, null), false);
  });
});
