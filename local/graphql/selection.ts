/** What `ctx.info` says about a field's selection, and how to undo aliases in a response. */
import { Kind, print, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

type Fragments = Record<string, FragmentDefinitionNode>;

/** Fields selected under a selection set, fragments flattened, in document order. */
function* fieldsOf(selectionSet: SelectionSetNode | undefined, fragments: Fragments): Generator<FieldNode> {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) yield selection;
    else if (selection.kind === Kind.INLINE_FRAGMENT) yield* fieldsOf(selection.selectionSet, fragments);
    else yield* fieldsOf(fragments[selection.name.value]?.selectionSet, fragments);
  }
}

/** AppSync's `selectionSetList`: slash-separated paths below the field, aliases as written, `__typename` left out. */
export function selectionSetList(fieldNodes: readonly FieldNode[], fragments: Fragments): string[] {
  const list: string[] = [];
  const walk = (selectionSet: SelectionSetNode | undefined, prefix: string): void => {
    for (const field of fieldsOf(selectionSet, fragments)) {
      if (field.name.value === '__typename') continue;
      const path = `${prefix}${field.alias?.value ?? field.name.value}`;
      if (!list.includes(path)) list.push(path);
      walk(field.selectionSet, `${path}/`);
    }
  };
  for (const node of fieldNodes) walk(node.selectionSet, '');
  return list;
}

/** AppSync's `selectionSetGraphQL`: the field's selection set printed, inline fragments kept. */
export function selectionSetGraphQL(fieldNodes: readonly FieldNode[]): string {
  return fieldNodes
    .map((node) => (node.selectionSet ? print(node.selectionSet) : ''))
    .filter((text) => text !== '')
    .join('\n');
}

type KeyOf = (field: FieldNode) => string;
const responseKey: KeyOf = (field) => field.alias?.value ?? field.name.value;
const fieldName: KeyOf = (field) => field.name.value;

/** Copies the selected fields of a value, reading each under one key and writing it under another. */
function project(value: unknown, selectionSet: SelectionSetNode | undefined, fragments: Fragments, from: KeyOf, to: KeyOf): unknown {
  if (value === null || value === undefined || !selectionSet) return value ?? null;
  if (Array.isArray(value)) return value.map((item) => project(item, selectionSet, fragments, from, to));
  if (typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of fieldsOf(selectionSet, fragments)) {
    if (from(field) in source) out[to(field)] = project(source[from(field)], field.selectionSet, fragments, from, to);
  }
  return out;
}

/**
 * Rewrites an executed response value from response keys (aliases) back to field names, so a
 * mutation result can be published whatever aliases the mutation used.
 */
export function unalias(value: unknown, selectionSet: SelectionSetNode | undefined, fragments: Fragments): unknown {
  return project(value, selectionSet, fragments, responseKey, fieldName);
}

/** Keeps only the selected fields of a raw value, under their response keys: AppSync filters an error's `data` so. */
export function pickSelected(value: unknown, selectionSet: SelectionSetNode | undefined, fragments: Fragments): unknown {
  return project(value, selectionSet, fragments, fieldName, responseKey);
}
