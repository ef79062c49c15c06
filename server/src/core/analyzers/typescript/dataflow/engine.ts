import ts from 'typescript';
import { SOURCE_STRENGTH } from '../../common/secretSource.js';
import { hasShapeWord } from '../../../secrets/index.js';
import { dottedName } from '../syntax.js';
import { type Binding, type FileIndex, type FunctionLike, type PathStep, isFunctionLike, resolveIn } from './fileIndex.js';
import type { SecretSource } from './types.js';

export const CLEAN = 'clean';
export const UNKNOWN = 'unknown';
/** A secret (with its source), definitely not a secret (`clean`), or not knowable here (`unknown`). */
export type Verdict = SecretSource | typeof CLEAN | typeof UNKNOWN;

export const isSecretVerdict = (v: Verdict | undefined): v is SecretSource => typeof v === 'object';

/** What makes one flow different from another: its sources and its fallbacks on names. */
export interface FlowSpec {
  /** A source (or `clean`/`unknown`) at `expr` read through `path`; undefined lets the engine look further. */
  sourceAt(expr: ts.Expression, path: readonly PathStep[], engine: FlowEngine): Verdict | undefined;
  /** A name that says it holds a secret, for values the engine cannot see (parameters, imports, unknown calls). */
  byName(name: string, node: ts.Node): SecretSource | undefined;
  /** A literal whose text is itself a secret. */
  literal(text: string, node: ts.Node): SecretSource | undefined;
  /** A call to a function the file does not define whose name says it returns a secret (`getApiKey()`). */
  byCallee(call: ts.CallExpression, name: string): SecretSource | undefined;
}

/** Calls that say, by name, that they hide the value. */
export const REDACTION = /^(redact\w*|mask\w*|obfuscate\w*|scrub\w*|sanitize\w*|censor\w*|fingerprint\w*|hash\w*|sha\d*\w*|digest|anonymi[sz]e\w*)$/i;
/** String methods whose result is the whole secret again. */
const PRESERVE = new Set(['toString', 'trim', 'trimStart', 'trimEnd', 'trimLeft', 'trimRight', 'toUpperCase', 'toLowerCase',
  'toLocaleUpperCase', 'toLocaleLowerCase', 'normalize', 'padStart', 'padEnd', 'valueOf', 'concat', 'promise', 'toJSON']);
