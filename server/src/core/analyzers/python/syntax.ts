import type { SyntaxNode } from '@lezer/common';

/**
 * Small readers over @lezer/python's tree. Lezer keeps argument lists, parameter lists, dict
 * literals and assignments flat (`name = value , …` as sibling tokens), so these group the
 * siblings back into arguments, parameters, entries and targets.
 */
export type PyNode = SyntaxNode;

/** Grammar nodes are capitalised; punctuation and keywords are not. */
const isSyntax = (n: PyNode) => { const c = n.name.charCodeAt(0); return c >= 65 && c <= 90; };

export function children(n: PyNode): PyNode[] {
  const out: PyNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

export function namedChildren(n: PyNode): PyNode[] {
  return children(n).filter(isSyntax);
}

/** Siblings between the brackets, split at top-level commas. */
function segments(n: PyNode): PyNode[][] {
  const out: PyNode[][] = [];
  let current: PyNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (c.name === ',') {
      if (current.length) out.push(current);
      current = [];
    } else if (!OUTSIDE_SEGMENTS.has(c.name)) current.push(c);
  }
  if (current.length) out.push(current);
  return out;
}

/** Brackets, and comments between arguments (`# why`): neither an item nor part of one. */
const OUTSIDE_SEGMENTS: ReadonlySet<string> = new Set(['(', ')', '[', ']', '{', '}', 'Comment']);

export interface PyArgument {
  /** The keyword of `name=value`; undefined for positional and `*`/`**` arguments. */
  name?: string;
  nameNode?: PyNode;
  value: PyNode;
  /** `*args` / `**kwargs`. */
  star?: '*' | '**';
}

/** The arguments of a call's `ArgList` (or of a decorator's). */
export function argumentsOf(src: string, argList: PyNode | null | undefined): PyArgument[] {
  if (!argList) return [];
  const out: PyArgument[] = [];
  for (const seg of segments(argList)) {
    if (seg.length >= 3 && seg[0].name === 'VariableName' && seg[1].name === 'AssignOp') {
      out.push({ name: textOf(src, seg[0]), nameNode: seg[0], value: seg[2] });
    } else if ((seg[0].name === '*' || seg[0].name === '**') && seg[1]) {
      out.push({ value: seg[1], star: seg[0].name as '*' | '**' });
    } else {
      const value = seg.find(isSyntax);
      if (value) out.push({ value });
    }
  }
  return out;
}

export interface PyCall {
  node: PyNode;
  callee: PyNode;
  args: PyArgument[];
}

/**
 * Calls read once per document: every rule asks about the same calls, and grouping an argument
 * list's flat siblings is most of what reading a call costs. The memo belongs to one text at a time
 * (analyses run one document after another, never interleaved).
 */
let memoSrc: string | undefined;
const callMemo = new Map<number, PyCall | null>();

/** Drops the calls and paths read for the last text, once its analysis is over (they hold its nodes: fileIndex.ts says why that matters). */
export function forgetPyMemos(): void {
  memoSrc = undefined;
  callMemo.clear();
  pathMemo.clear();
}

export function callOf(src: string, n: PyNode): PyCall | undefined {
  if (n.name !== 'CallExpression') return undefined;
  if (src !== memoSrc) { forgetPyMemos(); memoSrc = src; }
  // Calls sharing a start (`a()()`) differ in their end: the key holds both.
  const key = spanKey(n);
  const known = callMemo.get(key);
  if (known !== undefined && (known === null || known.node.to === n.to)) return known ?? undefined;
  const callee = n.firstChild;
  const call = callee ? { node: n, callee, args: argumentsOf(src, n.getChild('ArgList')) } : undefined;
  callMemo.set(key, call ?? null);
  return call;
}

/**
 * Whether a call's callee ends with one of `names` (`mcp.add_tool`, `h.update`): asked before
 * `callOf` by loops over every call of a file, where reading each call's arguments would cost more
 * than the few calls they keep.
 */
