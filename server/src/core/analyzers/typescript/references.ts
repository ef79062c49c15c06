import ts from 'typescript';
import { noteScopeSearch } from './dataflow/fileIndex.js';

/** Where a declaration's name is an identifier that merely labels something, not a use of a binding. */
function isNonReferenceName(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return true;
  if (ts.isQualifiedName(p) && p.right === id) return true;
  if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) || ts.isPropertySignature(p)
    || ts.isMethodSignature(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p) || ts.isEnumMember(p)) && p.name === id) return true;
  if (ts.isBindingElement(p) && p.propertyName === id) return true;
  if (ts.isJsxAttribute(p) && p.name === id) return true;
  if ((ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) && p.label === id) return true;
  if ((ts.isImportSpecifier(p) || ts.isExportSpecifier(p)) && p.propertyName === id) return true;
  return false;
}

/** A node that declares `id` as a new binding (which would shadow the one we follow). */
function declaresIt(id: ts.Identifier): boolean {
  const p = id.parent;
  return ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p) || ts.isFunctionDeclaration(p)
    || ts.isFunctionExpression(p) || ts.isClassDeclaration(p) || ts.isClassExpression(p) || ts.isImportSpecifier(p)
    || ts.isImportClause(p) || ts.isNamespaceImport(p)) && (p as { name?: ts.Node }).name === id);
}

/**
 * Every use of a variable in its scope (the enclosing block for `const`/`let`, the function for
 * `var`), without a type checker. `name` is the declared identifier: a variable's name or a name
 * in its destructuring pattern. Undefined when a nested declaration of the same name shadows it:
 * then which identifier is which cannot be told cheaply, and callers should not rewrite.
 */
export function referencesOf(name: ts.Identifier): ts.Identifier[] | undefined {
  let decl: ts.Node = name.parent;
  while (ts.isBindingElement(decl) || ts.isObjectBindingPattern(decl) || ts.isArrayBindingPattern(decl)) decl = decl.parent;
  if (!ts.isVariableDeclaration(decl)) return undefined;
  const text = name.text;
  const list = decl.parent;
  const blockScoped = ts.isVariableDeclarationList(list) && (list.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let)) !== 0;
  let scope: ts.Node | undefined = list.parent;
  if (ts.isVariableStatement(scope)) scope = scope.parent;
  if (!blockScoped) while (scope && !ts.isSourceFile(scope) && !ts.isFunctionLike(scope)) scope = scope.parent;
  if (!scope) return undefined;
  noteScopeSearch(scope);
  const out: ts.Identifier[] = [];
  let shadowed = false;
  const visit = (n: ts.Node): void => {
    if (shadowed) return;
    if (ts.isIdentifier(n) && n.text === text && n !== name) {
      if (declaresIt(n)) { shadowed = true; return; }
      if (!isNonReferenceName(n)) out.push(n);
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return shadowed ? undefined : out;
}
