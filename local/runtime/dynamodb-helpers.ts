/**
 * The `@aws-appsync/utils/dynamodb` module: builds the DynamoDB request objects of reference §4.
 * Keys and items go through toMapValues; filters and conditions use the util.transform syntax;
 * update() compiles its update object to SET / REMOVE clauses with numbered placeholders, as AppSync does.
 */
import { filterExpressionText } from './dynamodb-filter.js';
import {
  toBinarySet as toBinarySetValue,
  toDynamoDB,
  toMapValues,
  toNumberSet as toNumberSetValue,
  toStringSet as toStringSetValue,
  isTypedSet,
  type AttributeValue,
} from './dynamodb-values.js';
import { newPlaceholders, withPlaceholders, type ExpressionPlaceholders } from './expression-builder.js';

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireObject(value: unknown, what: string): Json {
  if (!isPlainObject(value)) throw new TypeError(`${what} must be an object`);
  return value;
}

/** Copies the listed options that are set (not undefined or null) onto the request. */
function copyOptions(request: Json, input: Json, names: string[]): Json {
  for (const name of names) {
    if (input[name] !== undefined && input[name] !== null) request[name] = input[name];
  }
  return request;
}

/**
 * Numbered placeholders for projections (#attr0) and updates (#expName_1, :expValue_1: the names
 * AppSync's update() produces, counted from 1).
 */
class NumberedPlaceholders {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttributeValue> = {};
  private readonly nameByAttribute = new Map<string, string>();

  constructor(
    private readonly namePrefix: string,
    private readonly valuePrefix: string,
    private readonly firstIndex: number,
  ) {}

  name(attribute: string): string {
    let placeholder = this.nameByAttribute.get(attribute);
    if (placeholder === undefined) {
      placeholder = `${this.namePrefix}${this.nameByAttribute.size + this.firstIndex}`;
      this.nameByAttribute.set(attribute, placeholder);
      this.names[placeholder] = attribute;
    }
    return placeholder;
  }

  value(attributeValue: AttributeValue): string {
    const placeholder = `${this.valuePrefix}${Object.keys(this.values).length + this.firstIndex}`;
    this.values[placeholder] = attributeValue;
    return placeholder;
  }

  /** "a.b[2].c" → "#attr0.#attr1[2].#attr2". */
  path(dotted: string): string {
    return dotted
      .split('.')
      .map((segment) => {
        const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(segment);
        if (!match) throw new TypeError(`Invalid attribute path "${dotted}"`);
        return this.name(match[1]) + match[2];
      })
      .join('.');
  }
}

function withNumbered(expression: string, placeholders: NumberedPlaceholders): Json {
  return withPlaceholders(expression, placeholders as unknown as ExpressionPlaceholders);
}

function projection(fields: unknown): Json | undefined {
  if (fields === undefined || fields === null) return undefined;
  if (!Array.isArray(fields)) throw new TypeError('projection must be a list of attribute names');
  if (fields.length === 0) return undefined;
  const placeholders = new NumberedPlaceholders('#attr', ':val', 0);
  const expression = fields.map((field) => placeholders.path(String(field))).join(', ');
  return { expression, expressionNames: placeholders.names };
}

function expressionOf(filter: unknown, what: string): Json | undefined {
  if (filter === undefined || filter === null) return undefined;
  const placeholders = newPlaceholders();
  const text = filterExpressionText(placeholders, requireObject(filter, what));
  return text.length === 0 ? undefined : withPlaceholders(text, placeholders);
}

function keyOf(input: Json): Record<string, AttributeValue> {
  return toMapValues(requireObject(input.key, 'key'));
}

function setIfDefined(request: Json, name: string, value: unknown): void {
  if (value !== undefined) request[name] = value;
}

const syncOptions = ['customPartitionKey', 'populateIndexFields', '_version'];

export function get(input: unknown): Json {
  const payload = requireObject(input, 'get() input');
  const request: Json = { operation: 'GetItem', key: keyOf(payload) };
  copyOptions(request, payload, ['consistentRead']);
  setIfDefined(request, 'projection', projection(payload.projection));
  return request;
}

export function put(input: unknown): Json {
  const payload = requireObject(input, 'put() input');
  const request: Json = {
    operation: 'PutItem',
    key: keyOf(payload),
    attributeValues: toMapValues(requireObject(payload.item ?? {}, 'item')),
  };
  setIfDefined(request, 'condition', expressionOf(payload.condition, 'condition'));
  return copyOptions(request, payload, syncOptions);
}

