import ts from 'typescript';
import type { AnalysisContext } from '../context.js';
import type { TextEdit } from '../../types.js';
import { isCommonJs } from './syntax.js';
import { memoSlot } from '../../memo.js';

/**
 * What a local name is bound to by an import or a `require`: `import x from 'm'` → default,
 * `import * as x` → `*`, `const x = require('m')` / `import x = require('m')` → `module`,
 * `import { a as x }` / `const { a: x } = require('m')` → `a`.
 */
export interface ModuleBinding {
  module: string;
  imported: string;
}

// On the tree (memo.ts): its module names are slices of the tree's text.
const bindingsCache = memoSlot<ts.SourceFile, ReadonlyMap<string, ModuleBinding>>('module bindings');

/** The module a `require('m')`, `require('m').x`, `await import('m')` expression loads, and which export. */
function requireTarget(expr: ts.Expression | undefined): ModuleBinding | undefined {
  if (!expr) return undefined;
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAwaitExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  if (ts.isPropertyAccessExpression(e)) {
    const inner = requireTarget(e.expression);
    return inner && inner.imported === 'module' ? { module: inner.module, imported: e.name.text } : undefined;
  }
  if (ts.isCallExpression(e) && e.arguments.length === 1 && ts.isStringLiteralLike(e.arguments[0])) {
    const isRequire = ts.isIdentifier(e.expression) && e.expression.text === 'require';
    const isDynamicImport = e.expression.kind === ts.SyntaxKind.ImportKeyword;
    if (isRequire || isDynamicImport) return { module: e.arguments[0].text, imported: 'module' };
  }
  return undefined;
}

/**
 * Local names bound to modules by top-level imports and requires, computed once per parse and
 * shared by every rule that asks "is this `verify` the one from jsonwebtoken?".
 */
export function moduleBindings(sf: ts.SourceFile): ReadonlyMap<string, ModuleBinding> {
  const cached = bindingsCache.get(sf);
  if (cached) return cached;
  const map = new Map<string, ModuleBinding>();
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.importClause && !s.importClause.isTypeOnly) {
      const module = s.moduleSpecifier.text;
      const clause = s.importClause;
      if (clause.name) map.set(clause.name.text, { module, imported: 'default' });
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) map.set(nb.name.text, { module, imported: '*' });
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) {
          if (!el.isTypeOnly) map.set(el.name.text, { module, imported: (el.propertyName ?? el.name).text });
        }
      }
    } else if (ts.isImportEqualsDeclaration(s) && ts.isExternalModuleReference(s.moduleReference)
      && ts.isStringLiteral(s.moduleReference.expression) && !s.isTypeOnly) {
      map.set(s.name.text, { module: s.moduleReference.expression.text, imported: 'module' });
    } else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const target = requireTarget(d.initializer);
        if (!target) continue;
        if (ts.isIdentifier(d.name)) map.set(d.name.text, target);
        else if (ts.isObjectBindingPattern(d.name) && target.imported === 'module') {
          for (const el of d.name.elements) {
            const key = el.propertyName ? propertyKey(el.propertyName) : ts.isIdentifier(el.name) ? el.name.text : undefined;
            if (key && ts.isIdentifier(el.name) && !el.dotDotDotToken) map.set(el.name.text, { module: target.module, imported: key });
          }
        }
      }
    }
  }
  bindingsCache.set(sf, map);
  return map;
}

function propertyKey(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name)) return name.text;
  return undefined;
}

/** True when the binding is the whole module object (namespace import or plain `require`). */
export function isWholeModule(b: ModuleBinding | undefined): boolean {
  return !!b && (b.imported === '*' || b.imported === 'module');
}

/** The module a name is bound to, normalised: `node:https` → `https`. */
export function moduleOf(sf: ts.SourceFile, localName: string): ModuleBinding | undefined {
  const b = moduleBindings(sf).get(localName);
  return b && b.module.startsWith('node:') ? { module: b.module.slice(5), imported: b.imported } : b;
}

export interface NamedImport {
  /** The expression to use in code: the local name, or `ns.name` for a namespace/module binding. */
  ref: string;
  /** The edit that adds or extends the import; undefined when the name is already available. */
  edit?: TextEdit;
}