export function calleeEndsWith(src: string, n: PyNode, names: readonly string[]): boolean {
  const callee = n.firstChild;
  return !!callee && names.some((name) => callee.to - name.length >= callee.from && src.startsWith(name, callee.to - name.length));
}

export function keywordArg(call: PyCall, name: string): PyArgument | undefined {
  return call.args.find((a) => a.name === name);
}

export function positionalArg(call: PyCall, index: number): PyNode | undefined {
  return call.args.filter((a) => !a.name && !a.star)[index]?.value;
}

export interface PyParameter {
  name: string;
  nameNode: PyNode;
  annotation?: PyNode;
  default?: PyNode;
  star?: '*' | '**';
}

/** The parameters of a `ParamList` (`self` included; the bare `*` and `/` markers left out). */
export function parametersOf(src: string, paramList: PyNode | null | undefined): PyParameter[] {
  if (!paramList) return [];
  const out: PyParameter[] = [];
  for (const seg of segments(paramList)) {
    const star = seg[0].name === '*' || seg[0].name === '**' ? seg[0].name as '*' | '**' : undefined;
    const nameNode = seg.find((c) => c.name === 'VariableName');
    if (!nameNode) continue;
    const eq = seg.findIndex((c) => c.name === 'AssignOp');
    out.push({
      name: textOf(src, nameNode),
      nameNode,
      annotation: seg.find((c) => c.name === 'TypeDef')?.lastChild ?? undefined,
      default: eq >= 0 ? seg[eq + 1] : undefined,
      star,
    });
  }
  return out;
}

export interface PyDictEntry { key: PyNode; value: PyNode }

export function dictEntriesOf(dict: PyNode): PyDictEntry[] {
  if (dict.name !== 'DictionaryExpression') return [];
  const out: PyDictEntry[] = [];
  for (const seg of segments(dict)) {
    const colon = seg.findIndex((c) => c.name === ':');
    if (colon > 0 && seg[colon + 1]) out.push({ key: seg[colon - 1], value: seg[colon + 1] });
  }
  return out;
}

export interface PyAssignment {
  node: PyNode;
  /** Every target of `a = b = value` and `a, b = …` (names, attributes, subscripts). */
  targets: PyNode[];
  value?: PyNode;
  annotation?: PyNode;
  /** `+=` and friends. */
  augmented?: boolean;
}

export function assignmentOf(n: PyNode): PyAssignment | undefined {
  if (n.name !== 'AssignStatement' && n.name !== 'UpdateStatement') return undefined;
  // One pass (an index holds every assignment of the file): where the operators are, the annotation.
  const kids = children(n);
  let first = -1;
  let last = -1;
  let typeDef: PyNode | undefined;
  for (let i = 0; i < kids.length; i++) {
    const name = kids[i].name;
    if (name === 'AssignOp' || name === 'UpdateOp') {
      if (first < 0) first = i;
      last = i;
    } else if (name === 'TypeDef') typeDef ??= kids[i];
  }
  const annotation = typeDef?.lastChild ?? undefined;
  if (last < 0) return kids.length ? { node: n, targets: [kids[0]], annotation } : undefined;
  const targets: PyNode[] = [];
  for (let i = 0; i < last; i++) if (isSyntax(kids[i]) && kids[i].name !== 'TypeDef' && kids[i].name !== 'AssignOp') targets.push(kids[i]);
  let value: PyNode | undefined;
  let values = 0;
  for (let i = last + 1; i < kids.length; i++) if (isSyntax(kids[i])) { value = kids[i]; values++; }
  // A tuple on the right (`a, b = x, y`) is several values; only a single value is kept.
  return { node: n, targets, value: values === 1 ? value : undefined, annotation, augmented: kids[first].name === 'UpdateOp' };
}

export function textOf(src: string, n: PyNode): string {
  return src.slice(n.from, n.to);
}

/**
 * A dotted path for names, attribute reads, subscripts and calls: `os.environ.get`,
 * `boto3.client().get_secret_value`, `request.headers[]`. Undefined for anything else.
 */
