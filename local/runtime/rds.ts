/**
 * The `@aws-appsync/utils/rds` module: SQL statement builders for the RDS Data API. Pure functions;
 * the local engine has no RDS data source, so the request they build is never sent anywhere.
 * Behaviour (text of the statements, placeholder numbering, validation messages) follows the
 * outputs AWS AppSync recorded with EvaluateCode (test/conformance/recorded/). Choices no
 * recording covers are marked [U].
 */

type Json = Record<string, unknown>;
type Dialect = 'pg' | 'mysql';

const hintTypes = ['DECIMAL', 'JSON', 'TIMESTAMP', 'TIME', 'UUID', 'DATE'] as const;

interface TypeHint {
  type: string;
  value: unknown;
}

/** Statement objects built here; anything else passed to createPgStatement is refused, as AWS does. */
const statements = new WeakSet<object>();

interface SqlTemplate {
  kind: 'SQL';
  strings: string[];
  values: unknown[];
}

interface BuiltStatement {
  kind: 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
  payload: Json;
}

type Statement = SqlTemplate | BuiltStatement;

function tagged<T extends object>(statement: T): T {
  statements.add(statement);
  return statement;
}

function isStatement(value: unknown): value is Statement {
  return typeof value === 'object' && value !== null && statements.has(value);
}

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isStatement(value);
}

function isTypeHint(value: unknown): value is TypeHint {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 2 && typeof value.type === 'string' && 'value' in value && (hintTypes as readonly string[]).includes(value.type);
}

function fail(message: string): never {
  throw new Error(message);
}

/** Placeholders :P0, :P1, … numbered across every statement of one createPgStatement call. */
class Bindings {
  readonly variableMap: Json = {};
  readonly variableTypeHintMap: Record<string, string> = {};
  private count = 0;

  constructor(readonly dialect: Dialect) {}

  bind(value: unknown): string {
    const name = `:P${this.count}`;
    this.count += 1;
    if (isTypeHint(value)) {
      this.variableMap[name] = value.value;
      this.variableTypeHintMap[name] = value.type;
    } else {
      this.variableMap[name] = value;
    }
    return name;
  }

  /** null and undefined are written as the NULL literal, never bound. */
  valueOrNull(value: unknown): string {
    return value === null || value === undefined ? 'NULL' : this.bind(value);
  }

  quote(identifier: string): string {
    const mark = this.dialect === 'pg' ? '"' : '`';
    // [U] how AWS escapes a quote inside a name; doubling it is what both databases accept.
    return identifier
      .split('.')
      .map((part) => `${mark}${part.split(mark).join(mark + mark)}${mark}`)
      .join('.');
  }
}

// ---------- table names, columns, order, limits ----------

function aliasText(alias: Json, bindings: Bindings): string {
  const keys = Object.keys(alias);
  if (keys.length === 0) fail('java.util.NoSuchElementException');
  if (keys.length > 1) fail('table alias is allowed only one key-value pair.');
  const value = alias[keys[0]];
  if (typeof value !== 'string') fail('Table alias value is expected to be a string.');
  return `${bindings.quote(value)} as ${bindings.quote(keys[0])}`;
}

function tableText(table: unknown, bindings: Bindings): string {
  if (typeof table === 'string') return bindings.quote(table);
  if (isPlainObject(table)) return aliasText(table, bindings);
  return fail('table name is expected to be a string or alias.');
}

/** select() takes `table` or `from`; the others take `table` only and ignore `from`. */
function sourceText(payload: Json, bindings: Bindings, allowFrom: boolean): string {
  const hasTable = payload.table !== undefined && payload.table !== null;
  const hasFrom = allowFrom && payload.from !== undefined && payload.from !== null;
  if (hasTable && hasFrom) fail("'from' and 'table' keys cannot be used together");
  if (hasTable) return tableText(payload.table, bindings);
  if (!hasFrom) fail("'table' or 'from' key is required.");
  if (typeof payload.from !== 'string' && !isPlainObject(payload.from)) fail("'from' value is expected to be string or object.");
  return tableText(payload.from, bindings);
}

const aggregates = new WeakSet<object>();

function columnText(column: unknown, bindings: Bindings): string {
  if (column === '*') return '*';
  if (typeof column === 'string') return bindings.quote(column);
  if (typeof column === 'object' && column !== null && aggregates.has(column)) {
    const { fn, distinct, name } = column as { fn: string; distinct: boolean; name: string };
    return `${fn}(${distinct ? 'DISTINCT ' : ''}${bindings.quote(name)})`;
  }
  // [U] a column alias object, written like a table alias.
  if (isPlainObject(column)) return aliasText(column, bindings);
  return fail('Invalid type in column array.');
}