export function remove(input: unknown): Json {
  const payload = requireObject(input, 'remove() input');
  const request: Json = { operation: 'DeleteItem', key: keyOf(payload) };
  setIfDefined(request, 'condition', expressionOf(payload.condition, 'condition'));
  return copyOptions(request, payload, syncOptions);
}

/** The marker objects of `operations.*`, in AppSync's shapes (as its EvaluateCode recordings show). */
type Operation = { type: string; value?: unknown; by?: unknown; items?: unknown; index?: unknown };

const operationTypes = new Set([
  'OPERATION_ADD',
  'OPERATION_REMOVE',
  'OPERATION_REPLACE',
  'OPERATION_INCREMENT',
  'OPERATION_DECREMENT',
  'OPERATION_APPEND',
  'OPERATION_PREPEND',
  'OPERATION_UPDATE_LIST_ITEM',
]);

/** Recognised by shape, as AWS does, so a marker survives a trip through the stash. */
function operationOf(value: unknown): Operation | null {
  return isPlainObject(value) && typeof value.type === 'string' && operationTypes.has(value.type) ? (value as Operation) : null;
}

export const operations = {
  add: (value: unknown): Operation => ({ type: 'OPERATION_ADD', value }),
  remove: (): Operation => ({ type: 'OPERATION_REMOVE' }),
  replace: (value: unknown): Operation => ({ type: 'OPERATION_REPLACE', value }),
  increment: (by = 1): Operation => ({ type: 'OPERATION_INCREMENT', by }),
  decrement: (by = 1): Operation => ({ type: 'OPERATION_DECREMENT', by }),
  append: (items: unknown[]): Operation => ({ type: 'OPERATION_APPEND', items }),
  prepend: (items: unknown[]): Operation => ({ type: 'OPERATION_PREPEND', items }),
  // [U] not recorded (AWS's own type declarations lack it in the evaluated runtime).
  updateListItem: (value: unknown, index: number): Operation => ({ type: 'OPERATION_UPDATE_LIST_ITEM', value, index }),
};

interface UpdateClauses {
  set: string[];
  remove: string[];
}

function numberOperand(by: unknown, name: string): number {
  if (typeof by !== 'number' || !Number.isFinite(by)) throw new TypeError(`operations.${name} expects a number`);
  return by;
}

/**
 * One attribute of the update object, compiled as AppSync does (recorded with EvaluateCode):
 * - a plain value, add(v) and replace(v) are `SET #n = :v` (add does not use DynamoDB ADD);
 * - increment/decrement are `SET #n = #n + :v` / `- :v`, so the attribute must already exist;
 * - append/prepend are `SET #n = list_append(#n, :v)` / `list_append(:v, #n)`.
 * Choices no recording covers [U]: null sets NULL; operations.remove() is REMOVE; a nested plain
 * object updates its keys one by one; a list of updateListItem markers sets `#n[i]`.
 */
function compileAttribute(clauses: UpdateClauses, placeholders: NumberedPlaceholders, path: string, value: unknown): void {
  const operation = operationOf(value);
  if (operation !== null) {
    switch (operation.type) {
      case 'OPERATION_REMOVE':
        clauses.remove.push(path);
        return;
      case 'OPERATION_ADD':
      case 'OPERATION_REPLACE':
        clauses.set.push(`${path} = ${placeholders.value(toDynamoDB(operation.value))}`);
        return;
      case 'OPERATION_INCREMENT':
        clauses.set.push(`${path} = ${path} + ${placeholders.value(toDynamoDB(numberOperand(operation.by, 'increment')))}`);
        return;
      case 'OPERATION_DECREMENT':
        clauses.set.push(`${path} = ${path} - ${placeholders.value(toDynamoDB(numberOperand(operation.by, 'decrement')))}`);
        return;
      case 'OPERATION_APPEND':
      case 'OPERATION_PREPEND': {
        const name = operation.type === 'OPERATION_APPEND' ? 'append' : 'prepend';
        if (!Array.isArray(operation.items)) throw new TypeError(`operations.${name} expects a list`);
        const list = placeholders.value(toDynamoDB(operation.items));
        const args = name === 'append' ? `${path}, ${list}` : `${list}, ${path}`;
        clauses.set.push(`${path} = list_append(${args})`);
        return;
      }
      default:
        throw new TypeError('operations.updateListItem cannot be used on its own; put it in a list');
    }
  }
  if (Array.isArray(value) && value.length > 0 && value.every((element) => operationOf(element)?.type === 'OPERATION_UPDATE_LIST_ITEM')) {
    for (const element of value as Operation[]) {
      if (typeof element.index !== 'number' || !Number.isInteger(element.index) || element.index < 0) {
        throw new TypeError('operations.updateListItem expects a non-negative integer index');
      }
      clauses.set.push(`${path}[${element.index}] = ${placeholders.value(toDynamoDB(element.value))}`);
    }
    return;
  }
  if (isPlainObject(value) && !isTypedSet(value)) {
    // A nested object updates its keys one by one and leaves the map's other keys alone.
    for (const key of Object.keys(value)) {
      if (value[key] !== undefined) compileAttribute(clauses, placeholders, `${path}.${placeholders.name(key)}`, value[key]);
    }
    return;
  }
  clauses.set.push(`${path} = ${placeholders.value(toDynamoDB(value))}`);
}

