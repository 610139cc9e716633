/**
 * The expression cache gives what dynalite's grammars give: the same trees (with the current request's
 * value objects), the same errors, and the same names and values marked used, whether the text was seen
 * before with other values or not.
 */
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { grammar, memoizedParse } from './expression-cache.js';

const require = createRequire(import.meta.url);
// A few of DynamoDB's reserved words stand for the whole list dynalite checks.
const isReserved = (name: string) => ['NAME', 'SIZE', 'DATA'].includes(name.toUpperCase());
const compare = (require('dynalite/db') as { compare: unknown }).compare;

type Kind = 'updateParser' | 'conditionParser' | 'projectionParser';
interface Case {
  kind: Kind;
  text: string;
  names?: Record<string, string>;
  values?: Record<string, Record<string, unknown>>;
  key?: boolean;
}

/** A context as dynalite's validateExpressions makes one: every name and value unused at first. */
function context(c: Case) {
  const values = c.values === undefined ? undefined : (JSON.parse(JSON.stringify(c.values)) as Record<string, Record<string, unknown>>);
  return {
    attrNames: c.names,
    attrVals: values,
    unusedAttrNames: Object.fromEntries(Object.keys(c.names ?? {}).map((n) => [n, true])),
    unusedAttrVals: Object.fromEntries(Object.keys(c.values ?? {}).map((n) => [n, true])),
    isReserved,
    compare,
    ...(c.key ? { isKeyCondition: true } : {}),
  };
}

function run(parse: (text: string, options: { context: ReturnType<typeof context> }) => unknown, c: Case) {
  const ctx = context(c);
  let result: unknown;
  try {
    result = { tree: parse(c.text, { context: ctx }) };
  } catch (error) {
    result = { error: (error as Error).name, message: (error as Error).message };
  }
  return { result, unusedNames: Object.keys(ctx.unusedAttrNames), unusedValues: Object.keys(ctx.unusedAttrVals), ctx };
}

const cases: Case[] = [
  { kind: 'updateParser', text: 'SET lastMoveBy = :user, heap3 = :value', values: { ':user': { S: 'alice' }, ':value': { N: '4' } } },
  { kind: 'updateParser', text: 'SET lastMoveBy = :user, heap3 = :value', values: { ':user': { S: 'bob' }, ':value': { N: '17' } } },
  { kind: 'updateParser', text: 'SET lastMoveBy = :user, heap3 = :value', values: { ':user': { S: 'bob' }, ':value': { N: '17' }, ':extra': { S: 'x' } } },
  { kind: 'updateParser', text: 'SET #n = :v + :w REMOVE a.b[2] ADD c :w DELETE s :set', names: { '#n': 'n' }, values: { ':v': { N: '1' }, ':w': { N: '2' }, ':set': { SS: ['a'] } } },
  { kind: 'updateParser', text: 'SET #n = :v + :w', names: { '#n': 'n' }, values: { ':v': { N: '1' }, ':w': { S: 'text' } } },
  { kind: 'updateParser', text: 'SET #n = :v + :w', names: { '#n': 'n' }, values: { ':v': { N: '1' }, ':w': { N: '3' } } },
  { kind: 'updateParser', text: 'SET #n = :v', names: { '#n': 'n', '#m': 'm' }, values: { ':v': { L: [{ S: 'in a list' }] } } },
  { kind: 'updateParser', text: 'SET name = :v', values: { ':v': { S: 'reserved' } } },
  { kind: 'updateParser', text: 'SET a = :missing', values: { ':v': { S: 'x' } } },
  { kind: 'updateParser', text: 'SET a = ', values: { ':v': { S: 'x' } } },
  { kind: 'updateParser', text: 'SET a = list_append(a, :l), b = if_not_exists(b, :z)', values: { ':l': { L: [] }, ':z': { M: { k: { N: '0' } } } } },
  { kind: 'conditionParser', text: '(user1 = :user OR user2 = :user) AND lastMoveBy <> :user AND heap3 > :value', values: { ':user': { S: 'alice' }, ':value': { N: '4' } } },
  { kind: 'conditionParser', text: '(user1 = :user OR user2 = :user) AND lastMoveBy <> :user AND heap3 > :value', values: { ':user': { N: '5' }, ':value': { S: '4' } } },
  { kind: 'conditionParser', text: 'attribute_not_exists(#k) AND size(#k) < :n', names: { '#k': 'key' }, values: { ':n': { N: '3' } } },
  { kind: 'conditionParser', text: 'begins_with(#k, :p)', names: { '#k': 'key' }, values: { ':p': { N: '3' } } },
  { kind: 'conditionParser', text: 'begins_with(#k, :p)', names: { '#k': 'key' }, values: { ':p': { S: 'pre' } } },
  { kind: 'conditionParser', text: 'a BETWEEN :hi AND :lo', values: { ':lo': { N: '1' }, ':hi': { N: '9' } } },
  { kind: 'conditionParser', text: 'a BETWEEN :lo AND :hi', values: { ':lo': { N: '1' }, ':hi': { N: '9' } } },
  { kind: 'conditionParser', text: 'attribute_type(a, :t)', values: { ':t': { S: 'NOPE' } } },
  { kind: 'conditionParser', text: 'a IN (:x, :y) AND NOT contains(b, :x)', values: { ':x': { S: 'x' }, ':y': { S: 'y' } } },
  { kind: 'conditionParser', text: '((a = :x))', values: { ':x': { S: 'x' } } },
  { kind: 'conditionParser', text: 'pk = :p AND begins_with(sk, :s)', values: { ':p': { S: 'p' }, ':s': { S: 's' } }, key: true },
  { kind: 'projectionParser', text: '#n, b.c[1], d', names: { '#n': 'n', '#unused': 'u' } },
  { kind: 'projectionParser', text: 'a, a.b' },
];

