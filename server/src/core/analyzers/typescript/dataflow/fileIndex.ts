import ts from 'typescript';
import { ChildStacker, nameText } from '../syntax.js';
import { isKeptForEdits } from '../parse.js';
import { noteModuleSearch, statementHolding } from '../../keptFindings.js';
import { lowerBoundBy } from '../../../text/sorted.js';
import { memoSlot } from '../../../memo.js';

/**
 * One walk over a source file that records what the data-flow layer and the lifecycle rules need:
 * lexical scopes with their bindings, the values assigned to each binding, the expressions each
 * function returns, and the node lists the rules iterate (calls, `new`, `try`, templates…).
 * Everything after this walk works from these tables or by climbing `parent` pointers, never by
 * walking the tree again.
 */

/**
 * A step of a read through a value: a property name, `#` for a numeric index or an array
 * element, `*` for a computed key or a rest element.
 */
export type PathStep = string;

/** Where a binding's value comes from: `expr` read through `path` (destructuring). */
export interface ValueRef {
  expr: ts.Expression;
  path: readonly PathStep[];
}

export type BindingKind = 'const' | 'let' | 'var' | 'param' | 'function' | 'class' | 'import' | 'catch' | 'loop';

export interface Binding {
  name: string;
  /** The declaring identifier. */
  id: ts.Identifier;
  kind: BindingKind;
  /** The node that owns the scope the binding lives in (a SourceFile, function, block…). */
  scope: ts.Node;
  /** Initializer and every later `=`, `??=`, `||=`, `&&=`, `+=` of the same binding. */
  values: ValueRef[];
  /** The assignment expressions (not the initializer) that wrote it, for rules that care where. */
  writes: ts.BinaryExpression[];
  /** Value supplied from outside the file's view: a parameter, an import, a catch variable. */
  opaque: boolean;
  /** The declaration node (VariableDeclaration, ParameterDeclaration, FunctionDeclaration…). */
  decl: ts.Node;
  /** For `function f` / `class C`: the function or class itself. */
  fn?: ts.FunctionLikeDeclaration;
  /**
   * Set once the index that created the binding is complete: it lives in a scope inside a reused
   * statement, and later indexes take it over as it is (`ScopedReplay`), writes included.
   */
  settled?: true;
}

export type FunctionLike = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration
  | ts.ConstructorDeclaration | ts.GetAccessorDeclaration | ts.SetAccessorDeclaration;

export interface FileIndex {
  sf: ts.SourceFile;
  scopes: Map<ts.Node, Map<string, Binding>>;
  /** Every binding, in source order. */
  bindings: Binding[];
  /** Returned expressions of each function (a concise arrow body counts), nested functions excluded. */
  returns: Map<ts.Node, ts.Expression[]>;
  calls: ts.CallExpression[];
  news: ts.NewExpression[];
  tries: ts.TryStatement[];
  throws: ts.ThrowStatement[];
  templates: ts.TemplateExpression[];
  /** Outermost `a + b + …` chains. */
  plusChains: ts.BinaryExpression[];
  /** String literals that look like a URL query (`…?x=…`, `…&x=…`). */
  queryLiterals: (ts.StringLiteral | ts.NoSubstitutionTemplateLiteral)[];
  /** Every string literal and template literal part, in source order (hardcoded-credential's input). */
  literals: (ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateHead | ts.TemplateMiddle | ts.TemplateTail)[];
  /** Property assignments whose key is `headers`, `inputSchema`, `properties`, `params` or `searchParams`. */
  keyedProperties: Map<string, ts.PropertyAssignment[]>;
  /** `x = …` / `x.y = …` / compound assignments, in source order. */
  assignments: ts.BinaryExpression[];
  /** The quote character the file's first string literal uses (for inserted strings). */
  quote: '\'' | '"';
  /** Names imported from modules, `name → module specifier`. */
  importedFrom: Map<string, string>;
  /** Identifier → binding, filled as identifiers are resolved (`null`: a global). */
  resolved: Map<ts.Identifier, Binding | null>;
}

const KEYED = new Set(['headers', 'inputSchema', 'properties', 'params', 'searchParams']);