function columnList(columns: unknown, bindings: Bindings): string {
  if (columns === undefined || columns === null || columns === '*') return '*';
  if (!Array.isArray(columns)) fail('Expected column to be * or an array.');
  return columns.map((column) => columnText(column, bindings)).join(', ');
}

function orderByText(orderBy: unknown, bindings: Bindings): string {
  if (orderBy === undefined || orderBy === null) return '';
  if (!Array.isArray(orderBy)) fail('orderBy expects an array.');
  const items = orderBy.map((item: unknown) => {
    if (!isPlainObject(item)) fail('orderBy item expected to be an object.');
    if (typeof item.column !== 'string') fail('orderBy item expected to have property column.');
    let direction = 'ASC';
    if (typeof item.dir === 'string') {
      direction = item.dir.toUpperCase();
      if (direction !== 'ASC' && direction !== 'DESC') fail(`orderBy dir can have either ASC or DESC found ${item.dir}.`);
    }
    return `${bindings.quote(item.column)} ${direction}`;
  });
  return items.length === 0 ? '' : `ORDER BY ${items.join(', ')}`;
}

function numberOption(name: string, value: unknown, bindings: Bindings): string {
  if (value === undefined || value === null) return '';
  let number: number;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) number = Number(value);
  else return fail(`${name} expects a number.`);
  return `${name.toUpperCase()} ${bindings.bind(number)}`;
}

function returningText(returning: unknown, bindings: Bindings): string {
  if (returning === undefined || returning === null) return '';
  if (returning !== '*' && !Array.isArray(returning)) fail('Expected column to be * or an array.');
  if (bindings.dialect === 'mysql') fail('returning is not supported in MySQL.');
  return `RETURNING ${columnList(returning, bindings)}`;
}

// ---------- conditions ----------

const comparisons: Record<string, string> = { eq: '=', ne: '!=', gt: '>', ge: '>=', lt: '<', le: '<=' };

function betweenText(subject: string, label: string, value: unknown, bindings: Bindings): string {
  if (!Array.isArray(value)) fail(`${label} condition expects an array with length of 2.`);
  if (value.length !== 2) fail(`${label} condition expects an array with 2 values but received an array with length ${value.length}.`);
  return `${subject} BETWEEN ${bindings.valueOrNull(value[0])} AND ${bindings.valueOrNull(value[1])}`;
}

function sizeText(column: string, spec: unknown, bindings: Bindings): string {
  const label = `${column}.size`;
  if (!isPlainObject(spec)) fail(`Expected ${label} to be an Object.`);
  const subject = `LENGTH (${bindings.quote(column)})`;
  return Object.keys(spec)
    .map((operator) => {
      if (operator === 'between') return betweenText(subject, label, spec.between, bindings);
      if (comparisons[operator] === undefined) fail(`${label} has invalid size operator.`);
      return `${subject} ${comparisons[operator]} ${bindings.valueOrNull(spec[operator])}`;
    })
    .join(' AND ');
}

function likeValue(label: string, value: unknown): string {
  if (value === null || value === undefined) fail(`Value for ${label} can't be null.`);
  if (typeof value !== 'string') fail(`${label} expects a string value to be passed.`);
  return value;
}

function columnConditions(column: string, spec: unknown, bindings: Bindings): string {
  if (!isPlainObject(spec)) fail('Expected condition to be an Object.');
  const subject = bindings.quote(column);
  return Object.keys(spec)
    .map((operator) => {
      const label = `${column}.${operator}`;
      const value = spec[operator];
      if (operator === 'size') return sizeText(column, value, bindings);
      if (operator === 'between') return betweenText(subject, label, value, bindings);
      if (operator === 'beginsWith') return `${subject} LIKE ${bindings.bind(`${likeValue(label, value)}%`)}`;
      if (operator === 'contains') return `${subject} LIKE ${bindings.bind(`%${likeValue(label, value)}%`)}`;
      if (operator === 'notContains') return `${subject} NOT LIKE ${bindings.bind(likeValue(label, value))}`;
      if (operator === 'attributeExists') {
        if (value === null || value === undefined) fail(`Value for ${label} can't be null.`);
        if (typeof value !== 'boolean') fail(`${label} expects a boolean value to be passed.`);
        return `${subject} ${value ? 'IS NOT NULL' : 'IS NULL'}`;
      }
      if (comparisons[operator] === undefined) fail(`Unsupported condition ${label}.`);
      if (value === null || value === undefined) fail(`Value for ${label} can't be null.`);
      return `${subject} ${comparisons[operator]} ${bindings.bind(value)}`;
    })
    .join(' AND ');
}

