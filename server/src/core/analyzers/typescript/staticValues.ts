import ts from 'typescript';
import { nameText } from './syntax.js';
import { memoSlot } from '../../memo.js';

/**
 * What a rule can know about a value without a type checker: literals, templates, `+`, and
 * `const` bindings of the same file, found by walking the enclosing scopes.
 */

/** Stands for a part of a string that is not known statically (a parameter, a call result). */
export const UNKNOWN = '\u0000';

const MAX_DEPTH = 8;

/** Strips wrappers that do not change a value: parentheses, `as`, `satisfies`, `!`, `<T>x`. */
export function unwrap(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e)
    || ts.isTypeAssertionExpression(e)) e = e.expression;
  return e;
}

function isScopeWithStatements(n: ts.Node): n is ts.Block | ts.SourceFile | ts.ModuleBlock | ts.CaseClause | ts.DefaultClause {
  return ts.isBlock(n) || ts.isSourceFile(n) || ts.isModuleBlock(n) || ts.isCaseClause(n) || ts.isDefaultClause(n);
}

function bindsName(name: ts.BindingName, text: string): boolean {
  if (ts.isIdentifier(name)) return name.text === text;
  return name.elements.some((el) => !ts.isOmittedExpression(el) && bindsName(el.name, text));
}

/**
 * The variable declaration that binds an identifier, searching the enclosing scopes outwards; its
 * name may be a destructuring pattern. `'parameter'` when a parameter or catch binding binds it;
 * undefined when a function/class binds it or the file does not declare it.
 */
export function bindingOf(id: ts.Identifier): ts.VariableDeclaration | 'parameter' | undefined {
  const text = id.text;
  for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n) && n.parameters.some((p) => bindsName(p.name, text))) return 'parameter';
    if (ts.isCatchClause(n) && n.variableDeclaration && bindsName(n.variableDeclaration.name, text)) return 'parameter';
    if ((ts.isForStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n)) && n.initializer && ts.isVariableDeclarationList(n.initializer)) {
      const d = n.initializer.declarations.find((x) => bindsName(x.name, text));
      if (d) return d;
    }
    if (!isScopeWithStatements(n)) continue;
    const found = statementBindings(n).get(text);
    if (found !== undefined) return found ?? undefined;
  }
  return undefined;
}

/**
 * For each name a scope's statements bind, what the first statement binding it declares: the
 * variable declaration, or null for a function, class or enum. The same answer as scanning the
 * statements in order for each lookup, which cost a pass over every top-level statement per
 * identifier resolved on a large file. Kept per node: a node reused by an incremental parse keeps
 * its statements unchanged, and an edited scope is a new node.
 */
const statementBindingsCache = memoSlot<ts.Node, Map<string, ts.VariableDeclaration | null>>('statement bindings'); // on the scope node (memo.ts)

function statementBindings(scope: ts.Block | ts.SourceFile | ts.ModuleBlock | ts.CaseClause | ts.DefaultClause): Map<string, ts.VariableDeclaration | null> {
  let map = statementBindingsCache.get(scope);
  if (map) return map;
  const table = (map = new Map());
  const add = (name: string, value: ts.VariableDeclaration | null) => { if (!table.has(name)) table.set(name, value); };
  const addNames = (name: ts.BindingName, d: ts.VariableDeclaration): void => {
    if (ts.isIdentifier(name)) add(name.text, d);
    else for (const el of name.elements) if (!ts.isOmittedExpression(el)) addNames(el.name, d);
  };
  for (const s of scope.statements) {
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) addNames(d.name, d);
    } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) && s.name) {
      add(s.name.text, null);
    }
  }
  statementBindingsCache.set(scope, map);
  return map;
}

/** The declaration `const|let|var id = …` an identifier refers to (not a destructured one). */
export function declarationOf(id: ts.Identifier): ts.VariableDeclaration | undefined {
  const d = bindingOf(id);
  return d && d !== 'parameter' && ts.isIdentifier(d.name) ? d : undefined;
}

export function isConst(d: ts.VariableDeclaration): boolean {
  return ts.isVariableDeclarationList(d.parent) && (d.parent.flags & ts.NodeFlags.Const) !== 0;
}

/** The initializer of the `const` an identifier names, unwrapped; undefined for anything else. */
export function constInitializer(id: ts.Identifier): ts.Expression | undefined {
  const d = declarationOf(id);
  return d && isConst(d) && d.initializer ? unwrap(d.initializer) : undefined;
}