// Kinds as plain numbers: this switch runs on every node of every keystroke's parse, and reading
// `ts.SyntaxKind.X` through the module object in each case costs as much as the walk itself.
const ARROW_FUNCTION = ts.SyntaxKind.ArrowFunction;
const BINARY_EXPRESSION = ts.SyntaxKind.BinaryExpression;
const CALL_EXPRESSION = ts.SyntaxKind.CallExpression;
const CATCH_CLAUSE = ts.SyntaxKind.CatchClause;
const CLASS_DECLARATION = ts.SyntaxKind.ClassDeclaration;
const FUNCTION_DECLARATION = ts.SyntaxKind.FunctionDeclaration;
const FUNCTION_EXPRESSION = ts.SyntaxKind.FunctionExpression;
const IMPORT_DECLARATION = ts.SyntaxKind.ImportDeclaration;
const IMPORT_EQUALS_DECLARATION = ts.SyntaxKind.ImportEqualsDeclaration;
const NEW_EXPRESSION = ts.SyntaxKind.NewExpression;
const NO_SUBSTITUTION_TEMPLATE_LITERAL = ts.SyntaxKind.NoSubstitutionTemplateLiteral;
const PARAMETER = ts.SyntaxKind.Parameter;
const PROPERTY_ASSIGNMENT = ts.SyntaxKind.PropertyAssignment;
const RETURN_STATEMENT = ts.SyntaxKind.ReturnStatement;
const STRING_LITERAL = ts.SyntaxKind.StringLiteral;
const TEMPLATE_EXPRESSION = ts.SyntaxKind.TemplateExpression;
const TEMPLATE_HEAD = ts.SyntaxKind.TemplateHead;
const TEMPLATE_MIDDLE = ts.SyntaxKind.TemplateMiddle;
const TEMPLATE_TAIL = ts.SyntaxKind.TemplateTail;
const THROW_STATEMENT = ts.SyntaxKind.ThrowStatement;
const TRY_STATEMENT = ts.SyntaxKind.TryStatement;
const VARIABLE_DECLARATION = ts.SyntaxKind.VariableDeclaration;

// Kind tables: these tests run for every ancestor of every declaration on each keystroke, and a
// chain of `ts.isX` calls per ancestor cost more than the rest of the index build.
const FUNCTION_KINDS = new Uint8Array(ts.SyntaxKind.Count);
for (const k of [FUNCTION_DECLARATION, FUNCTION_EXPRESSION, ARROW_FUNCTION, ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor, ts.SyntaxKind.GetAccessor, ts.SyntaxKind.SetAccessor]) FUNCTION_KINDS[k] = 1;
/** Kinds that always open a scope (a Block does unless it is a function's or catch clause's body). */
const SCOPE_KINDS = FUNCTION_KINDS.slice();
for (const k of [ts.SyntaxKind.SourceFile, CATCH_CLAUSE, ts.SyntaxKind.CaseBlock, CLASS_DECLARATION, ts.SyntaxKind.ClassExpression,
  ts.SyntaxKind.ModuleBlock, ts.SyntaxKind.ForStatement, ts.SyntaxKind.ForInStatement, ts.SyntaxKind.ForOfStatement]) SCOPE_KINDS[k] = 1;
/** Where a `var` lives: the file, a function or a namespace body. */
const FUNCTION_SCOPE_KINDS = FUNCTION_KINDS.slice();
FUNCTION_SCOPE_KINDS[ts.SyntaxKind.SourceFile] = 1;
FUNCTION_SCOPE_KINDS[ts.SyntaxKind.ModuleBlock] = 1;

export function isFunctionLike(n: ts.Node): n is FunctionLike {
  return FUNCTION_KINDS[n.kind] === 1;
}

/** Nodes that open a lexical scope. A function's body block shares the function's scope. */
function opensScope(n: ts.Node): boolean {
  if (SCOPE_KINDS[n.kind]) return true;
  if (n.kind === ts.SyntaxKind.Block) return !(n.parent && (FUNCTION_KINDS[n.parent.kind] || n.parent.kind === CATCH_CLAUSE));
  return false;
}