export function dottedPath(src: string, n: PyNode | null | undefined): string | undefined {
  if (!n) return undefined;
  if (n.name !== 'MemberExpression' && n.name !== 'CallExpression') return computeDottedPath(src, n);
  // Memoised per document like calls: rules ask for the path of every callee, often several times.
  if (src !== memoSrc) { forgetPyMemos(); memoSrc = src; }
  return rememberedBySpan(pathMemo, n, () => computeDottedPath(src, n));
}

/** `compute()` for `n`, remembered in `table` under the node's span (undefined answers too). */
export function rememberedBySpan<T>(table: Map<number, T | null>, n: PyNode, compute: () => T | undefined): T | undefined {
  const key = spanKey(n);
  const known = table.get(key);
  if (known !== undefined) return known ?? undefined;
  const found = compute();
  table.set(key, found ?? null);
  return found;
}

const pathMemo = new Map<number, string | null>();

function computeDottedPath(src: string, n: PyNode): string | undefined {
  switch (n.name) {
    case 'VariableName': return textOf(src, n);
    case 'ParenthesizedExpression': return dottedPath(src, namedChildren(n)[0]);
    case 'AwaitExpression': return dottedPath(src, n.lastChild);
    case 'CallExpression': {
      const inner = dottedPath(src, n.firstChild);
      return inner === undefined ? undefined : `${inner}()`;
    }
    case 'MemberExpression': {
      const obj = dottedPath(src, n.firstChild) ?? '?';
      const prop = n.getChild('PropertyName');
      return prop ? `${obj}.${textOf(src, prop)}` : `${obj}[]`;
    }
    default: return undefined;
  }
}

/** The last name of a callee or attribute path: `get` for `requests.get`, `Client` for `hvac.Client`. */
export function lastName(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  // Asked for every call by several rules: string scans, not a regex and a split.
  let end = path.length;
  while (end >= 2 && ((path.charCodeAt(end - 1) === 41 && path.charCodeAt(end - 2) === 40) || (path.charCodeAt(end - 1) === 93 && path.charCodeAt(end - 2) === 91))) end -= 2;
  return path.slice(path.lastIndexOf('.', end - 1) + 1, end);
}

/** A subscript's index expression: `"K"` in `os.environ["K"]`. */
export function subscriptIndex(n: PyNode): PyNode | undefined {
  if (n.name !== 'MemberExpression' || n.getChild('PropertyName')) return undefined;
  const open = children(n).findIndex((c) => c.name === '[');
  return open >= 0 ? children(n).slice(open + 1).find(isSyntax) : undefined;
}

/** The receiver of an attribute read or subscript, or the callee of a call. */
export function objectOf(n: PyNode): PyNode | undefined {
  return n.name === 'MemberExpression' || n.name === 'CallExpression' ? n.firstChild ?? undefined : undefined;
}

export interface PyFunction {
  node: PyNode;
  name: string;
  nameNode: PyNode;
  params: PyParameter[];
  body?: PyNode;
  /** Decorators as written, without `@`: `mcp.tool()`, `server.call_tool()`. */
  decorators: { node: PyNode; path: string; args: PyArgument[] }[];
  async: boolean;
  returns?: PyNode;
}

export function functionOf(src: string, n: PyNode): PyFunction | undefined {
  if (n.name !== 'FunctionDefinition') return undefined;
  // One pass over the children for the four parts (each `getChild` would walk them again).
  let nameNode: PyNode | undefined;
  let paramList: PyNode | undefined;
  let body: PyNode | undefined;
  let typeDef: PyNode | undefined;
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (c.name === 'VariableName') nameNode ??= c;
    else if (c.name === 'ParamList') paramList ??= c;
    else if (c.name === 'Body') body ??= c;
    else if (c.name === 'TypeDef') typeDef ??= c;
  }
  if (!nameNode) return undefined;
  const decorators: PyFunction['decorators'] = [];
  if (n.parent?.name === 'DecoratedStatement') {
    for (const d of n.parent.getChildren('Decorator')) {
      const argList = d.getChild('ArgList');
      const head = src.slice(d.from, argList ? argList.from : d.to).replace(/^@\s*/, '').replace(/\s+/g, '');
      decorators.push({ node: d, path: argList ? `${head}()` : head, args: argumentsOf(src, argList) });
    }
  }
  return new FunctionInfo(n, textOf(src, nameNode), nameNode, src, paramList, body, decorators, n.firstChild?.name === 'async', typeDef?.lastChild ?? undefined);
}

