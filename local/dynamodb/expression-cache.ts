/**
 * Dynalite parses every update, condition, key condition, filter and projection expression with its PEG
 * grammars on every request: about a tenth of the engine thread's work during moves, for the same few
 * texts again and again. This module wraps dynalite's three parsers (from our code: nothing under
 * node_modules is edited) so a text is parsed once and its outcome reused.
 *
 * A parse depends on more than the text: the grammar resolves `#names` to their attribute names, puts the
 * very `:value` objects into the tree, checks operand types against those values' types, and removes the
 * names and values it used from the request's "unused" sets. So an outcome is reused only for the same
 * text, the same ExpressionAttributeNames and the same types of ExpressionAttributeValues; its tree is a
 * template in which each value is a slot filled with the current request's value object; and the names
 * and values it used are removed from the current request's unused sets, as the parse would have. Two
 * grammar checks read a value's content, not only its type (BETWEEN compares its bounds, attribute_type
 * checks its type name): texts that may use them are always parsed.
 */
import { createRequire } from 'node:module';

interface ParseContext {
  attrNames?: Record<string, string>;
  attrVals?: Record<string, Record<string, unknown>>;
  unusedAttrNames?: Record<string, boolean>;
  unusedAttrVals?: Record<string, boolean>;
  isKeyCondition?: boolean;
  [other: string]: unknown;
}

type Parse = (text: string, options: { context: ParseContext }) => unknown;

interface Parser {
  parse: Parse & { unmemoized?: Parse };
}

/** Dynalite's parser of one grammar as it ships, whether or not the cache is installed. */
export function grammar(name: 'updateParser' | 'conditionParser' | 'projectionParser'): Parse {
  const parser = createRequire(import.meta.url)(`dynalite/db/${name}`) as Parser;
  return parser.parse.unmemoized ?? parser.parse;
}

/** Where a template holds one of the request's `:value` objects. */
class ValueSlot {
  constructor(readonly name: string) {}
}

interface Outcome {
  /** Whether later requests may use it (see parseOnce). */
  reusable: boolean;
  /** The tree with value slots. */
  template?: unknown;
  threw: boolean;
  /** What the parser threw (a syntax or semantic error, which dynalite turns into its ValidationException). */
  error?: unknown;
  /** The names and values the expression uses: removed from the request's unused sets. */
  usedNames: string[];
  usedValues: string[];
}

const MAX_ENTRIES = 1000;
const MAX_TEXT = 4096;
/** Grammar checks that read a value's content (see above); a text that might contain them is never cached. */
const READS_VALUES = /between|attribute_type/i;

/** The types of the values (every key with a value, as the grammar's type checks look for them), in order. */
function valueTypes(values: Record<string, Record<string, unknown>> | undefined): string {
  if (values === undefined || values === null) return '-';
  let signature = '';
  for (const name in values) {
    const value = values[name];
    signature += `${name}=`;
    if (value !== null && typeof value === 'object') {
      for (const type in value) if (value[type] != null) signature += `${type},`;
    } else {
      signature += String(value);
    }
    signature += ';';
  }
  return signature;
}

/** Every object inside the values, below their top level: a tree holding one of them could not be a template. */
function innerObjects(values: Record<string, unknown>, into: Set<unknown>): void {
  const walk = (value: unknown) => {
    if (value === null || typeof value !== 'object' || into.has(value)) return;
    into.add(value);
    for (const inner of Object.values(value)) walk(inner);
  };
  for (const value of Object.values(values)) if (value !== null && typeof value === 'object') for (const inner of Object.values(value)) walk(inner);
}

/** The tree with each value object replaced by its slot; not ok when it holds anything else than plain data and whole values. */
function toTemplate(tree: unknown, slots: Map<unknown, ValueSlot>, inner: Set<unknown>): { ok: boolean; template: unknown } {
  let ok = true;
  const copy = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return node;
    const slot = slots.get(node);
    if (slot !== undefined) return slot;
    if (inner.has(node)) ok = false;
    if (Array.isArray(node)) return node.map(copy);
    const proto = Object.getPrototypeOf(node) as object | null;
    if (proto !== null && proto !== Object.prototype) ok = false;
    const out = proto === null ? (Object.create(null) as Record<string, unknown>) : {};
    for (const key of Object.keys(node)) out[key] = copy((node as Record<string, unknown>)[key]);
    return out;
  };
  const template = copy(tree);
  return { ok, template };
}