export function compileUpdate(update: unknown): Json {
  const updateObject = requireObject(update, 'update');
  const placeholders = new NumberedPlaceholders('#expName_', ':expValue_', 1);
  const clauses: UpdateClauses = { set: [], remove: [] };
  for (const key of Object.keys(updateObject)) {
    if (updateObject[key] !== undefined) compileAttribute(clauses, placeholders, placeholders.name(key), updateObject[key]);
  }
  const sections: string[] = [];
  if (clauses.set.length > 0) sections.push(`SET ${clauses.set.join(', ')}`);
  if (clauses.remove.length > 0) sections.push(`REMOVE ${clauses.remove.join(', ')}`);
  if (sections.length === 0) throw new TypeError('update() needs at least one attribute to change');
  return withNumbered(sections.join(' '), placeholders);
}

export function update(input: unknown): Json {
  const payload = requireObject(input, 'update() input');
  const request: Json = { operation: 'UpdateItem', key: keyOf(payload), update: compileUpdate(payload.update) };
  setIfDefined(request, 'condition', expressionOf(payload.condition, 'condition'));
  return copyOptions(request, payload, syncOptions);
}

const keyConditionOperators = new Set(['eq', 'lt', 'le', 'gt', 'ge', 'between', 'beginsWith']);

export function query(input: unknown): Json {
  const payload = requireObject(input, 'query() input');
  const keyCondition = requireObject(payload.query, 'query');
  for (const [field, spec] of Object.entries(keyCondition)) {
    for (const operator of Object.keys(requireObject(spec, `query.${field}`))) {
      if (!keyConditionOperators.has(operator)) {
        throw new TypeError(`query.${field}: "${operator}" cannot be used in a key condition (use eq, lt, le, gt, ge, between or beginsWith)`);
      }
    }
  }
  const queryExpression = expressionOf(keyCondition, 'query');
  if (queryExpression === undefined) throw new TypeError('query() needs a key condition such as { id: { eq: value } }');
  const request: Json = { operation: 'Query', query: queryExpression };
  copyOptions(request, payload, ['index', 'nextToken', 'limit', 'scanIndexForward', 'consistentRead', 'select']);
  setIfDefined(request, 'filter', expressionOf(payload.filter, 'filter'));
  setIfDefined(request, 'projection', projection(payload.projection));
  return request;
}

export function scan(input: unknown): Json {
  const payload = requireObject(input ?? {}, 'scan() input');
  const request: Json = { operation: 'Scan' };
  copyOptions(request, payload, ['index', 'limit', 'consistentRead', 'nextToken', 'totalSegments', 'segment', 'select']);
  setIfDefined(request, 'filter', expressionOf(payload.filter, 'filter'));
  setIfDefined(request, 'projection', projection(payload.projection));
  return request;
}

export function sync(input: unknown): Json {
  const payload = requireObject(input ?? {}, 'sync() input');
  const request: Json = { operation: 'Sync' };
  copyOptions(request, payload, ['basePartitionKey', 'deltaIndexName', 'limit', 'nextToken', 'lastSync']);
  setIfDefined(request, 'filter', expressionOf(payload.filter, 'filter'));
  return request;
}

function tablesOf(input: unknown, what: string): Json {
  return requireObject(requireObject(input, `${what} input`).tables, `${what} tables`);
}

function listOf(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`${what} must be a list`);
  return value;
}

