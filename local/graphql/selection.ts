/** What `ctx.info` says about a field's selection, and how to undo aliases in a response. */
import { Kind, getNamedType, isAbstractType, isInterfaceType, isObjectType, print, type FieldNode, type FragmentDefinitionNode, type GraphQLOutputType, type GraphQLNamedType, type SelectionSetNode } from 'graphql';

type Fragments = Record<string, FragmentDefinitionNode>;

/**
 * Fields selected under a selection set, fragments flattened, in document order. With `onlyType`,
 * fragments on any other type are skipped. Like graphql-js's field collection, a fragment spread a
 * second time within the same selection set adds nothing: without that, `F2 { ...F1 ...F1 }`,
 * `F1 { ...F0 ...F0 }`… expands exponentially.
 */
function* fieldsOf(selectionSet: SelectionSetNode | undefined, fragments: Fragments, onlyType?: string, visited = new Set<string>()): Generator<FieldNode> {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      yield selection;
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      if (visited.has(selection.name.value)) continue;
      visited.add(selection.name.value);
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
    const condition = fragment?.typeCondition?.name.value;
    if (onlyType !== undefined && condition !== undefined && condition !== onlyType) continue;
    yield* fieldsOf(fragment?.selectionSet, fragments, onlyType, visited);
  }
}

function childType(type: GraphQLNamedType | undefined, field: FieldNode): GraphQLNamedType | undefined {
  if (!type || !(isObjectType(type) || isInterfaceType(type))) return undefined;
  const definition = type.getFields()[field.name.value];
  return definition ? getNamedType(definition.type) : undefined;
}

/**
 * AppSync's `selectionSetList`: slash-separated paths below the field, aliases as written, `__typename`
 * left out. Below an interface or union only the fields that belong to that type are listed (the
 * developer guide's context reference), so fragments on the concrete types are left out.
 */
export function selectionSetList(fieldNodes: readonly FieldNode[], fragments: Fragments, returnType?: GraphQLOutputType): string[] {
  const list = new Set<string>();
  const walk = (selectionSet: SelectionSetNode | undefined, prefix: string, type: GraphQLNamedType | undefined): void => {
    const onlyType = type && isAbstractType(type) ? type.name : undefined;
    for (const field of fieldsOf(selectionSet, fragments, onlyType)) {
      if (field.name.value === '__typename') continue;
      const path = `${prefix}${field.alias?.value ?? field.name.value}`;
      list.add(path);
      walk(field.selectionSet, `${path}/`, childType(type, field));
    }
  };
  for (const node of fieldNodes) walk(node.selectionSet, '', returnType ? getNamedType(returnType) : undefined);
  return [...list];
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