function groupText(name: 'and' | 'or', list: unknown, bindings: Bindings): string {
  if (!Array.isArray(list)) fail(`${name} expects conditions to be an array`);
  return list
    .map((element: unknown) => {
      if (!isPlainObject(element)) fail(`Expected ${name} to be an Object.`);
      const text = conditionText(element, bindings);
      return text === '' ? '' : `(${text})`;
    })
    .join(name === 'and' ? ' AND ' : ' OR ');
}

/** A condition object: its keys in order, joined with AND; `and`/`or` lists put each member in parentheses. */
function conditionText(condition: Json, bindings: Bindings): string {
  return Object.keys(condition)
    .map((key) => {
      if (key === 'and' || key === 'or') return groupText(key, condition[key], bindings);
      // [U] `not` is in the types but unrecorded: NOT around the group.
      if (key === 'not') {
        const inner = groupText('and', condition.not, bindings);
        return inner === '' ? '' : `NOT (${inner})`;
      }
      return columnConditions(key, condition[key], bindings);
    })
    .join(' AND ');
}

function whereText(where: unknown, bindings: Bindings): string {
  if (where === undefined || where === null) return '';
  let text: string;
  if (isStatement(where) && where.kind === 'SQL') text = templateText(where, bindings);
  else if (isPlainObject(where)) text = conditionText(where, bindings);
  else return fail('WHERE values are expected to be SQL templates or a condition object.');
  return text === '' ? '' : `WHERE ${text}`;
}

// ---------- statements ----------

function templateText(template: SqlTemplate, bindings: Bindings): string {
  let text = template.strings[0];
  template.values.forEach((value, index) => {
    text += bindings.valueOrNull(value) + template.strings[index + 1];
  });
  return text;
}

const unsupportedSelectKeys = ['groupBy', 'having', 'join', 'innerJoin', 'leftJoin', 'leftOuterJoin', 'rightJoin', 'rightOuterJoin', 'fullOuterJoin', 'crossJoin'];

/** Clauses are trimmed and joined with one space: an empty list leaves `SELECT FROM`, as on AWS. */
function clauses(...parts: string[]): string {
  return parts
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
}

function selectText(payload: Json, bindings: Bindings): string {
  for (const key of unsupportedSelectKeys) {
    if (payload[key] !== undefined) fail(`rds.select: "${key}" is not supported by the local engine`);
  }
  const source = sourceText(payload, bindings, true);
  const columns = columnList(payload.columns, bindings);
  return clauses(`SELECT ${columns}`, `FROM ${source}`, whereText(payload.where, bindings), orderByText(payload.orderBy, bindings), numberOption('limit', payload.limit, bindings), numberOption('offset', payload.offset, bindings));
}

function valuesOf(payload: Json, what: string): Json {
  if (payload.values === undefined || payload.values === null) fail(`values are expected to be passed to ${what}`);
  if (!isPlainObject(payload.values)) fail('Expected values to an Object.');
  return payload.values;
}

function insertText(payload: Json, bindings: Bindings): string {
  const table = sourceText(payload, bindings, false);
  const values = valuesOf(payload, 'insert');
  const names = Object.keys(values);
  const placeholders = names.map((name) => bindings.valueOrNull(values[name]));
  return clauses(`INSERT INTO ${table} (${names.map((name) => bindings.quote(name)).join(', ')}) VALUES (${placeholders.join(', ')})`, returningText(payload.returning, bindings));
}

function updateText(payload: Json, bindings: Bindings): string {
  const table = sourceText(payload, bindings, false);
  const values = valuesOf(payload, 'update');
  const assignments = Object.keys(values).map((name) => `${bindings.quote(name)} = ${bindings.valueOrNull(values[name])}`);
  return clauses(`UPDATE ${table}`, `SET ${assignments.join(', ')}`, whereText(payload.where, bindings), returningText(payload.returning, bindings));
}

function removeText(payload: Json, bindings: Bindings): string {
  const table = sourceText(payload, bindings, false);
  return clauses(`DELETE FROM ${table}`, whereText(payload.where, bindings), returningText(payload.returning, bindings));
}

function statementText(statement: unknown, bindings: Bindings, fn: string): string {
  if (typeof statement === 'string') return statement;
  if (!isStatement(statement)) fail(`Unsupported type is passed as argument to ${fn}`);
  switch (statement.kind) {
    case 'SQL':
      return templateText(statement, bindings);
    case 'SELECT':
      return selectText(statement.payload, bindings);
    case 'INSERT':
      return insertText(statement.payload, bindings);
    case 'UPDATE':
      return updateText(statement.payload, bindings);
    case 'DELETE':
      return removeText(statement.payload, bindings);
  }
  return fail(`Unsupported type is passed as argument to ${fn}`);
}