/** The scope node that a declaration at `n` belongs to (`var` climbs to the function). */
function scopeFor(n: ts.Node, functionScoped: boolean): ts.Node {
  for (let p: ts.Node | undefined = n.parent; p; p = p.parent) {
    if (functionScoped ? FUNCTION_SCOPE_KINDS[p.kind] : opensScope(p)) return p;
  }
  return n.getSourceFile();
}

const ASSIGN_OPS = new Set([
  ts.SyntaxKind.EqualsToken, ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken, ts.SyntaxKind.PlusEqualsToken,
]);

export function buildFileIndex(sf: ts.SourceFile): FileIndex {
  const idx: FileIndex = {
    sf, scopes: new Map(), bindings: [], returns: new Map(), calls: [], news: [], tries: [], throws: [], templates: [],
    plusChains: [], queryLiterals: [], literals: [], keyedProperties: new Map(), assignments: [], quote: '\'', importedFrom: new Map(), resolved: new Map(),
  };

  // Set while a reused statement's declarations are visited for the first time: records what a
  // later replay can take over as it is.
  let capture: Capture | undefined;
  const captured: Binding[] = [];

  const declare = (id: ts.Identifier, kind: BindingKind, scope: ts.Node, decl: ts.Node, value?: ValueRef, fn?: ts.FunctionLikeDeclaration) => {
    const inner = capture?.files(scope) ?? false;
    let table = idx.scopes.get(scope);
    if (!table) {
      idx.scopes.set(scope, (table = new Map()));
      if (inner) capture!.scopes.push([scope, table]);
    }
    const existing = table.get(id.text);
    // `var x` twice, or a function overload list: one binding, more values.
    if (existing) {
      if (value) existing.values.push(value);
      // Overload signatures come first; the implementation is the one with a body.
      if (fn?.body && !existing.fn?.body) existing.fn = fn;
      return;
    }
    const opaque = kind === 'param' || kind === 'import' || kind === 'catch';
    const b: Binding = { name: id.text, id, kind, scope, values: value ? [value] : [], writes: [], opaque, decl, fn };
    table.set(id.text, b);
    idx.bindings.push(b);
    if (inner) { capture!.items.push(b); captured.push(b); }
  };

  /** Files `expr` among the values `fn` returns. */
  const addReturn = (fn: ts.Node, expr: ts.Expression) => {
    const inner = capture?.files(fn) ?? false;
    const list = idx.returns.get(fn);
    if (list) { list.push(expr); return; }
    const fresh = [expr];
    idx.returns.set(fn, fresh);
    if (inner) capture!.items.push({ fn, list: fresh });
  };

  /** Names of a binding pattern with the path each one reads from the initializer. */
  const declarePattern = (name: ts.BindingName, kind: BindingKind, scope: ts.Node, decl: ts.Node, init: ts.Expression | undefined, path: PathStep[]) => {
    if (ts.isIdentifier(name)) {
      declare(name, kind, scope, decl, init ? { expr: init, path } : undefined);
      return;
    }
    name.elements.forEach((el) => {
      if (ts.isOmittedExpression(el)) return;
      let step: PathStep;
      if (ts.isObjectBindingPattern(name)) step = el.dotDotDotToken ? '*' : nameText(el.propertyName ?? el.name) ?? '*';
      else step = el.dotDotDotToken ? '*' : '#';
      declarePattern(el.name, kind, scope, decl, init, [...path, step]);
      // A default (`{ key = process.env.KEY }`) is another possible value.
      if (el.initializer && ts.isIdentifier(el.name)) declare(el.name, kind, scope, decl, { expr: el.initializer, path: [] });
    });
  };

  const enclosingFunction = (n: ts.Node): ts.Node | undefined => {
    for (let p = n.parent; p; p = p.parent) if (isFunctionLike(p)) return p;
    return undefined;
  };

  const visit = (n: ts.Node): void => {
    switch (n.kind) {
      case VARIABLE_DECLARATION: {
        const d = n as ts.VariableDeclaration;
        const list = d.parent;
        if (ts.isCatchClause(list)) break; // declared with the catch clause below
        const flags = ts.isVariableDeclarationList(list) ? list.flags : 0;
        const kind: BindingKind = flags & ts.NodeFlags.Const ? 'const' : flags & ts.NodeFlags.Let ? 'let' : 'var';
        const inLoopHead = ts.isVariableDeclarationList(list) && (ts.isForOfStatement(list.parent) || ts.isForInStatement(list.parent));
        const scope = scopeFor(d, kind === 'var');
        // `for (x of xs)`: an element of `xs`; `for (k in o)`: a property name, never a secret.
        if (inLoopHead) declarePattern(d.name, 'loop', scope, d, ts.isForOfStatement(list.parent) ? list.parent.expression : undefined, ['#']);
        else declarePattern(d.name, kind, scope, d, d.initializer, []);
        break;
      }
      case PARAMETER: {
        const p = n as ts.ParameterDeclaration;
        if (p.parent && isFunctionLike(p.parent)) declarePattern(p.name, 'param', p.parent, p, p.initializer, []);
        break;
      }
      case FUNCTION_DECLARATION: {
        const f = n as ts.FunctionDeclaration;
        if (f.name) declare(f.name, 'function', scopeFor(f, false), f, undefined, f);
        break;
      }
      case FUNCTION_EXPRESSION: {
        const f = n as ts.FunctionExpression;
        if (f.name) declare(f.name, 'function', f, f, undefined, f);
        break;
      }
      case CLASS_DECLARATION: {
        const c = n as ts.ClassDeclaration;
        if (c.name) declare(c.name, 'class', scopeFor(c, false), c);
        break;
      }
      case CATCH_CLAUSE: {
        const c = n as ts.CatchClause;
        if (c.variableDeclaration) declarePattern(c.variableDeclaration.name, 'catch', c, c.variableDeclaration, undefined, []);
        break;
      }
      case IMPORT_DECLARATION: {
        const imp = n as ts.ImportDeclaration;
        const from = ts.isStringLiteral(imp.moduleSpecifier) ? imp.moduleSpecifier.text : '';
        const clause = imp.importClause;
        if (clause?.name) { declare(clause.name, 'import', sf, imp); idx.importedFrom.set(clause.name.text, from); }
        const nb = clause?.namedBindings;
        if (nb && ts.isNamespaceImport(nb)) { declare(nb.name, 'import', sf, imp); idx.importedFrom.set(nb.name.text, from); }
        if (nb && ts.isNamedImports(nb)) for (const s of nb.elements) { declare(s.name, 'import', sf, imp); idx.importedFrom.set(s.name.text, from); }
        break;
      }
      case IMPORT_EQUALS_DECLARATION: {
        const imp = n as ts.ImportEqualsDeclaration;
        declare(imp.name, 'import', sf, imp);
        break;
      }
      case RETURN_STATEMENT: {
        const r = n as ts.ReturnStatement;
        const fn = enclosingFunction(r);
        if (fn && r.expression) addReturn(fn, r.expression);
        break;
      }
      case ARROW_FUNCTION: {
        const a = n as ts.ArrowFunction;
        if (!ts.isBlock(a.body)) addReturn(a, a.body);
        break;
      }
    }
  };
  walkIndexed(sf, (n) => { if (SCOPED[n.kind]) visit(n); else classifyPure(n, idx); }, (seg, root) => {
    const facts = (seg.facts ??= factsOf(seg.nodes));
    appendFacts(idx, facts);
    if (seg.scoped) { replayScoped(idx, seg.scoped, visit); return; }
    // First replay: visit the declarations and note which of them a later replay can take over.
    const c = (capture = new Capture(root));
    let mixed = false;
    for (const n of facts.scoped) {
      c.inner = c.outer = false;
      visit(n);
      if (c.inner && !c.outer) continue;
      // Visited again on every replay: it files into a scope outside the statement, or it filed
      // nothing, which may be because of where the statement sits (a `return` a reparse moves
      // into a function). One filing both inside and outside cannot be split: the file's own
      // declarations never do, but if one did, its statement is simply visited every time.
      c.items.push(n);
      if (c.inner) mixed = true;
    }
    capture = undefined;
    if (!mixed) seg.scoped = c;
  });
  idx.quote = quoteOf(sf, idx.literals);

  // Assignments are resolved once every declaration is known (functions and `var` are hoisted).
  for (const a of idx.assignments) {
    const left = skipParens(a.left);
    if (ts.isIdentifier(left)) {
      const b = resolveIn(idx, left);
      if (b && !b.settled) { b.values.push({ expr: a.right, path: [] }); b.writes.push(a); }
    } else if (ts.isObjectLiteralExpression(left) && a.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      // `({ a, b: c } = obj)`: each target reads its property of the right-hand side.
      for (const p of left.properties) {
        const target = ts.isShorthandPropertyAssignment(p) ? p.name : ts.isPropertyAssignment(p) && ts.isIdentifier(p.initializer) ? p.initializer : undefined;
        const key = ts.isShorthandPropertyAssignment(p) || ts.isPropertyAssignment(p) ? nameText(p.name) : undefined;
        if (!target || !key) continue;
        const b = resolveIn(idx, target);
        if (b && !b.settled) { b.values.push({ expr: a.right, path: [key] }); b.writes.push(a); }
      }
    }
  }
  // Their writes are in: an assignment that reaches them lies inside their statement, which is
  // only ever replayed from now on, so no later index adds to them.
  for (const b of captured) b.settled = true;
  return idx;
}

