/**
 * The checks AppSync makes when a resolver or function is created (and when EvaluateCode runs):
 * code over the size limit, code that does not parse, and the statements and operators the
 * APPSYNC_JS runtime does not support. Sources: the API reference (code: "Maximum length of 32768")
 * and the developer guide's "Supported runtime features" page (unsupported: `++` `--` `~` `in`,
 * try/catch/finally, throw, continue, while, do-while, for(;;), labeled statements).
 * The eslint plugin (npm run lint) checks more; these are the ones AppSync itself refuses.
 */
import { parse, type Node } from 'acorn';
import { DerivationCache } from './derivation-cache.js';

/** The CodeError shape of AppSync's API (EvaluateCode, CreateResolver's BadRequestException). */
export interface CodeError {
  errorType: 'PARSER_ERROR' | 'LINT_ERROR';
  value: string;
  location: { line: number; column: number; span: number };
}

export const MAX_CODE_LENGTH = 32768;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyNode = Node & Record<string, any>;

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

const unsupportedStatements: Record<string, string> = {
  TryStatement: 'try/catch/finally statements are not supported',
  ThrowStatement: 'throw statements are not supported',
  ContinueStatement: 'continue statements are not supported',
  WhileStatement: 'while statements are not supported',
  DoWhileStatement: 'do-while statements are not supported',
  ForStatement: 'for(initialization; condition; afterthought) statements are not supported; use for-of or for-in',
  LabeledStatement: 'labeled statements are not supported',
};

function problemOf(node: AnyNode): string | null {
  if (unsupportedStatements[node.type] !== undefined) return unsupportedStatements[node.type];
  if (node.type === 'UpdateExpression') return `the unary operator ${String(node.operator)} is not supported`;
  if (node.type === 'UnaryExpression' && node.operator === '~') return 'the unary operator ~ is not supported';
  if (node.type === 'BinaryExpression' && node.operator === 'in') return 'the in operator is not supported; use Object.hasOwn';
  return null;
}

function walk(node: AnyNode, found: CodeError[]): void {
  const problem = problemOf(node);
  if (problem !== null) {
    const start = node.loc?.start ?? { line: 0, column: 0 };
    found.push({ errorType: 'LINT_ERROR', value: problem, location: { line: start.line, column: start.column + 1, span: node.end - node.start } });
  }
  for (const key of Object.keys(node)) {
    if (key === 'loc') continue;
    const child = node[key];
    if (Array.isArray(child)) {
      for (const element of child) if (isNode(element)) walk(element, found);
    } else if (isNode(child)) {
      walk(child, found);
    }
  }
}

/** Everything AppSync would refuse in this code; empty when the code is acceptable. Positions are 1-based. */
export function checkCode(code: string): CodeError[] {
  if (code.length > MAX_CODE_LENGTH) {
    return [{ errorType: 'LINT_ERROR', value: `code is ${code.length} characters long; AppSync accepts at most ${MAX_CODE_LENGTH}`, location: { line: 1, column: 1, span: -1 } }];
  }
  let program: AnyNode;
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'module', locations: true }) as unknown as AnyNode;
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const message = error instanceof Error ? error.message.replace(/ \(\d+:\d+\)$/, '') : String(error);
    return [{ errorType: 'PARSER_ERROR', value: `Parsing error: ${message}`, location: { line: loc?.line ?? 0, column: (loc?.column ?? -1) + 1, span: -1 } }];
  }
  const found: CodeError[] = [];
  walk(program, found);
  return found;
}

/** One line per problem: `file:line:column: message`. */
export function describeCodeErrors(file: string, errors: CodeError[]): string {
  return errors.map((error) => `${file}:${error.location.line}:${error.location.column}: ${error.value}`).join('\n');
}

const checkedBundles = new DerivationCache<CodeError[]>('code-checks', import.meta.url);

/** Throws one error listing every problem of every bundle, as file:line:column lines; AppSync refuses such code at creation. */
export function refuseUnsupportedCode(bundles: Iterable<{ path: string; code: string }>): void {
  const reports: string[] = [];
  for (const bundle of bundles) {
    const errors = checkedBundles.get(bundle.code, checkCode);
    if (errors.length > 0) reports.push(describeCodeErrors(bundle.path, errors));
  }
  if (reports.length > 0) throw new Error(`AppSync would refuse this code when the resolver is created:\n${reports.join('\n')}`);
}