/**
 * A function as the index lists it. Its parameters are read on first use: the index lists every
 * function of the file on each keystroke, and few of them are ever asked for their parameters.
 */
class FunctionInfo implements PyFunction {
  private paramsRead?: PyParameter[];

  constructor(
    readonly node: PyNode, readonly name: string, readonly nameNode: PyNode, private readonly src: string,
    private readonly paramList: PyNode | undefined, readonly body: PyNode | undefined, readonly decorators: PyFunction['decorators'],
    readonly async: boolean, readonly returns: PyNode | undefined,
  ) {}

  get params(): PyParameter[] { return (this.paramsRead ??= parametersOf(this.src, this.paramList)); }
}

export function enclosingFunction(n: PyNode): PyNode | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.name === 'FunctionDefinition') return p;
  return undefined;
}

/**
 * Every node under `root` (root included) in document order; iterative, cursor-based. With `only`,
 * `visit` sees just the nodes of those types: the others are stepped over without making a node
 * object for them (most of a walk's cost on a large file).
 */
export function forEachNode(root: PyNode, visit: (n: PyNode) => void | false, only?: ReadonlySet<string>): void {
  const c = root.cursor();
  let depth = 0;
  for (;;) {
    // A node without a type: @lezer/python's error recovery can leave one (found by the fuzzer);
    // it and what is under it are stepped over.
    const type = c.type as typeof c.type | undefined;
    if (type && (only && !only.has(type.name) || visit(c.node) !== false) && c.firstChild()) { depth++; continue; }
    for (;;) {
      if (depth === 0) return;
      if (c.nextSibling()) break;
      c.parent();
      depth--;
    }
  }
}

/**
 * A number for a node's start, length and type, for the per-document memos (cheaper than
 * `nodeKey`'s string; nodes of one type sharing a start differ in length).
 */
export function spanKey(n: PyNode): number {
  return (n.from * 4096 + (n.to - n.from) % 4096) * 256 + n.type.id % 256;
}

/** Node identity: lezer hands out a new object per access, so nodes are keyed by span and type. */
export function nodeKey(n: PyNode): string {
  return `${n.type.id}:${n.from}:${n.to}`;
}

/**
 * A string that is a statement of its own: a docstring, or a string used as a block comment.
 * Either way it documents, it holds no value the program uses.
 */
export function isDocstring(n: PyNode): boolean {
  let s: PyNode | null = n;
  while (s.parent && (s.parent.name === 'ContinuedString')) s = s.parent;
  return s.parent?.name === 'ExpressionStatement' && s.parent.firstChild?.from === s.from && s.parent.lastChild?.to === s.to;
}

/** A function's or class's docstring text (quotes and prefix removed), or undefined. */
export function docstringOf(src: string, def: PyNode): string | undefined {
  const body = def.getChild('Body');
  let first = body?.firstChild;
  while (first && (first.name === ':' || first.name === 'Comment')) first = first.nextSibling;
  const str = first?.name === 'ExpressionStatement' ? first.firstChild : undefined;
  if (!str || str.name !== 'String') return undefined;
  return textOf(src, str).replace(/^[rRuU]?("""|\'\'\'|"|')/, '').replace(/("""|\'\'\'|"|')$/, '');
}

/**
 * What a docstring says of one parameter: its entry in a Google-style `Args:` section or a
 * reST `:param name:` line. Undefined when the docstring does not describe it.
 */
export function docstringParameter(doc: string | undefined, name: string): string | undefined {
  if (!doc) return undefined;
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^\\s*(?:[-*]\\s+)?(?::param\\s+(?:\\w+\\s+)?${esc}:|${esc}\\s*(?:\\([^)]*\\))?:)\\s*(.+)$`, 'm').exec(doc);
  return m?.[1].trim();
}
