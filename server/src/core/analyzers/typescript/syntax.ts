import ts from 'typescript';
import { detectValue } from '../../secrets/index.js';

/** Small, shared helpers over the TypeScript syntax tree (no type checker anywhere). */

/** The text of a property name, identifier or string-literal key. */
export function nameText(name: ts.Node | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  if (ts.isPropertyAccessExpression(name)) return name.name.text;
  if (ts.isElementAccessExpression(name) && ts.isStringLiteralLike(name.argumentExpression)) return name.argumentExpression.text;
  return undefined;
}

/** The callee's last name: `fetch`, `axios.get` → `get`, `new Foo()` → `Foo`. */
export function calleeName(expr: ts.Expression): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) return expr.name.text;
  return undefined;
}

/** `a.b.c` as text for property-access chains of identifiers, else undefined. */
export function dottedName(expr: ts.Node): string | undefined {
  if (ts.isIdentifier(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr)) {
    const left = dottedName(expr.expression);
    return left ? `${left}.${expr.name.text}` : undefined;
  }
  if (expr.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  return undefined;
}

/**
 * The name that holds a literal: the variable, property, parameter, assignment target or JSX
 * attribute it initialises; for `headers.set('X-Api-Key', '…')` the header name.
 */
export function holderOf(node: ts.Node): string | undefined {
  let n: ts.Node = node;
  // Climb through wrappers that do not change which name holds the value.
  while (n.parent && (ts.isTemplateSpan(n.parent) || ts.isTemplateExpression(n.parent) || ts.isParenthesizedExpression(n.parent)
    || ts.isAsExpression(n.parent) || ts.isSatisfiesExpression(n.parent) || ts.isNonNullExpression(n.parent)
    || (ts.isBinaryExpression(n.parent) && n.parent.operatorToken.kind === ts.SyntaxKind.PlusToken)
    || ts.isJsxExpression(n.parent))) n = n.parent;
  const p = n.parent;
  if (!p) return undefined;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p) || ts.isPropertyDeclaration(p)) && p.initializer === n) return nameText(p.name);
  if (ts.isPropertyAssignment(p) && p.initializer === n) return nameText(p.name);
  if (ts.isJsxAttribute(p)) return nameText(p.name as ts.Node);
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === n) return nameText(p.left);
  if (ts.isCallExpression(p) && p.arguments.length >= 2 && p.arguments[1] === n && ts.isStringLiteralLike(p.arguments[0])) return p.arguments[0].text;
  return undefined;
}

/** Enclosing declarations, outermost first: `registerTools > fetchWeather`. Stable under line moves. */
export function symbolPathOf(node: ts.Node): string | undefined {
  const names: string[] = [];
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    let name: string | undefined;
    if (ts.isFunctionDeclaration(n) || ts.isClassDeclaration(n) || ts.isMethodDeclaration(n) || ts.isInterfaceDeclaration(n)
      || ts.isModuleDeclaration(n) || ts.isEnumDeclaration(n) || ts.isGetAccessor(n) || ts.isSetAccessor(n)) name = nameText(n.name);
    else if (ts.isVariableDeclaration(n) || ts.isPropertyAssignment(n) || ts.isPropertyDeclaration(n)) name = nameText(n.name);
    else if ((ts.isFunctionExpression(n) || ts.isArrowFunction(n)) && ts.isCallExpression(n.parent)) {
      const call = n.parent;
      const first = call.arguments[0];
      const callee = calleeName(call.expression);
      // The first string argument names the handler (`tool(forecast)`), unless it could be a secret.
      const label = first && ts.isStringLiteralLike(first) && isSafeLabel(first.text) ? `(${first.text})` : '';
      name = callee ? `${callee}${label}` : undefined;
    }
    if (name) names.unshift(name);
  }
  return names.length ? names.join(' > ') : undefined;
}

/** Short identifier-like text that is no credential: safe to show in symbol paths and baselines. */
function isSafeLabel(text: string): boolean {
  return text.length <= 48 && /^[\w .:/-]*$/.test(text) && detectValue(text) === undefined;
}

/** Every node of the tree, depth first. */
export function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  // An explicit stack, not recursion: a generated 20,000-term `a + b + …` chain must not overflow.
  const stack: ts.Node[] = [node];
  const children = new ChildStacker();
  while (stack.length) {
    const n = stack.pop()!;
    visit(n);
    children.push(n, stack);
  }
}

/**
 * Pushes a node's children onto a walk's stack in reverse, so they pop in source order. One per
 * walk: one closure per walk, not per node, and one buffer, reused by count. Emptying a buffer
 * with `length = 0` makes V8 drop its storage, so every node with children allocated a new one
 * (22 kB of each 1,000-line keystroke's garbage).
 */
export class ChildStacker {
  private readonly buffer: ts.Node[] = [];
  private count = 0;
  private readonly collect = (c: ts.Node): void => { this.buffer[this.count++] = c; };

  push(n: ts.Node, stack: ts.Node[]): void {
    this.count = 0;
    ts.forEachChild(n, this.collect);
    for (let i = this.count - 1; i >= 0; i--) stack.push(this.buffer[i]);
  }
}

/** True for a file that uses CommonJS (`require`) rather than ES imports. */
export function isCommonJs(sf: ts.SourceFile): boolean {
  if (sf.fileName.endsWith('.cjs') || sf.fileName.endsWith('.cts')) return true;
  if (sf.fileName.endsWith('.mjs') || sf.fileName.endsWith('.mts')) return false;
  const hasImport = sf.statements.some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s));
  return !hasImport && /\brequire\s*\(/.test(sf.text);
}