/**
 * Nodes `ts.updateSourceFile` hands over unchanged from the previous tree when an edit lies
 * elsewhere: statements, declarations, class members and switch clauses. A reused node keeps its
 * whole subtree (the parser does not descend into it; only positions shift), so the list of its
 * indexed descendants can be kept with it and replayed on the next keystroke.
 */
const REUSABLE = new Uint8Array(ts.SyntaxKind.Count);
for (let k = ts.SyntaxKind.FirstStatement; k <= ts.SyntaxKind.LastStatement; k++) REUSABLE[k] = 1;
for (const k of [FUNCTION_DECLARATION, CLASS_DECLARATION, ts.SyntaxKind.InterfaceDeclaration, ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.EnumDeclaration, ts.SyntaxKind.ModuleDeclaration, IMPORT_EQUALS_DECLARATION, IMPORT_DECLARATION,
  ts.SyntaxKind.ExportAssignment, ts.SyntaxKind.ExportDeclaration, ts.SyntaxKind.PropertyDeclaration, ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor, ts.SyntaxKind.GetAccessor, ts.SyntaxKind.SetAccessor, ts.SyntaxKind.ClassStaticBlockDeclaration,
  ts.SyntaxKind.CaseClause, ts.SyntaxKind.DefaultClause]) REUSABLE[k] = 1;

