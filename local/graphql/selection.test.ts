import { test } from 'vitest';
import assert from 'node:assert/strict';
import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { pickSelected, selectionSetGraphQL, selectionSetList, unalias } from './selection.js';

const document = parse(`
  mutation {
    addBook(id: "1") { bookId: id title ...Extra ... on Book { shelf { name } } }
  }
  fragment Extra on Book { author __typename }
`);
const root = ((document.definitions[0] as OperationDefinitionNode).selectionSet.selections[0]) as FieldNode;
const fragments = Object.fromEntries(
  document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
);

test('selectionSetList: aliases as written, fragments flattened, nested paths, no __typename', () => {
  assert.deepEqual(selectionSetList([root], fragments), ['bookId', 'title', 'author', 'shelf', 'shelf/name']);
  assert.match(selectionSetGraphQL([root]), /\.\.\. on Book/);
});

test('unalias turns response keys back into field names, dropping what was not selected', () => {
  const executed = { bookId: '1', title: 'Nim', author: 'B', shelf: { name: 'games' }, __typename: 'Book' };
  assert.deepEqual(unalias(executed, root.selectionSet, fragments), { id: '1', title: 'Nim', author: 'B', shelf: { name: 'games' }, __typename: 'Book' });
});

test('pickSelected keeps selected fields of a raw item under their response keys', () => {
  const item = { id: '1', title: 'Nim', author: 'B', secret: 'x', shelf: { name: 'games', floor: 2 } };
  assert.deepEqual(pickSelected(item, root.selectionSet, fragments), { bookId: '1', title: 'Nim', author: 'B', shelf: { name: 'games' } });
  assert.deepEqual(pickSelected([item, null], root.selectionSet, fragments), [{ bookId: '1', title: 'Nim', author: 'B', shelf: { name: 'games' } }, null]);
});

test('selectionSetList below an interface or union lists only the fields that belong to it', async () => {
  const { buildSchema } = await import('graphql');
  const schema = buildSchema(`
    interface Node { id: ID! }
    type Post implements Node { id: ID! content: String author: Author }
    type Author { name: String }
    union Result = Post
    type Query { node: Node result: Result post: Post }
  `);
  const query = parse(`{
    node { id ... on Node { __typename } ... on Post { content author { name } } ...PostFields }
    result { ... on Post { id content } }
    post { id ... on Post { author { name } } }
  } fragment PostFields on Post { content }`);
  const [nodeField, resultField, postField] = (query.definitions[0] as OperationDefinitionNode).selectionSet.selections as FieldNode[];
  const queryFragments = Object.fromEntries(query.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const fields = schema.getQueryType()!.getFields();
  assert.deepEqual(selectionSetList([nodeField], queryFragments, fields.node.type), ['id']);
  assert.deepEqual(selectionSetList([resultField], queryFragments, fields.result.type), []);
  assert.deepEqual(selectionSetList([postField], queryFragments, fields.post.type), ['id', 'author', 'author/name']);
});

test('a fragment spread twice in one selection set is expanded once (no exponential blow-up)', () => {
  // F30 { ...F29 ...F29 }, …, F1 { ...F0 ...F0 }: 2^30 expansions if each spread were followed again.
  const levels = 30;
  const definitions = [`fragment F0 on Book { title }`];
  for (let level = 1; level <= levels; level += 1) definitions.push(`fragment F${level} on Book { ...F${level - 1} ...F${level - 1} }`);
  const nested = parse(`query { book { ...F${levels} } } ${definitions.join(' ')}`);
  const field = (nested.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode;
  const nestedFragments = Object.fromEntries(
    nested.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  assert.deepEqual(selectionSetList([field], nestedFragments), ['title']);
  assert.deepEqual(pickSelected({ title: 'Nim', other: 1 }, field.selectionSet, nestedFragments), { title: 'Nim' });
});