function createStatement(dialect: Dialect, fn: string, args: unknown[]): Json {
  if (args.length === 0 || args[0] === undefined) fail(`An argument is expected to be passed to ${fn}`);
  const bindings = new Bindings(dialect);
  const texts = args.slice(0, 2).filter((statement) => statement !== undefined && statement !== null).map((statement) => statementText(statement, bindings, fn));
  return { statements: texts, variableMap: bindings.variableMap, variableTypeHintMap: bindings.variableTypeHintMap };
}

function builder(kind: BuiltStatement['kind'], fn: string): (...args: unknown[]) => BuiltStatement {
  return (...args: unknown[]) => {
    if (args.length === 0 || args[0] === undefined) fail(`An argument is expected to be passed to ${fn}`);
    if (!isPlainObject(args[0])) fail('Expected payload to be an Object.');
    return tagged({ kind, payload: args[0] });
  };
}

function sql(strings: unknown, ...values: unknown[]): SqlTemplate {
  const parts = Array.isArray(strings) ? strings.map(String) : [];
  if (parts.length !== values.length + 1) fail('java.lang.IllegalArgumentException: Unexpected argument passed to sql tagged template');
  return tagged({ kind: 'SQL', strings: parts, values });
}

function hint(type: string): (value: unknown) => TypeHint {
  // [U] JSON: a value that is not yet text is serialised, as the Data API takes JSON as a string.
  return (value: unknown) => ({ type, value: type === 'JSON' && typeof value !== 'string' ? JSON.stringify(value) : value });
}

const typeHint = Object.fromEntries(hintTypes.map((type) => [type, hint(type)]));

function aggregate(fn: string, distinct: boolean): (column: string) => object {
  return (column: string) => {
    const value = { fn, distinct, name: String(column) };
    aggregates.add(value);
    return value;
  };
}

const agg = {
  max: aggregate('MAX', false),
  maxDistinct: aggregate('MAX', true),
  min: aggregate('MIN', false),
  minDistinct: aggregate('MIN', true),
  count: aggregate('COUNT', false),
  countDistinct: aggregate('COUNT', true),
  avg: aggregate('AVG', false),
  avgDistinct: aggregate('AVG', true),
  sum: aggregate('SUM', false),
  sumDistinct: aggregate('SUM', true),
};

// ---------- results ----------

type Field = Record<string, unknown>;

function arrayValue(array: Field): unknown {
  if (Array.isArray(array.arrayValues)) return (array.arrayValues as Field[]).map(arrayValue);
  for (const key of ['stringValues', 'longValues', 'doubleValues', 'booleanValues']) {
    if (Array.isArray(array[key])) return array[key];
  }
  return [];
}

function fieldValue(field: Field): unknown {
  if (field.isNull === true) return undefined;
  if (isPlainObject(field.arrayValue)) return arrayValue(field.arrayValue);
  for (const key of ['stringValue', 'longValue', 'doubleValue', 'booleanValue', 'blobValue']) {
    if (field[key] !== undefined) return field[key];
  }
  return undefined;
}

/**
 * One list of row objects per SQL statement, keyed by column label (or name). NULL columns are
 * left out of the row, and a statement without records (an insert or update) gives one empty row.
 */
export function toJsonObject(result: unknown): unknown[][] | null {
  const parsed = typeof result === 'string' ? (JSON.parse(result) as unknown) : result;
  if (!isPlainObject(parsed) || !Array.isArray(parsed.sqlStatementResults)) return null;
  return (parsed.sqlStatementResults as Json[]).map((statement) => {
    if (!Array.isArray(statement.records)) return [{}];
    const columns = ((statement.columnMetadata ?? []) as Json[]).map((column, index) => String(column.label ?? column.name ?? index));
    return (statement.records as Field[][]).map((record) => {
      const row: Json = {};
      record.forEach((field, index) => {
        const value = fieldValue(field);
        if (value !== undefined) row[columns[index] ?? String(index)] = value;
      });
      return row;
    });
  });
}

export const rdsModule = {
  select: builder('SELECT', 'select'),
  insert: builder('INSERT', 'insert'),
  update: builder('UPDATE', 'update'),
  remove: builder('DELETE', 'remove'),
  sql,
  typeHint,
  agg,
  createPgStatement: (...args: unknown[]) => createStatement('pg', 'createPgStatement', args),
  createMySQLStatement: (...args: unknown[]) => createStatement('mysql', 'createMySQLStatement', args),
  toJsonObject,
  toJsonString: (result: unknown): string => JSON.stringify(toJsonObject(result)),
};