/**
 * The modules fixes import from (`ensureNamedImport`). Whether a fix adds an import depends on how
 * the file binds its module, which no name at the finding says: the findings kept between
 * keystrokes read it from the signature (`fixImportBindings`, typescript/statementReuse.ts).
 */
const FIX_IMPORT_MODULES: ReadonlySet<string> = new Set(['@aws-sdk/credential-providers']);

/** The file's bindings of the modules fixes import from, as text: `name=module:imported`, in source order. */
export function fixImportBindings(sf: ts.SourceFile): string {
  const out: string[] = [];
  for (const [name, b] of moduleBindings(sf)) if (FIX_IMPORT_MODULES.has(b.module)) out.push(`${name}=${b.module}:${b.imported}`);
  return out.join(',');
}

/**
 * Makes `name` from `module` available in the file, once: reuses an existing binding (also an
 * aliased one or a namespace), extends an existing `import { … } from` / `const { … } = require()`
 * of that module, or adds an import in the file's own style (ESM or CommonJS, its quotes, its
 * semicolons) after the file's last import.
 */
export function ensureNamedImport(ctx: AnalysisContext, sf: ts.SourceFile, module: string, name: string): NamedImport {
  if (!FIX_IMPORT_MODULES.has(module)) throw new Error(`fixes importing from ${module} must list it in FIX_IMPORT_MODULES`);
  const existing = [...moduleBindings(sf)].find(([, b]) => b.module === module && b.imported === name);
  if (existing) return { ref: existing[0] };
  const ns = [...moduleBindings(sf)].find(([, b]) => b.module === module && isWholeModule(b));
  if (ns) return { ref: `${ns[0]}.${name}` };

  const extension = extendExisting(ctx, sf, module, name);
  if (extension) return { ref: name, edit: extension };

  const commonJs = usesCommonJs(sf);
  const anchor = lastModuleStatement(sf, commonJs);
  const quote = quoteStyle(sf);
  const semi = anchor ? /;\s*$/.test(anchor.getText(sf)) : usesSemicolons(sf);
  const spec = `${quote}${module}${quote}`;
  const stmt = commonJs
    ? `const { ${name} } = require(${spec})${semi ? ';' : ''}`
    : `import { ${name} } from ${spec}${semi ? ';' : ''}`;
  const eol = ctx.lines.eol();
  if (anchor) return { ref: name, edit: ctx.edit(anchor.getEnd(), anchor.getEnd(), eol + stmt) };
  const at = insertionPointAtTop(sf);
  return { ref: name, edit: ctx.edit(at, at, stmt + eol + (at < sf.text.length && blankLineNeeded(sf, at) ? eol : '')) };
}

/**
 * CommonJS when the file requires modules, or has no ES syntax and assigns `module.exports` /
 * `exports.x` or opens with `'use strict'` (ES modules are strict already, so only scripts say it).
 */
export function usesCommonJs(sf: ts.SourceFile): boolean {
  if (isCommonJs(sf)) return true;
  if (/\.(mjs|mts)$/.test(sf.fileName)) return false;
  const esm = sf.statements.some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s)
    || (ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)));
  if (esm) return false;
  const first = sf.statements[0];
  const useStrict = !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === 'use strict';
  return useStrict || /\bmodule\.exports\b|\bexports\.[A-Za-z_$][\w$]*\s*=/.test(sf.text);
}

function extendExisting(ctx: AnalysisContext, sf: ts.SourceFile, module: string, name: string): TextEdit | undefined {
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && s.moduleSpecifier.text === module
      && s.importClause && !s.importClause.isTypeOnly) {
      const nb = s.importClause.namedBindings;
      if (nb && ts.isNamedImports(nb)) return appendToList(ctx, sf, nb.elements, nb, name);
      if (!nb && s.importClause.name) return ctx.edit(s.importClause.name.getEnd(), s.importClause.name.getEnd(), `, { ${name} }`);
    }
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const target = requireTarget(d.initializer);
        if (target && target.module === module && target.imported === 'module' && ts.isObjectBindingPattern(d.name)
          && !d.name.elements.some((e) => e.dotDotDotToken)) {
          return appendToList(ctx, sf, d.name.elements, d.name, name);
        }
      }
    }
  }
  return undefined;
}

