import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { setHostCapabilities } from './capabilities.js';
import { nodeCapabilities } from './host-capabilities.js';
import { util } from './util.js';

setHostCapabilities(nodeCapabilities);

function filter(input: unknown): unknown {
  const text = util.transform.toDynamoDBFilterExpression(input);
  assert.equal(typeof text, 'string');
  return JSON.parse(text);
}

describe('util.transform.toDynamoDBFilterExpression / toDynamoDBConditionExpression', () => {
  test('returns a JSON string; the text is what AWS recorded (the VTL guide shows `contains(#title, :title_contains)`)', () => {
    assert.deepEqual(filter({ title: { contains: 'Hello World' } }), {
      expression: '(contains(#title,:title_contains))',
      expressionNames: { '#title': 'title' },
      expressionValues: { ':title_contains': { S: 'Hello World' } },
    });
  });

  test('comparison operators, several per field, ANDed with parentheses', () => {
    assert.deepEqual(filter({ age: { ge: 18, lt: 65 }, name: { ne: 'x' } }), {
      expression: '(#age >= :age_ge) AND (#age < :age_lt) AND (#name <> :name_ne)',
      expressionNames: { '#age': 'age', '#name': 'name' },
      expressionValues: { ':age_ge': { N: 18 }, ':age_lt': { N: 65 }, ':name_ne': { S: 'x' } },
    });
    assert.equal((filter({ a: { eq: 1 } }) as { expression: string }).expression, '(#a = :a_eq)');
    assert.equal((filter({ a: { le: 1 } }) as { expression: string }).expression, '(#a <= :a_le)');
    assert.equal((filter({ a: { gt: 1 } }) as { expression: string }).expression, '(#a > :a_gt)');
  });

  test('in, between, beginsWith, notContains, attributeExists, attributeType, size', () => {
    assert.deepEqual(filter({ s: { in: ['a', 'b'] } }), {
      expression: '(#s IN (:s_in_0, :s_in_1))',
      expressionNames: { '#s': 's' },
      expressionValues: { ':s_in_0': { S: 'a' }, ':s_in_1': { S: 'b' } },
    });
    assert.equal((filter({ n: { between: [1, 5] } }) as { expression: string }).expression, '(#n BETWEEN :n_between_0 AND :n_between_1)');
    assert.equal((filter({ t: { beginsWith: 'G#' } }) as { expression: string }).expression, '(begins_with(#t,:t_beginsWith))');
    assert.equal((filter({ t: { notContains: 'x' } }) as { expression: string }).expression, '(NOT contains(#t,:t_notContains))');
    assert.deepEqual(filter({ t: { attributeExists: false } }), { expression: '(attribute_not_exists(#t))', expressionNames: { '#t': 't' } });
    assert.deepEqual(filter({ t: { attributeType: 'numberSet' } }), {
      expression: '(attribute_type(#t,:t_attributeType))',
      expressionNames: { '#t': 't' },
      expressionValues: { ':t_attributeType': { S: 'NS' } },
    });
    const sized = JSON.parse(util.transform.toDynamoDBConditionExpression({ list: { size: { gt: 3 } } }));
    assert.deepEqual(sized, { expression: '((size(#list) > :list_size_gt))', expressionNames: { '#list': 'list' }, expressionValues: { ':list_size_gt': { N: 3 } } });
  });

  test('and / or / not, with repeated value placeholders kept apart', () => {
    assert.deepEqual(filter({ or: [{ a: { eq: 1 } }, { a: { eq: 2 } }], not: { b: { eq: true } } }), {
      expression: '((#a = :a_eq) OR (#a = :a_eq_1)) AND (NOT (#b = :b_eq))',
      expressionNames: { '#a': 'a', '#b': 'b' },
      expressionValues: { ':a_eq': { N: 1 }, ':a_eq_1': { N: 2 }, ':b_eq': { BOOL: true } },
    });
    assert.equal((filter({ and: { a: { eq: 1 } } }) as { expression: string }).expression, '((#a = :a_eq))');
  });

  test('a nested map field becomes a document path; odd names are sanitized', () => {
    assert.deepEqual(filter({ address: { city: { eq: 'Oslo' } }, 'first-name': { eq: 'A' } }), {
      expression: '(#address.#city = :address_city_eq) AND (#first_name = :first_name_eq)',
      expressionNames: { '#address': 'address', '#city': 'city', '#first_name': 'first-name' },
      expressionValues: { ':address_city_eq': { S: 'Oslo' }, ':first_name_eq': { S: 'A' } },
    });
  });

  test('an empty filter gives "null"; bad input a clear error', () => {
    assert.equal(util.transform.toDynamoDBFilterExpression({}), 'null');
    assert.throws(() => util.transform.toDynamoDBFilterExpression({ a: { like: 1 } }), /Unknown filter operator "like"/);
    assert.throws(() => util.transform.toDynamoDBFilterExpression({ a: { in: [] } }), /non-empty list/);
    assert.throws(() => util.transform.toDynamoDBFilterExpression({ a: 5 }), /expects an operator object/);
  });
});