/**
 * The node lists whose entries depend on a node and its own subtree only (never on where the
 * subtree sits), so a reused statement's share of them can be replayed as it is.
 */
type PureFacts = Pick<FileIndex, 'calls' | 'news' | 'tries' | 'throws' | 'templates' | 'plusChains' | 'queryLiterals' | 'literals'
  | 'keyedProperties' | 'assignments'>;

/** A reused statement's pure facts, and the nodes whose entries depend on enclosing scopes. */
interface Facts extends PureFacts { scoped: ts.Node[] }

/** Declarations and returns: their bindings name a scope, their returns a function, found by climbing out. */
const SCOPED = new Uint8Array(ts.SyntaxKind.Count);
for (const k of [VARIABLE_DECLARATION, PARAMETER, FUNCTION_DECLARATION, FUNCTION_EXPRESSION, CLASS_DECLARATION, CATCH_CLAUSE,
  IMPORT_DECLARATION, IMPORT_EQUALS_DECLARATION, RETURN_STATEMENT, ARROW_FUNCTION]) SCOPED[k] = 1;

/** The kinds `buildFileIndex` looks at: SCOPED ones and those `classifyPure` files. The walk passes every other node by. */
const INDEXED = SCOPED.slice();
for (const k of [CALL_EXPRESSION, NEW_EXPRESSION, TRY_STATEMENT, THROW_STATEMENT, TEMPLATE_EXPRESSION, BINARY_EXPRESSION,
  PROPERTY_ASSIGNMENT, STRING_LITERAL, NO_SUBSTITUTION_TEMPLATE_LITERAL, TEMPLATE_HEAD, TEMPLATE_MIDDLE, TEMPLATE_TAIL]) INDEXED[k] = 1;