/** A fresh tree from a template, with the current request's value objects in the slots. */
function instantiate(node: unknown, values: Record<string, unknown>): unknown {
  if (node === null || typeof node !== 'object') return node;
  if (node instanceof ValueSlot) return values[node.name];
  if (Array.isArray(node)) return node.map((child) => instantiate(child, values));
  const out = Object.getPrototypeOf(node) === null ? (Object.create(null) as Record<string, unknown>) : {};
  for (const key of Object.keys(node)) out[key] = instantiate((node as Record<string, unknown>)[key], values);
  return out;
}

/** `parse` with its outcomes kept by text, names and value types. */
export function memoizedParse(parse: Parse): Parse {
  const outcomes = new Map<string, Outcome>();
  const memoized: Parse = (text, options) => {
    const context = options.context;
    if (typeof text !== 'string' || text.length > MAX_TEXT || READS_VALUES.test(text)) return parse(text, options);
    const names = context.attrNames;
    const values = context.attrVals;
    const key = `${context.isKeyCondition === true ? 'k' : 'e'}\u0000${text}\u0000${names === undefined ? '-' : JSON.stringify(names)}\u0000${valueTypes(values)}`;
    let outcome = outcomes.get(key);
    if (outcome === undefined) {
      outcome = parseOnce(parse, text, context);
      if (outcome.reusable) {
        if (outcomes.size >= MAX_ENTRIES) outcomes.delete(outcomes.keys().next().value!);
        outcomes.set(key, outcome);
      }
    }
    for (const name of outcome.usedNames) delete context.unusedAttrNames?.[name];
    for (const name of outcome.usedValues) delete context.unusedAttrVals?.[name];
    if (outcome.threw) throw outcome.error;
    return outcome.reusable ? instantiate(outcome.template, values ?? {}) : outcome.template;
  };
  return memoized;
}

/**
 * One real parse, against unused sets holding every name and value, so what it uses is known whatever
 * earlier expressions of the same request used. Not reusable when its tree holds something other than
 * whole values or plain data (then `template` is the tree itself, for this request only).
 */
function parseOnce(parse: Parse, text: string, context: ParseContext): Outcome {
  const names = context.attrNames ?? {};
  const values = context.attrVals ?? {};
  const allNames: Record<string, boolean> = {};
  for (const name in names) allNames[name] = true;
  const allValues: Record<string, boolean> = {};
  for (const name in values) allValues[name] = true;
  const unusedAttrNames = Object.assign({}, allNames);
  const unusedAttrVals = Object.assign({}, allValues);
  const outcome: Outcome = { reusable: true, threw: false, usedNames: [], usedValues: [] };
  let tree: unknown;
  try {
    tree = parse(text, { context: Object.assign({}, context, { unusedAttrNames, unusedAttrVals }) });
  } catch (error) {
    outcome.threw = true;
    outcome.error = error;
  }
  outcome.usedNames = Object.keys(allNames).filter((name) => !(name in unusedAttrNames));
  outcome.usedValues = Object.keys(allValues).filter((name) => !(name in unusedAttrVals));
  const slots = new Map<unknown, ValueSlot>();
  for (const name in values) {
    const value = values[name];
    if (value === null || typeof value !== 'object' || slots.has(value)) outcome.reusable = false;
    else slots.set(value, new ValueSlot(name));
  }
  if (outcome.threw) return outcome;
  const inner = new Set<unknown>();
  innerObjects(values, inner);
  const { ok, template } = toTemplate(tree, slots, inner);
  if (!ok) outcome.reusable = false;
  outcome.template = outcome.reusable ? template : tree;
  return outcome;
}

let installed = false;

/** Wraps dynalite's expression parsers, once per process (its validations call them through their modules' exports). */
export function installExpressionCache(): void {
  if (installed) return;
  installed = true;
  const require = createRequire(import.meta.url);
  for (const grammar of ['updateParser', 'conditionParser', 'projectionParser']) {
    const parser = require(`dynalite/db/${grammar}`) as Parser;
    // The grammar as dynalite ships it stays reachable, for the tests that compare the two.
    parser.parse = Object.assign(memoizedParse(parser.parse.bind(parser)), { unmemoized: parser.parse });
  }
}
