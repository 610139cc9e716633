/**
 * Turns an esbuild ESM bundle into the body of a plain function, in one parse:
 *  - imports of @aws-appsync/utils[/dynamodb] become lookups on the runtime's modules;
 *  - `export` keywords are dropped and the body ends with `return { request, response }`,
 *    so a run needs no module loader and no ESM→CJS interop objects;
 *  - a time-limit check is inserted at the start of every loop body and function body, so a
 *    runaway handler stops at its deadline without a vm watchdog thread per call (~100 µs each).
 */
import { parse, type Node } from 'acorn';
import { DerivationCache } from './derivation-cache.js';

export const TICK_NAME = '__turnbase_tick';
export const IMPORT_NAME = '__turnbase_import';

const providedModules = new Set(['@aws-appsync/utils', '@aws-appsync/utils/dynamodb', '@aws-appsync/utils/rds']);
const handlerNames = new Set(['request', 'response']);

interface Edit {
  start: number;
  end: number;
  text: string;
}

// acorn's node types are a union too wide to narrow field by field here; nodes are read structurally.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyNode = Node & Record<string, any>;

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

const loopTypes = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);
const functionTypes = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

function insert(edits: Edit[], at: number, text: string): void {
  edits.push({ start: at, end: at, text });
}

function addTicks(node: AnyNode, edits: Edit[]): void {
  const call = `${TICK_NAME}();`;
  if (loopTypes.has(node.type)) {
    const body = node.body as AnyNode;
    if (body.type === 'BlockStatement') insert(edits, body.start + 1, call);
    else {
      insert(edits, body.start, `{${call}`);
      insert(edits, body.end, '}');
    }
  }
  if (functionTypes.has(node.type)) {
    const body = node.body as AnyNode;
    if (body.type === 'BlockStatement') insert(edits, body.start + 1, call);
    else {
      insert(edits, body.start, `(${TICK_NAME}(), `);
      insert(edits, body.end, ')');
    }
  }
  for (const key of Object.keys(node)) {
    const child = node[key];
    if (Array.isArray(child)) {
      for (const element of child) if (isNode(element)) addTicks(element, edits);
    } else if (isNode(child)) {
      addTicks(child, edits);
    }
  }
}

function declaredNames(declaration: AnyNode): string[] {
  if (declaration.type === 'VariableDeclaration') {
    return (declaration.declarations as AnyNode[]).flatMap((declarator) => (declarator.id.type === 'Identifier' ? [declarator.id.name as string] : []));
  }
  return declaration.id?.name ? [declaration.id.name as string] : [];
}

function exportedName(node: AnyNode): string {
  return node.type === 'Identifier' ? node.name : String(node.value);
}

/** Rewrites the module's import/export statements; returns the import declarations to put first. */
function rewriteModuleSyntax(program: AnyNode, edits: Edit[], exported: Map<string, string>): string[] {
  const imports: string[] = [];
  for (const statement of program.body as AnyNode[]) {
    switch (statement.type) {
      case 'ImportDeclaration': {
        const source = String(statement.source.value);
        if (!providedModules.has(source)) {
          throw new SyntaxError(`imports "${source}", but the APPSYNC_JS runtime provides only @aws-appsync/utils, @aws-appsync/utils/dynamodb and @aws-appsync/utils/rds (bundle everything else)`);
        }
        const module = `${IMPORT_NAME}(${JSON.stringify(source)})`;
        for (const specifier of statement.specifiers as AnyNode[]) {
          const local = specifier.local.name as string;
          if (specifier.type === 'ImportNamespaceSpecifier') imports.push(`const ${local} = ${module};`);
          else if (specifier.type === 'ImportDefaultSpecifier') imports.push(`const ${local} = ${module}.default;`);
          else imports.push(`const ${local} = ${module}[${JSON.stringify(exportedName(specifier.imported))}];`);
        }
        edits.push({ start: statement.start, end: statement.end, text: '' });
        break;
      }
      case 'ExportNamedDeclaration': {
        if (statement.source) throw new SyntaxError('re-exports (export … from) are not supported; bundle the module first');
        if (statement.declaration) {
          for (const name of declaredNames(statement.declaration)) exported.set(name, name);
          edits.push({ start: statement.start, end: statement.declaration.start, text: '' });
        } else {
          for (const specifier of statement.specifiers as AnyNode[]) exported.set(exportedName(specifier.exported), specifier.local.name);
          edits.push({ start: statement.start, end: statement.end, text: '' });
        }
        break;
      }
      case 'ExportDefaultDeclaration':
        // Only `request` and `response` count, so a default export is evaluated and otherwise ignored.
        edits.push({ start: statement.start, end: statement.declaration.start, text: statement.declaration.id ? '' : 'void ' });
        break;
      case 'ExportAllDeclaration':
        throw new SyntaxError('export * is not supported; bundle the module first');
      default:
        break;
    }
  }
  return imports;
}

function applyEdits(code: string, edits: Edit[]): string {
  // From the end so earlier offsets stay valid. Edits at the same offset are applied in the order
  // they were added, which leaves the later (inner) one first in the text: `x => (tick(), y)}`.
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => b.edit.start - a.edit.start || a.index - b.index);
  let out = code;
  for (const { edit } of ordered) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

export interface PreparedModule {
  /** The function body. */
  body: string;
  /** Where the edited code starts in `body` (the imports come first). */
  codeStart: number;
  /** The edits made to the original code, to map a position in `body` back to it (source-position.ts). */
  edits: Edit[];
}

/** The module as a function body returning its `request`/`response` exports. Throws SyntaxError for bad code. */
export function prepareModule(code: string): PreparedModule {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'module', locations: false }) as unknown as AnyNode;
  const edits: Edit[] = [];
  const exported = new Map<string, string>();
  const imports = rewriteModuleSyntax(program, edits, exported);
  addTicks(program, edits);
  const handlers = [...exported].filter(([name]) => handlerNames.has(name)).map(([name, local]) => `${JSON.stringify(name)}: ${local}`);
  const prefix = `${imports.join('\n')}\n`;
  return { body: `${prefix}${applyEdits(code, edits)}\nreturn { ${handlers.join(', ')} };`, codeStart: prefix.length, edits };
}

const preparedBundles = new DerivationCache<PreparedModule>('prepared-modules', import.meta.url);

/** prepareModule remembered across starts: for the engine's own bundles, not for code sent to EvaluateCode. */
export const prepareModuleRemembered = (code: string): PreparedModule => preparedBundles.get(code, prepareModule);

export function prepareModuleBody(code: string): string {
  return prepareModule(code).body;
}