const QUERY_LIKE = /[?&][^=&?#\s]+=/;

/** Files a node that is not SCOPED into the lists it belongs to. */
function classifyPure(n: ts.Node, out: PureFacts): void {
  switch (n.kind) {
    case CALL_EXPRESSION: out.calls.push(n as ts.CallExpression); break;
    case NEW_EXPRESSION: out.news.push(n as ts.NewExpression); break;
    case TRY_STATEMENT: out.tries.push(n as ts.TryStatement); break;
    case THROW_STATEMENT: out.throws.push(n as ts.ThrowStatement); break;
    case TEMPLATE_EXPRESSION: out.templates.push(n as ts.TemplateExpression); break;
    case BINARY_EXPRESSION: {
      const b = n as ts.BinaryExpression;
      if (b.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        const p = b.parent;
        if (!(ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.PlusToken && p.left === b)) out.plusChains.push(b);
      } else if (ASSIGN_OPS.has(b.operatorToken.kind)) out.assignments.push(b);
      break;
    }
    case PROPERTY_ASSIGNMENT: {
      const p = n as ts.PropertyAssignment;
      const key = nameText(p.name);
      if (key && KEYED.has(key)) addKeyed(out.keyedProperties, key, [p]);
      break;
    }
    case STRING_LITERAL:
    case NO_SUBSTITUTION_TEMPLATE_LITERAL: {
      const s = n as ts.StringLiteral;
      if (QUERY_LIKE.test(s.text)) out.queryLiterals.push(s);
      out.literals.push(s);
      break;
    }
    case TEMPLATE_HEAD:
    case TEMPLATE_MIDDLE:
    case TEMPLATE_TAIL: out.literals.push(n as ts.TemplateHead | ts.TemplateMiddle | ts.TemplateTail); break;
  }
}

function addKeyed(map: Map<string, ts.PropertyAssignment[]>, key: string, props: ts.PropertyAssignment[]): void {
  const list = map.get(key);
  if (list) { for (const p of props) list.push(p); } else map.set(key, props.slice());
}

function factsOf(nodes: ts.Node[]): Facts {
  const f: Facts = {
    calls: [], news: [], tries: [], throws: [], templates: [], plusChains: [], queryLiterals: [], literals: [],
    keyedProperties: new Map(), assignments: [], scoped: [],
  };
  for (const n of nodes) if (SCOPED[n.kind]) f.scoped.push(n); else classifyPure(n, f);
  return f;
}

const PURE_LISTS = ['calls', 'news', 'tries', 'throws', 'templates', 'plusChains', 'queryLiterals', 'literals', 'assignments'] as const;

function appendFacts(idx: PureFacts, f: PureFacts): void {
  for (const k of PURE_LISTS) {
    const to = idx[k] as ts.Node[];
    for (const n of f[k] as ts.Node[]) to.push(n);
  }
  for (const [key, props] of f.keyedProperties) addKeyed(idx.keyedProperties, key, props);
}

/** The quote character of the file's first string literal (in source order), for inserted strings. */
function quoteOf(sf: ts.SourceFile, literals: readonly ts.Node[]): '\'' | '"' {
  for (const l of literals) if (l.kind === STRING_LITERAL) return sf.text.charAt(l.getStart(sf)) === '"' ? '"' : '\'';
  return '\'';
}

/**
 * A reusable node's indexed descendants (itself included), in walk order, with its width then;
 * its facts are worked out the first time it is replayed.
 */
interface Segment { width: number; nodes: ts.Node[]; facts?: Facts; scoped?: ScopedReplay }

/** A function's returned expressions, all inside the reused statement. */
interface ReturnsOf { fn: ts.Node; list: ts.Expression[] }

/**
 * What a reused statement's declarations add to the index, worked out at its first replay. A
 * scope inside the statement (a function, block or catch clause in it) is filled only by the
 * statement's own declarations and assignments, so its table, bindings and returns are taken over
 * as they are; a declaration in a scope outside it (the module's `const`, a `var` hoisted out) is
 * visited again, since that scope's table is new in every index. `items` keeps the walk's order,
 * so `bindings` lists them as a full walk would.
 */
interface ScopedReplay {
  scopes: [ts.Node, Map<string, Binding>][];
  items: (Binding | ts.Node | ReturnsOf)[];
}

class Capture implements ScopedReplay {
  scopes: [ts.Node, Map<string, Binding>][] = [];
  items: (Binding | ts.Node | ReturnsOf)[] = [];
  /** Whether the node being visited filed anything inside, and outside, the statement. */
  inner = false;
  outer = false;
  constructor(private readonly root: ts.Node) {}

  /** Notes that the node being visited files into `scope`; says whether that scope is inside the statement. */
  files(scope: ts.Node): boolean {
    const inner = this.holds(scope);
    if (inner) this.inner = true; else this.outer = true;
    return inner;
  }

  /**
   * Whether `scope` lies inside the statement. A block that is the statement itself does not
   * count: whether it opens a scope depends on its parent, which a later parse may replace.
   */
  private holds(scope: ts.Node): boolean {
    if (scope === this.root) return this.root.kind !== ts.SyntaxKind.Block;
    for (let p = scope.parent; p; p = p.parent) if (p === this.root) return true;
    return false;
  }
}

function replayScoped(idx: FileIndex, r: ScopedReplay, visit: (n: ts.Node) => void): void {
  for (const [scope, table] of r.scopes) idx.scopes.set(scope, table);
  for (const item of r.items) {
    if (typeof (item as ts.Node).kind === 'number') visit(item as ts.Node);
    else if ('list' in item) idx.returns.set(item.fn, item.list);
    else idx.bindings.push(item as Binding);
  }
}
const segments = memoSlot<ts.Node, Segment>('indexed segment');

/**
 * Calls `visit` for the nodes of `sf` whose kind is INDEXED, depth first in source order, as a
 * full walk would meet them; but a statement reused from the previous parse is handed to `replay`
 * as its remembered segment instead of being walked again, so a keystroke re-walks only the
 * statements it touched. Without recursion, like `forEachDescendant`.
 */
function walkIndexed(sf: ts.SourceFile, visit: (n: ts.Node) => void, replay: (seg: Segment, root: ts.Node) => void): void {
  const record = isKeptForEdits(sf); // a one-shot scan's tree is never updated: nothing to remember
  const out: ts.Node[] = [];
  const stack: ts.Node[] = [sf];
  // Reusable nodes being walked: the node, where its nodes start in `out`, and the stack height
  // at which its subtree is done.
  const open: { node: ts.Node; from: number; height: number }[] = [];
  const children = new ChildStacker();
  for (;;) {
    while (open.length && open[open.length - 1].height === stack.length) {
      const o = open.pop()!;
      segments.set(o.node, { width: o.node.end - o.node.pos, nodes: out.slice(o.from) });
    }
    const n = stack.pop();
    if (!n) break;
    if (record && REUSABLE[n.kind]) {
      const seg = segments.get(n);
      // The width check is a guard only: a reused node never changes size.
      if (seg && seg.width === n.end - n.pos) {
        if (open.length) for (const m of seg.nodes) out.push(m); // an enclosing segment's list includes it
        replay(seg, n);
        continue;
      }
      open.push({ node: n, from: out.length, height: stack.length });
    }
    if (INDEXED[n.kind]) {
      if (record) out.push(n);
      visit(n);
    }
    children.push(n, stack);
  }
}

/**
 * Every node under `root` (itself included), depth first in source order, without recursion: a
 * generated 20,000-term `a + b + …` must not overflow the stack. `visit` returning false skips the
 * node's children.
 */
export function forEachDescendant(root: ts.Node, visit: (n: ts.Node) => boolean | void): void {
  const stack: ts.Node[] = [root];
  const children = new ChildStacker();
  while (stack.length) {
    const n = stack.pop()!;
    if (visit(n) === false) continue;
    children.push(n, stack);
  }
}

export function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

/** The binding an identifier refers to, by name through the enclosing scopes; undefined for globals. */
export function resolveIn(idx: FileIndex, id: ts.Identifier): Binding | undefined {
  const known = idx.resolved.get(id);
  if (known !== undefined) return known ?? undefined;
  const name = id.text;
  let found: Binding | undefined;
  for (let p: ts.Node | undefined = id; p && !found; p = p.parent) found = idx.scopes.get(p)?.get(name);
  idx.resolved.set(id, found ?? null);
  return found;
}

// On the tree, not in WeakMaps: an index refers to its tree (memo.ts).
const indexes = memoSlot<ts.SourceFile, FileIndex>('file index');
const views = memoSlot<ts.SourceFile, IndexView>('index view');

/**
 * The index of a source file, built once per parse and shared by every rule that asks; inside
 * `withIndexView`, the narrowed view of it.
 */
export function fileIndexOf(sf: ts.SourceFile): FileIndex {
  return views.get(sf) ?? fullFileIndexOf(sf);
}

/** The whole file's index, even inside `withIndexView` (scopes and bindings are always the whole file's). */
export function fullFileIndexOf(sf: ts.SourceFile): FileIndex {
  let idx = indexes.get(sf);
  if (!idx) indexes.set(sf, (idx = buildFileIndex(sf)));
  return idx;
}

/**
 * A view of the file's index whose node lists (calls, literals, tries…) hold only the nodes `keep`
 * accepts, while scopes, bindings, returns and imports stay the whole file's: a rule run over it
 * (`withIndexView`) judges only the sites of the statements a keystroke made stale, with
 * everything they refer to still in sight (typescript/statementReuse.ts).
 */
export interface IndexView extends FileIndex {
  /** Whether a top-level statement's sites are in the view (`walkMatches` honours it too). */
  keep: (n: ts.Node) => boolean;
}

export function narrowedIndex(sf: ts.SourceFile, ranges: KeptRanges): IndexView {
  const full = fullFileIndexOf(sf);
  const view: IndexView = { ...full, keyedProperties: new Map(), keep: inAnyRange(ranges) };
  for (const k of PURE_LISTS) (view[k] as ts.Node[]) = inRanges(full[k] as ts.Node[], ranges);
  for (const [key, props] of full.keyedProperties) {
    const kept = inRanges(props, ranges);
    if (kept.length) view.keyedProperties.set(key, kept);
  }
  return view;
}

/**
 * The statements a view keeps, as position ranges `[from, to)`, ascending and apart: a node is
 * kept when its `pos` lies in one. A view takes slices of the index's lists by binary search
 * instead of testing every entry (a 10,000-line file's lists are long and a keystroke keeps few
 * statements).
 */
export type KeptRanges = readonly (readonly [number, number])[];

/** `keep` for nodes met in any order (`walkMatches`): the last range found is tried first. */
function inAnyRange(ranges: KeptRanges): (n: ts.Node) => boolean {
  let last = 0;
  return (n) => {
    let r = ranges[last];
    if (!(r && r[0] <= n.pos && n.pos < r[1])) r = ranges[(last = statementHolding(ranges.length, (i) => ranges[i][1], n.pos))];
    return !!r && r[0] <= n.pos;
  };
}

/** The entries of a list in walk order, i.e. by ascending `pos` (a node comes before its children), that lie in the ranges. */
function inRanges<T extends ts.Node>(list: readonly T[], ranges: KeptRanges): T[] {
  const out: T[] = [];
  for (const [from, to] of ranges) {
    for (let i = lowerBoundBy(list.length, (j) => list[j].pos, from); i < list.length && list[i].pos < to; i++) out.push(list[i]);
  }
  return out;
}

/** Runs `run` with `fileIndexOf(sf)` answering `view`. */
export function withIndexView<T>(sf: ts.SourceFile, view: IndexView, run: () => T): T {
  views.set(sf, view);
  try {
    return run();
  } finally {
    views.set(sf, undefined);
  }
}

/**
 * A rule looked through the whole of `scope` for the uses of a binding declared there: when the
 * scope is the module, that reaches statements the site does not name (analyzers/keptFindings.ts).
 */
export function noteScopeSearch(scope: ts.Node): void {
  if (scope.kind === ts.SyntaxKind.SourceFile) noteModuleSearch();
}

/** The statement filter of the view `sf` is being judged through, if any. */
export function activeViewFilter(sf: ts.SourceFile): ((n: ts.Node) => boolean) | undefined {
  return views.get(sf)?.keep;
}