test('every case, parsed once and then again with new values of the same types, matches the grammar', () => {
  for (const kind of ['updateParser', 'conditionParser', 'projectionParser'] as const) {
    const original = grammar(kind);
    const memoized = memoizedParse(original);
    for (const c of cases.filter((one) => one.kind === kind)) {
      for (let round = 0; round < 3; round += 1) {
        const expected = run(original, c);
        const actual = run(memoized, c);
        assert.deepStrictEqual(actual.result, expected.result, `${c.text} (round ${round})`);
        assert.deepEqual(actual.unusedNames, expected.unusedNames, c.text);
        assert.deepEqual(actual.unusedValues, expected.unusedValues, c.text);
      }
    }
  }
});

test("a reused tree holds the current request's value objects, and changing it changes no later answer", () => {
  let parses = 0;
  const memoized = memoizedParse((text, options) => {
    parses += 1;
    return grammar('updateParser')(text, options);
  });
  const first = run(memoized, cases[0]);
  const tree = (first.result as { tree: { sections: Array<{ val: unknown }> } }).tree;
  tree.sections[0].val = { S: 'tampered' };
  const second = run(memoized, cases[1]);
  const sections = (second.result as { tree: { sections: Array<{ val: unknown }> } }).tree.sections;
  assert.equal(sections[0].val, second.ctx.attrVals![':user']);
  assert.equal(sections[1].val, second.ctx.attrVals![':value']);
  assert.deepEqual(sections[0].val, { S: 'bob' });
  assert.equal(parses, 1);
});

test('names used by an earlier expression of the same request are still marked used by a cached one', () => {
  const update = memoizedParse(grammar('updateParser'));
  const condition = memoizedParse(grammar('conditionParser'));
  const values = { ':user': { S: 'alice' }, ':value': { N: '4' } };
  // The condition is first seen in a request where the update has already used :user.
  const ctx = context({ kind: 'updateParser', text: '', values });
  update('SET lastMoveBy = :user', { context: ctx });
  condition('lastMoveBy <> :user AND heap3 > :value', { context: ctx });
  assert.deepEqual(Object.keys(ctx.unusedAttrVals), []);
  // Then alone: it must still mark :user used.
  const alone = context({ kind: 'conditionParser', text: '', values });
  condition('lastMoveBy <> :user AND heap3 > :value', { context: alone });
  assert.deepEqual(Object.keys(alone.unusedAttrVals), []);
});