describe('util.transform.toSubscriptionFilter', () => {
  test('fields are ANDed in one group', () => {
    assert.deepEqual(util.transform.toSubscriptionFilter({ gameId: { eq: 'g' }, turn: { gt: 2, le: 9 } }), {
      filterGroup: [
        {
          filters: [
            { fieldName: 'gameId', operator: 'eq', value: 'g' },
            { fieldName: 'turn', operator: 'gt', value: 2 },
            { fieldName: 'turn', operator: 'le', value: 9 },
          ],
        },
      ],
    });
  });

  test('or is distributed into OR-of-AND groups; and joins groups', () => {
    const result = util.transform.toSubscriptionFilter({
      status: { eq: 'open' },
      or: [{ a: { eq: 1 } }, { b: { eq: 2 } }],
      and: [{ c: { ne: 3 } }],
    });
    assert.deepEqual(result, {
      filterGroup: [
        { filters: [{ fieldName: 'status', operator: 'eq', value: 'open' }, { fieldName: 'a', operator: 'eq', value: 1 }, { fieldName: 'c', operator: 'ne', value: 3 }] },
        { filters: [{ fieldName: 'status', operator: 'eq', value: 'open' }, { fieldName: 'b', operator: 'eq', value: 2 }, { fieldName: 'c', operator: 'ne', value: 3 }] },
      ],
    });
  });

  test('ignoredFields drop top-level fields; rules are ORed onto every group; nested fields are dotted', () => {
    const result = util.transform.toSubscriptionFilter(
      { owner: { eq: 'me' }, secret: { eq: 1 }, address: { city: { eq: 'Oslo' } } },
      ['secret'],
      { priority: { ge: 3 }, urgent: { eq: true } },
    );
    const base = [
      { fieldName: 'owner', operator: 'eq', value: 'me' },
      { fieldName: 'address.city', operator: 'eq', value: 'Oslo' },
    ];
    assert.deepEqual(result, {
      filterGroup: [
        { filters: [...base, { fieldName: 'priority', operator: 'ge', value: 3 }] },
        { filters: [...base, { fieldName: 'urgent', operator: 'eq', value: true }] },
      ],
    });
  });

  test('ignoredFields are ignored inside and/or lists too; a branch left with no filter no longer narrows, as a dropped top-level field does not', () => {
    const result = util.transform.toSubscriptionFilter({ status: { eq: 'open' }, or: [{ owner: { eq: 'x' } }, { secret: { eq: 1 }, tag: { eq: 't' } }] }, ['owner', 'secret']);
    assert.deepEqual(result, {
      filterGroup: [
        { filters: [{ fieldName: 'status', operator: 'eq', value: 'open' }] },
        { filters: [{ fieldName: 'status', operator: 'eq', value: 'open' }, { fieldName: 'tag', operator: 'eq', value: 't' }] },
      ],
    });
  });

  test('nothing left to filter gives no groups; unknown operators are errors', () => {
    assert.deepEqual(util.transform.toSubscriptionFilter({ a: { eq: 1 } }, ['a']), { filterGroup: [] });
    assert.throws(() => util.transform.toSubscriptionFilter({ a: { like: 1 } }), /Unknown subscription filter operator "like"/);
  });
});

describe('util.transform.toElasticsearchQueryDSL', () => {
  test('matches the documented example', () => {
    const result = JSON.parse(util.transform.toElasticsearchQueryDSL({ upvotes: { ne: 15, range: [10, 20] }, title: { eq: 'hihihi', wildcard: 'h*i' } }));
    assert.deepEqual(result, {
      bool: {
        must: [
          { bool: { must: [{ bool: { must_not: { term: { upvotes: 15 } } } }, { range: { upvotes: { gte: 10, lte: 20 } } }] } },
          { bool: { must: [{ term: { title: 'hihihi' } }, { wildcard: { title: 'h*i' } }] } },
        ],
      },
    });
  });

  test('or, not, exists and single clauses', () => {
    assert.deepEqual(JSON.parse(util.transform.toElasticsearchQueryDSL({ or: [{ a: { eq: 1 } }, { b: { exists: true } }] })), {
      bool: { should: [{ term: { a: 1 } }, { exists: { field: 'b' } }] },
    });
    assert.deepEqual(JSON.parse(util.transform.toElasticsearchQueryDSL({ not: { a: { matchPhrase: 'x y' } } })), {
      bool: { must_not: { match_phrase: { a: 'x y' } } },
    });
    assert.throws(() => util.transform.toElasticsearchQueryDSL({ a: { nope: 1 } }), /Unknown OpenSearch operator/);
  });
});