/**
 * A string expression's text where it is known: literals, templates, `+`, same-file consts,
 * `CONST.prop` of a const object, `new URL(path, base)`. Unknown parts become UNKNOWN; a value
 * with nothing known is undefined.
 */
export function staticString(expr: ts.Expression, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const e = unwrap(expr);
  if (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e)) return e.text;
  if (ts.isTemplateExpression(e)) {
    let out = e.head.text;
    for (const span of e.templateSpans) out += (staticString(span.expression, depth + 1) ?? UNKNOWN) + span.literal.text;
    return out;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const l = staticString(e.left, depth + 1);
    const r = staticString(e.right, depth + 1);
    return l === undefined && r === undefined ? undefined : (l ?? UNKNOWN) + (r ?? UNKNOWN);
  }
  if (ts.isIdentifier(e)) {
    const init = constInitializer(e);
    return init ? staticString(init, depth + 1) : undefined;
  }
  if (ts.isPropertyAccessExpression(e)) {
    if (e.name.text === 'href') return staticString(e.expression, depth + 1);
    const obj = objectLiteralOf(e.expression, depth + 1);
    const prop = obj && findProperty(obj, e.name.text);
    return prop && prop !== 'unknown' ? staticString(prop.value, depth + 1) : undefined;
  }
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'toString' && e.arguments.length === 0) {
    return staticString(e.expression.expression, depth + 1);
  }
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'URL' && e.arguments?.length) {
    const path = staticString(e.arguments[0], depth + 1);
    if (e.arguments.length === 1 || path === undefined || /^[a-z]+:/i.test(path)) return path;
    const base = staticString(e.arguments[1], depth + 1);
    if (base === undefined) return undefined;
    const origin = /^[a-z]+:\/\/[^/]*/i.exec(base)?.[0];
    if (path.startsWith('/')) return origin !== undefined ? origin + path : undefined;
    return base.replace(/[^/]*$/, '') + path;
  }
  return undefined;
}

/** The object literal an expression denotes: itself, or the same-file const it names. */
export function objectLiteralOf(expr: ts.Expression, depth = 0): ts.ObjectLiteralExpression | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const e = unwrap(expr);
  if (ts.isObjectLiteralExpression(e)) return e;
  if (ts.isIdentifier(e)) {
    const init = constInitializer(e);
    return init ? objectLiteralOf(init, depth + 1) : undefined;
  }
  return undefined;
}

export interface FoundProperty {
  prop: ts.PropertyAssignment | ts.ShorthandPropertyAssignment;
  /** The value expression (for a shorthand property, its identifier). */
  value: ts.Expression;
}

/**
 * A property of an object literal by name (or name predicate). `'unknown'` when it is absent but
 * a spread or computed key could supply it, so callers can stay silent rather than guess.
 */
export function findProperty(obj: ts.ObjectLiteralExpression, name: string | ((key: string) => boolean)): FoundProperty | 'unknown' | undefined {
  const matches = typeof name === 'string' ? (k: string) => k === name : name;
  let unknown = false;
  for (let i = obj.properties.length - 1; i >= 0; i--) { // the last one wins at run time
    const p = obj.properties[i];
    if (ts.isSpreadAssignment(p)) { unknown = true; continue; }
    const key = nameText(p.name);
    if (key === undefined) { if (p.name && ts.isComputedPropertyName(p.name)) unknown = true; continue; }
    if (!matches(key)) continue;
    if (ts.isPropertyAssignment(p)) return { prop: p, value: p.initializer };
    if (ts.isShorthandPropertyAssignment(p)) return { prop: p, value: p.name };
    return 'unknown'; // a method or accessor
  }
  return unknown ? 'unknown' : undefined;
}

/** `process.env.NAME` / `process.env['NAME']` → NAME. */
export function envVarName(expr: ts.Expression): string | undefined {
  const e = unwrap(expr);
  if (ts.isPropertyAccessExpression(e) && isProcessEnv(e.expression)) return e.name.text;
  if (ts.isElementAccessExpression(e) && isProcessEnv(e.expression) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text;
  return undefined;
}

export function isProcessEnv(expr: ts.Expression): boolean {
  const e = unwrap(expr);
  return ts.isPropertyAccessExpression(e) && e.name.text === 'env' && ts.isIdentifier(e.expression) && e.expression.text === 'process';
}