export function batchGet(input: unknown): Json {
  const tables: Json = {};
  for (const [table, spec] of Object.entries(tablesOf(input, 'batchGet()'))) {
    const tableSpec = requireObject(spec, `batchGet() tables.${table}`);
    const entry: Json = { keys: listOf(tableSpec.keys, `tables.${table}.keys`).map((key) => toMapValues(requireObject(key, 'key'))) };
    copyOptions(entry, tableSpec, ['consistentRead']);
    setIfDefined(entry, 'projection', projection(tableSpec.projection));
    tables[table] = entry;
  }
  return { operation: 'BatchGetItem', tables };
}

export function batchPut(input: unknown): Json {
  const tables: Json = {};
  for (const [table, items] of Object.entries(tablesOf(input, 'batchPut()'))) {
    tables[table] = listOf(items, `tables.${table}`).map((item) => toMapValues(requireObject(item, 'item')));
  }
  return { operation: 'BatchPutItem', tables };
}

export function batchDelete(input: unknown): Json {
  const tables: Json = {};
  for (const [table, keys] of Object.entries(tablesOf(input, 'batchDelete()'))) {
    tables[table] = listOf(keys, `tables.${table}`).map((key) => toMapValues(requireObject(key, 'key')));
  }
  return { operation: 'BatchDeleteItem', tables };
}

function tableName(spec: Json, what: string): string {
  if (typeof spec.table !== 'string' || spec.table.length === 0) throw new TypeError(`${what} needs a table name`);
  return spec.table;
}

export function transactGet(input: unknown): Json {
  const items = listOf(requireObject(input, 'transactGet() input').items, 'transactGet() items');
  const transactItems = items.map((item, index) => {
    const spec = requireObject(item, `transactGet() items[${index}]`);
    const entry: Json = { table: tableName(spec, `items[${index}]`), key: keyOf(spec) };
    setIfDefined(entry, 'projection', projection(spec.projection));
    return entry;
  });
  return { operation: 'TransactGetItems', transactItems };
}

function transactCondition(condition: unknown): Json | undefined {
  const expression = expressionOf(condition, 'condition');
  // [U] AppSync's default for returnValuesOnConditionCheckFailure; false keeps results small.
  return expression === undefined ? undefined : { ...expression, returnValuesOnConditionCheckFailure: false };
}

export function transactWrite(input: unknown): Json {
  const items = listOf(requireObject(input, 'transactWrite() input').items, 'transactWrite() items');
  const transactItems = items.map((item, index) => {
    const wrapper = requireObject(item, `transactWrite() items[${index}]`);
    const kinds = ['putItem', 'updateItem', 'deleteItem', 'conditionCheck'].filter((kind) => wrapper[kind] !== undefined);
    if (kinds.length !== 1) throw new TypeError(`transactWrite() items[${index}] needs exactly one of putItem, updateItem, deleteItem, conditionCheck`);
    const kind = kinds[0];
    const spec = requireObject(wrapper[kind], `items[${index}].${kind}`);
    const entry: Json = { table: tableName(spec, `items[${index}].${kind}`), key: keyOf(spec) };
    if (kind === 'putItem') {
      entry.operation = 'PutItem';
      entry.attributeValues = toMapValues(requireObject(spec.item ?? {}, 'item'));
    } else if (kind === 'updateItem') {
      entry.operation = 'UpdateItem';
      entry.update = compileUpdate(spec.update);
    } else if (kind === 'deleteItem') {
      entry.operation = 'DeleteItem';
    } else {
      entry.operation = 'ConditionCheck';
    }
    setIfDefined(entry, 'condition', transactCondition(spec.condition));
    return entry;
  });
  return { operation: 'TransactWriteItems', transactItems };
}

function requireList(values: unknown, name: string): unknown[] {
  if (!Array.isArray(values)) throw new TypeError(`${name} expects a list`);
  return values;
}

export function toStringSet(values: unknown): Json {
  return toStringSetValue(requireList(values, 'toStringSet')) as Json;
}

export function toNumberSet(values: unknown): Json {
  return toNumberSetValue(requireList(values, 'toNumberSet')) as Json;
}

export function toBinarySet(values: unknown): Json {
  return toBinarySetValue(requireList(values, 'toBinarySet')) as Json;
}

export const dynamodbModule = {
  get,
  put,
  update,
  remove,
  query,
  scan,
  sync,
  batchGet,
  batchPut,
  batchDelete,
  transactGet,
  transactWrite,
  toStringSet,
  toNumberSet,
  toBinarySet,
  operations,
};