/** …and those whose result is a part of it. */
const PARTIAL = new Set(['slice', 'substring', 'substr', 'at', 'charAt', 'split']);
/** Global functions whose result is the argument in another encoding. */
const WRAPPERS = new Set(['String', 'encodeURIComponent', 'encodeURI', 'decodeURIComponent', 'decodeURI', 'btoa', 'atob', 'escape', 'unescape', 'structuredClone']);
/** Global functions whose result says nothing recoverable about the argument. */
const FACTS = new Set(['Boolean', 'Number', 'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'BigInt']);
/** Constructors whose instance carries its arguments (a URL with a key in it). */
const CARRIERS = new Set(['URL', 'URLSearchParams', 'Headers', 'Request', 'String', 'Buffer']);
/** Properties of a secrets-manager result that describe the secret rather than hold it. */
const METADATA = new Set(['ARN', 'Name', 'VersionId', 'VersionStages', 'CreatedDate', '$metadata', 'lease_duration', 'lease_id',
  'renewable', 'request_id', 'warnings', 'metadata', 'createTime', 'etag', 'properties', 'id', 'name', 'version', 'secretPath', 'secretKey', 'type']);

const CONTAINERS = /^(secrets|credentials|creds|keys|tokens|passwords|api_?keys)$/i;

const RANK = SOURCE_STRENGTH;

// Kinds as plain numbers for the switches below (read once, not through the module object per case).
const K_AMPERSAND_AMPERSAND_EQUALS_TOKEN = ts.SyntaxKind.AmpersandAmpersandEqualsToken;
const K_AMPERSAND_AMPERSAND_TOKEN = ts.SyntaxKind.AmpersandAmpersandToken;
const K_ARRAY_LITERAL_EXPRESSION = ts.SyntaxKind.ArrayLiteralExpression;
const K_ARROW_FUNCTION = ts.SyntaxKind.ArrowFunction;
const K_BAR_BAR_EQUALS_TOKEN = ts.SyntaxKind.BarBarEqualsToken;
const K_BAR_BAR_TOKEN = ts.SyntaxKind.BarBarToken;
const K_BIG_INT_LITERAL = ts.SyntaxKind.BigIntLiteral;
const K_BINARY_EXPRESSION = ts.SyntaxKind.BinaryExpression;
const K_CALL_EXPRESSION = ts.SyntaxKind.CallExpression;
const K_CLASS_EXPRESSION = ts.SyntaxKind.ClassExpression;
const K_COMMA_TOKEN = ts.SyntaxKind.CommaToken;
const K_CONDITIONAL_EXPRESSION = ts.SyntaxKind.ConditionalExpression;
const K_DELETE_EXPRESSION = ts.SyntaxKind.DeleteExpression;
const K_ELEMENT_ACCESS_EXPRESSION = ts.SyntaxKind.ElementAccessExpression;
const K_EQUALS_TOKEN = ts.SyntaxKind.EqualsToken;
const K_FALSE_KEYWORD = ts.SyntaxKind.FalseKeyword;
const K_FUNCTION_EXPRESSION = ts.SyntaxKind.FunctionExpression;
const K_IDENTIFIER = ts.SyntaxKind.Identifier;
const K_NEW_EXPRESSION = ts.SyntaxKind.NewExpression;
const K_NO_SUBSTITUTION_TEMPLATE_LITERAL = ts.SyntaxKind.NoSubstitutionTemplateLiteral;
const K_NULL_KEYWORD = ts.SyntaxKind.NullKeyword;
const K_NUMERIC_LITERAL = ts.SyntaxKind.NumericLiteral;
const K_OBJECT_LITERAL_EXPRESSION = ts.SyntaxKind.ObjectLiteralExpression;
const K_PLUS_EQUALS_TOKEN = ts.SyntaxKind.PlusEqualsToken;
const K_PLUS_TOKEN = ts.SyntaxKind.PlusToken;
const K_POSTFIX_UNARY_EXPRESSION = ts.SyntaxKind.PostfixUnaryExpression;
const K_PREFIX_UNARY_EXPRESSION = ts.SyntaxKind.PrefixUnaryExpression;
const K_PROPERTY_ACCESS_EXPRESSION = ts.SyntaxKind.PropertyAccessExpression;
const K_QUESTION_QUESTION_EQUALS_TOKEN = ts.SyntaxKind.QuestionQuestionEqualsToken;
const K_QUESTION_QUESTION_TOKEN = ts.SyntaxKind.QuestionQuestionToken;
const K_REGULAR_EXPRESSION_LITERAL = ts.SyntaxKind.RegularExpressionLiteral;
const K_STRING_LITERAL = ts.SyntaxKind.StringLiteral;
const K_TEMPLATE_EXPRESSION = ts.SyntaxKind.TemplateExpression;
const K_TRUE_KEYWORD = ts.SyntaxKind.TrueKeyword;
const K_TYPE_OF_EXPRESSION = ts.SyntaxKind.TypeOfExpression;
const K_VOID_EXPRESSION = ts.SyntaxKind.VoidExpression;

const IN_PROGRESS = Symbol('in-progress');
/** Nested evaluations allowed before giving up (`unknown`): real code stays far below it. */
const MAX_DEPTH = 400;
type Memo = Map<unknown, Verdict | typeof IN_PROGRESS>;
interface MemoTable { flat: Memo; byPath: Map<unknown, Memo> }
const memoTable = (): MemoTable => ({ flat: new Map(), byPath: new Map() });

/** The best of several possible values: a secret if any is one (real sources before name guesses), else clean only if all are. */
export function combine(vs: readonly Verdict[]): Verdict {
  let best: SecretSource | undefined;
  let allClean = true;
  for (const v of vs) {
    if (isSecretVerdict(v)) { if (!best || RANK[v.kind] > RANK[best.kind]) best = v; }
    else if (v === UNKNOWN) allClean = false;
  }
  return best ?? (allClean ? CLEAN : UNKNOWN);
}

/** Wrappers `unwrap` strips, as a kind table: it runs on nearly every expression every rule reads. */
const WRAPPER_KINDS = new Uint8Array(ts.SyntaxKind.Count);
for (const k of [ts.SyntaxKind.ParenthesizedExpression, ts.SyntaxKind.AsExpression, ts.SyntaxKind.SatisfiesExpression,
  ts.SyntaxKind.NonNullExpression, ts.SyntaxKind.TypeAssertionExpression, ts.SyntaxKind.AwaitExpression]) WRAPPER_KINDS[k] = 1;

/** Strips parentheses, `as`, `satisfies`, `!`, `<T>x` and `await`. */
export function unwrap(e: ts.Expression): ts.Expression {
  while (WRAPPER_KINDS[e.kind]) e = (e as ts.ParenthesizedExpression).expression;
  return e;
}

const partial = (v: Verdict): Verdict => (isSecretVerdict(v) ? { ...v, partial: true } : v);

/** `'***'`, `'[REDACTED]'`, `'•'` as the replacement of `.replace(…)`: a mask, not a transformation. */
function isMaskLiteral(e: ts.Expression | undefined): boolean {
  return !!e && ts.isStringLiteralLike(e) && (/^[*x•#.]+$/i.test(e.text) || /redact/i.test(e.text));
}

/**
 * The evaluator: given an expression (and optionally a property path read from it), says whether
 * it carries a secret by following bindings, destructuring, properties, string operations and the
 * functions of the same file. Only the operations listed here propagate a secret; anything else
 * (an unknown call, a comparison, `.length`, `!!x`) stops it. Memoised per node and path, with a
 * guard that makes cycles (`let a = b; b = a`) evaluate to unknown.
 */
export class FlowEngine {
  // One table per kind of question (a node's value, a function's return value, a binding's
  // value), each split so the common path-less reads need no Map per key.
  private readonly values = memoTable();
  private readonly returns = memoTable();
  private readonly bindings = memoTable();

  constructor(readonly index: FileIndex, readonly spec: FlowSpec) {}

  evaluate(expr: ts.Expression): Verdict { return this.evalAt(expr, []); }

  resolve(id: ts.Identifier): Binding | undefined { return resolveIn(this.index, id); }

  evalAt(expr: ts.Expression, path: readonly PathStep[]): Verdict {
    return this.memoised(this.values, expr, path, () => this.compute(expr, path));
  }

  /** A known verdict read further through `path` (a property of a secret object is a secret). */
  applyPath(v: Verdict, path: readonly PathStep[]): Verdict {
    if (!path.length || v === CLEAN) return v;
    if (path.includes('length')) return CLEAN;
    if (v === UNKNOWN) return this.unknownAt(undefined, path);
    if (v.kind === 'name') {
      // A guess from a name says nothing about its other properties: judge the property's own name.
      const named = path.filter((s) => s !== '#' && s !== '*');
      return named.length ? this.unknownAt(undefined, path) : v;
    }
    if (v.kind === 'secret-manager' && path.some((s) => METADATA.has(s))) return CLEAN;
    return v;
  }

  /** Something the engine cannot see, named `name`, read through `path`: only names can tell. */
  unknownAt(name: string | undefined, path: readonly PathStep[], node: ts.Node = this.index.sf): Verdict {
    const named = path.filter((s) => s !== '#' && s !== '*');
    if (path.includes('length')) return CLEAN;
    const last = named.length ? named[named.length - 1] : name;
    if (!last) return UNKNOWN;
    const byLast = this.spec.byName(last, node);
    if (byLast) return byLast;
    // `secrets.openai`, `credentials.github`: the container's name speaks for its entries.
    const container = named.length >= 2 ? named[named.length - 2] : named.length === 1 ? name : undefined;
    if (container && CONTAINERS.test(container) && !hasShapeWord(last)) return this.spec.byName(container, node) ?? UNKNOWN;
    return UNKNOWN;
  }

  /** Evaluations in progress: past MAX_DEPTH the answer is `unknown` rather than a stack overflow. */
  private depth = 0;

  private memoised(table: MemoTable, key: unknown, path: readonly PathStep[], compute: () => Verdict): Verdict {
    let m: Memo;
    let k: unknown = key;
    if (!path.length) m = table.flat;
    else {
      let byPath = table.byPath.get(key);
      if (!byPath) table.byPath.set(key, (byPath = new Map()));
      m = byPath;
      k = path.join('\u0001');
    }
    const hit = m.get(k);
    if (hit === IN_PROGRESS) return UNKNOWN;
    if (hit !== undefined) return hit;
    if (this.depth >= MAX_DEPTH) return UNKNOWN;
    m.set(k, IN_PROGRESS);
    this.depth++;
    let v: Verdict;
    try { v = compute(); } finally { this.depth--; }
    m.set(k, v);
    return v;
  }

  private compute(e0: ts.Expression, path: readonly PathStep[]): Verdict {
    const e = unwrap(e0);
    if (path.includes('length')) return CLEAN;
    const s = this.spec.sourceAt(e, path, this);
    if (s !== undefined) return s;
    switch (e.kind) {
      case K_IDENTIFIER: {
        const id = e as ts.Identifier;
        if (id.text === 'undefined' && !this.resolve(id)) return CLEAN;
        const b = this.resolve(id);
        return b ? this.evalBinding(b, path) : this.unknownAt(id.text, path, id);
      }
      case K_STRING_LITERAL:
      case K_NO_SUBSTITUTION_TEMPLATE_LITERAL:
        return path.length ? CLEAN : this.spec.literal((e as ts.StringLiteral).text, e) ?? CLEAN;
      case K_NUMERIC_LITERAL: case K_BIG_INT_LITERAL: case K_TRUE_KEYWORD:
      case K_FALSE_KEYWORD: case K_NULL_KEYWORD: case K_REGULAR_EXPRESSION_LITERAL:
      case K_PREFIX_UNARY_EXPRESSION: case K_POSTFIX_UNARY_EXPRESSION: case K_TYPE_OF_EXPRESSION:
      case K_VOID_EXPRESSION: case K_DELETE_EXPRESSION: case K_ARROW_FUNCTION:
      case K_FUNCTION_EXPRESSION: case K_CLASS_EXPRESSION:
        return CLEAN;
      case K_TEMPLATE_EXPRESSION: {
        const t = e as ts.TemplateExpression;
        const parts: Verdict[] = [this.spec.literal(t.head.text, t.head) ?? CLEAN];
        for (const span of t.templateSpans) {
          parts.push(this.evalAt(span.expression, []));
          parts.push(this.spec.literal(span.literal.text, span.literal) ?? CLEAN);
        }
        return this.applyPath(combine(parts), path);
      }
      case K_BINARY_EXPRESSION: return this.evalBinary(e as ts.BinaryExpression, path);
      case K_CONDITIONAL_EXPRESSION: {
        const c = e as ts.ConditionalExpression;
        return combine([this.evalAt(c.whenTrue, path), this.evalAt(c.whenFalse, path)]);
      }
      case K_PROPERTY_ACCESS_EXPRESSION: {
        const p = e as ts.PropertyAccessExpression;
        return this.evalAt(p.expression, [p.name.text, ...path]);
      }
      case K_ELEMENT_ACCESS_EXPRESSION: {
        const a = e as ts.ElementAccessExpression;
        const arg = a.argumentExpression;
        const step = ts.isStringLiteralLike(arg) ? arg.text : ts.isNumericLiteral(arg) ? '#' : '*';
        return this.evalAt(a.expression, [step, ...path]);
      }
      case K_CALL_EXPRESSION: return this.evalCall(e as ts.CallExpression, path);
      case K_NEW_EXPRESSION: {
        const n = e as ts.NewExpression;
        const name = ts.isIdentifier(n.expression) ? n.expression.text : ts.isPropertyAccessExpression(n.expression) ? n.expression.name.text : '';
        if (!CARRIERS.has(name)) return CLEAN;
        return this.applyPath(combine((n.arguments ?? []).map((a) => this.evalAt(a, []))), path);
      }
      case K_OBJECT_LITERAL_EXPRESSION: return this.evalObject(e as ts.ObjectLiteralExpression, path);
      case K_ARRAY_LITERAL_EXPRESSION: {
        const arr = e as ts.ArrayLiteralExpression;
        const rest = path.slice(1);
        if (path.length && path[0] !== '#' && path[0] !== '*') return CLEAN;
        return combine(arr.elements.map((el) => (ts.isSpreadElement(el) ? this.evalAt(el.expression, path) : this.evalAt(el, rest))));
      }
      default:
        // `this.token`, `getConfig()()`: nothing known about the object, so only the property name can tell.
        return this.unknownAt(undefined, path, e);
    }
  }

  private evalBinary(b: ts.BinaryExpression, path: readonly PathStep[]): Verdict {
    switch (b.operatorToken.kind) {
      case K_PLUS_TOKEN: case K_PLUS_EQUALS_TOKEN:
        return this.applyPath(combine(plusOperands(b).map((o) => this.evalAt(o, []))), path);
      case K_BAR_BAR_TOKEN: case K_QUESTION_QUESTION_TOKEN:
      case K_BAR_BAR_EQUALS_TOKEN: case K_QUESTION_QUESTION_EQUALS_TOKEN:
        return combine([this.evalAt(b.left, path), this.evalAt(b.right, path)]);
      // `a && b` is `b`, or a falsy `a` (an empty string leaks nothing).
      case K_AMPERSAND_AMPERSAND_TOKEN: case K_AMPERSAND_AMPERSAND_EQUALS_TOKEN:
      case K_EQUALS_TOKEN: case K_COMMA_TOKEN:
        return this.evalAt(b.right, path);
      default:
        return CLEAN; // comparisons, arithmetic, `in`, `instanceof`
    }
  }

  private evalObject(o: ts.ObjectLiteralExpression, path: readonly PathStep[]): Verdict {
    const valueOf = (p: ts.ObjectLiteralElementLike, rest: readonly PathStep[]): Verdict => {
      if (ts.isPropertyAssignment(p)) return this.evalAt(p.initializer, rest);
      if (ts.isShorthandPropertyAssignment(p)) return this.evalAt(p.name, rest);
      if (ts.isSpreadAssignment(p)) return this.evalAt(p.expression, rest);
      return CLEAN; // methods and accessors
    };
    if (!path.length) return combine(o.properties.map((p) => valueOf(p, [])));
    const [head, ...rest] = path;
    if (head === '#' || head === '*') return combine(o.properties.map((p) => (ts.isSpreadAssignment(p) ? valueOf(p, path) : valueOf(p, rest))));
    for (let i = o.properties.length - 1; i >= 0; i--) {
      const p = o.properties[i];
      if (ts.isSpreadAssignment(p)) {
        const v = this.evalAt(p.expression, path);
        if (v !== CLEAN) return v;
        continue;
      }
      if ((ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && propName(p.name) === head) return valueOf(p, rest);
    }
    return CLEAN; // the property is absent: undefined
  }

  private evalCall(call: ts.CallExpression, path: readonly PathStep[]): Verdict {
    const callee = unwrap(call.expression);
    const args = call.arguments;
    if (ts.isPropertyAccessExpression(callee)) {
      const m = callee.name.text;
      const recv = callee.expression;
      const recvName = dottedName(recv);
      if (REDACTION.test(m)) return CLEAN;
      if (recvName === 'JSON' && m === 'stringify') return args[0] ? this.applyPath(this.evalAt(args[0], []), path) : CLEAN;
      if (recvName === 'JSON' && m === 'parse') return args[0] ? this.evalAt(args[0], path) : CLEAN;
      if (recvName === 'Buffer' && m === 'from') return args[0] ? this.applyPath(this.evalAt(args[0], []), path) : CLEAN;
      if (recvName === 'Object') {
        if (m === 'keys') return CLEAN;
        if (m === 'assign' || m === 'values' || m === 'entries' || m === 'fromEntries' || m === 'freeze') return combine(args.map((a) => this.evalAt(a, m === 'assign' || m === 'freeze' ? path : [])));
      }
      if (PRESERVE.has(m)) {
        const parts = [this.evalAt(recv, [])];
        if (m === 'concat') for (const a of args) parts.push(this.evalAt(a, []));
        return this.applyPath(combine(parts), path);
      }
      if (PARTIAL.has(m)) return this.applyPath(partial(this.evalAt(recv, [])), path);
      if (m === 'replace' || m === 'replaceAll') return isMaskLiteral(args[1]) ? CLEAN : this.applyPath(this.evalAt(recv, []), path);
      return this.applyPath(this.spec.byCallee(call, m) ?? UNKNOWN, path);
    }
    if (ts.isIdentifier(callee)) {
      const n = callee.text;
      if (REDACTION.test(n) || FACTS.has(n)) return CLEAN;
      if (WRAPPERS.has(n)) return args[0] ? this.applyPath(this.evalAt(args[0], []), path) : CLEAN;
      const b = this.resolve(callee);
      const fn = b && functionOf(b);
      if (fn) return this.evalReturns(fn, path);
      return this.applyPath(this.spec.byCallee(call, n) ?? UNKNOWN, path);
    }
    if (ts.isFunctionExpression(callee) || ts.isArrowFunction(callee)) return this.evalReturns(callee, path);
    return this.unknownAt(undefined, path, call);
  }

  /** What a function of this file returns, read through `path`. */
  evalReturns(fn: ts.Node, path: readonly PathStep[]): Verdict {
    return this.memoised(this.returns, fn, path, () => combine((this.index.returns.get(fn) ?? []).map((r) => this.evalAt(r, path))));
  }

  evalBinding(b: Binding, path: readonly PathStep[]): Verdict {
    return this.memoised(this.bindings, b, path, () => {
      if (b.kind === 'function' || b.kind === 'class') return path.length ? UNKNOWN : CLEAN;
      const vs = b.values.map((v) => this.evalAt(v.expr, [...v.path, ...path]));
      const best = combine(vs);
      // `via` ends up naming the binding nearest to where the value is used.
      if (isSecretVerdict(best)) return { ...best, via: b.name };
      const unseen = b.opaque || (b.values.length === 0 && b.kind !== 'const' && b.kind !== 'loop');
      if (unseen || best === UNKNOWN) {
        const named = this.unknownAt(b.name, path, b.id);
        return isSecretVerdict(named) ? named : UNKNOWN;
      }
      return CLEAN;
    });
  }
}

/** The operands of `a + b + c` (left-nested) without recursion. */
export function plusOperands(b: ts.BinaryExpression): ts.Expression[] {
  const out: ts.Expression[] = [];
  let e: ts.Expression = b;
  while (ts.isBinaryExpression(e) && (e.operatorToken.kind === K_PLUS_TOKEN || e.operatorToken.kind === K_PLUS_EQUALS_TOKEN)) {
    out.push(e.right);
    e = e.left;
  }
  out.push(e);
  return out.reverse();
}

export function propName(n: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n) || ts.isStringLiteralLike(n) || ts.isNumericLiteral(n)) return n.text;
  if (ts.isComputedPropertyName(n) && ts.isStringLiteralLike(n.expression)) return n.expression.text;
  return undefined;
}

/** The function a binding names: `function f`, `const f = () => …`, `const f = function …`. */
export function functionOf(b: Binding): FunctionLike | undefined {
  // `declare function f()` / an overload signature has no body to read: its result is unknown.
  if (b.fn && isFunctionLike(b.fn)) return b.fn.body ? b.fn : undefined;
  if (b.kind === 'const' && b.values.length === 1 && !b.values[0].path.length) {
    const v = unwrap(b.values[0].expr);
    if (ts.isArrowFunction(v) || ts.isFunctionExpression(v)) return v;
  }
  return undefined;
}