/** Adds `name` to a `{ a, b }` list, keeping its layout (one per line stays one per line). */
function appendToList(ctx: AnalysisContext, sf: ts.SourceFile, elements: ts.NodeArray<ts.Node>, braces: ts.Node, name: string): TextEdit {
  if (elements.length === 0) return ctx.edit(braces.getStart(sf), braces.getEnd(), `{ ${name} }`);
  const last = elements[elements.length - 1];
  const lastLine = sf.getLineAndCharacterOfPosition(last.getStart(sf)).line;
  const openLine = sf.getLineAndCharacterOfPosition(braces.getStart(sf)).line;
  if (lastLine !== openLine) {
    const indent = /^[ \t]*/.exec(ctx.lines.lineText(lastLine))![0];
    const eol = ctx.lines.eol();
    return elements.hasTrailingComma
      ? ctx.edit(commaAfter(sf, last), commaAfter(sf, last), `${eol}${indent}${name},`)
      : ctx.edit(last.getEnd(), last.getEnd(), `,${eol}${indent}${name}`);
  }
  return ctx.edit(last.getEnd(), last.getEnd(), `, ${name}`);
}

function commaAfter(sf: ts.SourceFile, node: ts.Node): number {
  const i = sf.text.indexOf(',', node.getEnd());
  return i < 0 ? node.getEnd() : i + 1;
}

/** The last top-level import (ESM) or `require` declaration (CommonJS): new imports go after it. */
function lastModuleStatement(sf: ts.SourceFile, commonJs: boolean): ts.Statement | undefined {
  let last: ts.Statement | undefined;
  for (const s of sf.statements) {
    if (!commonJs && (ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s))) last = s;
    if (commonJs && ts.isVariableStatement(s) && s.declarationList.declarations.some((d) => requireTarget(d.initializer))) last = s;
    if (commonJs && ts.isImportEqualsDeclaration(s)) last = s;
  }
  return last;
}

/** After a shebang, the leading comment block and `'use strict'`-style directives. */
function insertionPointAtTop(sf: ts.SourceFile): number {
  let i = 0;
  while (i < sf.statements.length && ts.isExpressionStatement(sf.statements[i]) && ts.isStringLiteral((sf.statements[i] as ts.ExpressionStatement).expression)) i++;
  if (i > 0) {
    const after = sf.statements[i - 1].getEnd();
    const nl = sf.text.indexOf('\n', after);
    return nl < 0 ? sf.text.length : nl + 1;
  }
  const first = sf.statements[0];
  if (!first) return sf.text.length;
  const start = first.getStart(sf);
  return sf.text.lastIndexOf('\n', start - 1) + 1;
}

function blankLineNeeded(sf: ts.SourceFile, at: number): boolean {
  if (/^[ \t]*\r?\n/.test(sf.text.slice(at))) return false; // one is already there
  const next = sf.statements.find((s) => s.getStart(sf) >= at);
  return !!next && !ts.isImportDeclaration(next) && !(ts.isVariableStatement(next) && next.declarationList.declarations.some((d) => requireTarget(d.initializer)));
}

/** The quote the file's module specifiers use; single quotes when it has none. */
export function quoteStyle(sf: ts.SourceFile): '"' | "'" {
  for (const s of sf.statements) {
    let spec: ts.Node | undefined;
    if (ts.isImportDeclaration(s)) spec = s.moduleSpecifier;
    else if (ts.isVariableStatement(s)) {
      const init = s.declarationList.declarations[0]?.initializer;
      if (init && ts.isCallExpression(init) && init.arguments[0] && ts.isStringLiteral(init.arguments[0])) spec = init.arguments[0];
    }
    if (spec) return sf.text[spec.getStart(sf)] === '"' ? '"' : "'";
  }
  const firstString = /(['"])(?:(?!\1)[^\\\n]|\\.)*\1/.exec(sf.text);
  return firstString?.[1] === '"' ? '"' : "'";
}

/** Whether the file ends its statements with semicolons (judged on its first few statements). */
export function usesSemicolons(sf: ts.SourceFile): boolean {
  const sample = sf.statements.slice(0, 8).filter((s) => ts.isVariableStatement(s) || ts.isExpressionStatement(s) || ts.isImportDeclaration(s));
  if (!sample.length) return true;
  return sample.filter((s) => s.getText(sf).trimEnd().endsWith(';')).length * 2 >= sample.length;
}
