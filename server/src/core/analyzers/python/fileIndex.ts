import type { Tree } from '@lezer/common';
import { assignmentOf, dottedPath, forEachNode, functionOf, rememberedBySpan, textOf, type PyAssignment, type PyFunction, type PyNode } from './syntax.js';
import { noteModuleSearch } from '../keptFindings.js';

/**
 * What every Python rule needs from a file, gathered in one walk: strings, calls, assignments,
 * functions, classes, `try` statements, imports and the bindings of each scope.
 */
export interface PyFileIndex {
  src: string;
  root: PyNode;
  strings: PyNode[];
  formatStrings: PyNode[];
  calls: PyNode[];
  assignments: PyAssignment[];
  functions: PyFunction[];
  classes: PyNode[];
  tries: PyNode[];
  returns: PyNode[];
  raises: PyNode[];
  /** Local name → what it was imported as: `r` → `requests`, `decode` → `jwt.decode`, `environ` → `os.environ`. */
  imports: Map<string, string>;
  /** Scope (its node's `from`, the module is -1) → name → the values assigned to it there. */
  bindings: Map<number, Map<string, PyNode[]>>;
  /** Functions by name (module level and methods alike), for one level of call indirection. */
  functionsByName: Map<string, PyFunction[]>;
  /** Functions by the start of their `FunctionDefinition` node. */
  functionsAt: Map<number, PyFunction>;
  /** What rules work out once per index (`memoOn`): it lives and dies with the index. */
  memos: Map<object, unknown>;
  /** Inside `withSitesIn`: the sites rules judge now. */
  siteFilter?: (n: PyNode) => boolean;
}

/**
 * `make(idx)` once per index. `make` is a module-level function, so it is also the memo's key, and
 * nothing is allocated on a hit. Kept on the index rather than in a module-level WeakMap keyed by
 * it: V8's young-generation collections treat the values of a long-lived WeakMap as live whatever
 * their key, so each keystroke's index, tree and text survived every such collection until a full
 * one; copying them was a third of a Python keystroke's time (bench/README.md).
 */
export function memoOn<T>(idx: PyFileIndex, make: (idx: PyFileIndex) => T): T {
  let v = idx.memos.get(make) as T | undefined;
  if (v === undefined) idx.memos.set(make, (v = make(idx)));
  return v;
}

const SCOPE_NODES = new Set(['FunctionDefinition', 'LambdaExpression', 'ClassDefinition']);

export const MODULE_SCOPE = -1;

/**
 * A rule looked through `scope` for the uses of a name bound there: when the scope is the module,
 * any statement may hold one, beyond those the site names (analyzers/keptFindings.ts).
 */
export function noteScopeSearch(scope: number): void {
  if (scope === MODULE_SCOPE) noteModuleSearch();
}

/** The whole text, for a search beyond the statement being judged (noted as such: other statements count). */
export function moduleText(idx: PyFileIndex): string {
  noteModuleSearch();
  return idx.src;
}

/** The scope a name bound at `n` belongs to: its function, lambda or class (the module otherwise). */
export function scopeOf(n: PyNode): number {
  for (let p = n.parent; p; p = p.parent) if (SCOPE_NODES.has(p.name)) return p.from;
  return MODULE_SCOPE;
}

/** The sites each list narrows to, per filter: every family of a keystroke asks the same of `calls` and `strings`. */
const narrowedLists = (): Map<(n: PyNode) => boolean, Map<readonly unknown[], readonly unknown[]>> => new Map();

/**
 * Runs `run` with the index's sites narrowed to those `keep` accepts (one `keep` per set of
 * statements: the lists it narrows are reused by every run given the same one) (the statements an edit made
 * stale, python/statementReuse.ts): a rule's own loop over calls or strings asks `sitesOf`, while
 * every judgement keeps reading the whole file's lists.
 */
export function withSitesIn<T>(idx: PyFileIndex, keep: (n: PyNode) => boolean, run: () => T): T {
  idx.siteFilter = keep;
  try {
    return run();
  } finally {
    idx.siteFilter = undefined;
  }
}

/** `forEachNode` over the tree, or, inside `withSitesIn`, over the statements being judged again. */
export function forEachSite(idx: PyFileIndex, visit: (n: PyNode) => void | false, only?: ReadonlySet<string>): void {
  const keep = idx.siteFilter;
  if (!keep) return forEachNode(idx.root, visit, only);
  for (let s = idx.root.firstChild; s; s = s.nextSibling) if (keep(s)) forEachNode(s, visit, only);
}

/** The entries of `list` (one of the index's lists) a rule should judge as sites now. */
export function sitesOf(idx: PyFileIndex, list: readonly PyNode[]): readonly PyNode[];
export function sitesOf<T>(idx: PyFileIndex, list: readonly T[], nodeOf: (x: T) => PyNode): readonly T[];
export function sitesOf<T>(idx: PyFileIndex, list: readonly T[], nodeOf = (x: T) => x as unknown as PyNode): readonly T[] {
  const keep = idx.siteFilter;
  if (!keep) return list;
  const byFilter = memoOn(idx, narrowedLists);
  let lists = byFilter.get(keep);
  if (!lists) byFilter.set(keep, (lists = new Map()));
  let sites = lists.get(list) as readonly T[] | undefined;
  if (!sites) lists.set(list, (sites = list.filter((x) => keep(nodeOf(x)))));
  return sites;
}

/**
 * The index of one analysis. Not kept with the tree: it holds a node object for every site, and
 * an index kept until the next keystroke is copied by every young-generation collection in
 * between, which is most of what such a collection costs (issue 15). Nothing else keeps it either:
 * its memos live on it (`memoOn`), and the findings kept between keystrokes hold only spans.
 */
export function pyFileIndexOf(tree: Tree, src: string): PyFileIndex {
  const idx: PyFileIndex = {
    src, root: tree.topNode, strings: [], formatStrings: [], calls: [], assignments: [], functions: [], classes: [],
    tries: [], returns: [], raises: [], imports: new Map(), bindings: new Map(), functionsByName: new Map(), functionsAt: new Map(),
    memos: new Map(),
  };
  const bind = (scope: number, name: string, value: PyNode) => {
    let names = idx.bindings.get(scope);
    if (!names) idx.bindings.set(scope, (names = new Map()));
    const list = names.get(name);
    if (list) list.push(value); else names.set(name, [value]);
  };
  // A typed cursor walk: a node object is only made for the kinds kept. (Not `Tree.iterate`:
  // @lezer/common 1.5.7 throws inside it on some error-recovered trees the fuzzer found.)
  forEachNode(tree.topNode, (n) => {
    switch (n.name) {
      case 'String': idx.strings.push(n); break;
      case 'FormatString': idx.formatStrings.push(n); break;
      case 'CallExpression': idx.calls.push(n); break;
      case 'TryStatement': idx.tries.push(n); break;
      case 'ReturnStatement': idx.returns.push(n); break;
      case 'RaiseStatement': idx.raises.push(n); break;
      case 'ClassDefinition': idx.classes.push(n); break;
      case 'ImportStatement': readImport(src, n, idx.imports); break;
      case 'FunctionDefinition': {
        const f = functionOf(src, n);
        if (f) {
          idx.functions.push(f);
          idx.functionsAt.set(n.from, f);
          const list = idx.functionsByName.get(f.name);
          if (list) list.push(f); else idx.functionsByName.set(f.name, [f]);
        }
        break;
      }
      case 'AssignStatement': case 'UpdateStatement': {
        const a = assignmentOf(n);
        if (!a) break;
        idx.assignments.push(a);
        if (a.value) {
          const scope = scopeOf(n);
          for (const t of a.targets) {
            // `self.x = …` binds `self.x` for the whole class: methods read what __init__ set.
            const name = t.name === 'VariableName' ? textOf(src, t) : dottedPath(src, t);
            if (!name) continue;
            bind(name.startsWith('self.') ? classScopeOf(t) : scope, name, a.value);
          }
        }
        break;
      }
      case 'WithStatement': {
        // `with open(p) as f:` / `async with httpx.AsyncClient() as client:` binds the name.
        let value: PyNode | null = null;
        for (let c = n.firstChild; c; c = c.nextSibling) {
          if (c.name === 'as' && value && c.nextSibling?.name === 'VariableName') bind(scopeOf(n), textOf(src, c.nextSibling), value);
          else if (/^[A-Z]/.test(c.name) && c.name !== 'Body') value = c;
        }
        break;
      }
    }
  }, INDEXED);
  return idx;
}

const INDEXED = new Set(['String', 'FormatString', 'CallExpression', 'TryStatement', 'ReturnStatement', 'RaiseStatement', 'ClassDefinition',
  'ImportStatement', 'FunctionDefinition', 'AssignStatement', 'UpdateStatement', 'WithStatement']);

/** The class a `self.x` target is set in (its methods share it), else the target's own scope. */
function classScopeOf(n: PyNode): number {
  for (let p = n.parent; p; p = p.parent) if (p.name === 'ClassDefinition') return p.from;
  return scopeOf(n);
}

/** The first local name the file imports `origin` as (`ssl` → `ssl`, `boto3` → `b3`); undefined when it does not import it. */
export function importedAs(idx: PyFileIndex, origin: string): string | undefined {
  for (const [local, o] of idx.imports) if (o === origin) return local;
  return undefined;
}

/** `import a.b as c`, `from a import b as c`, `from . import x` into local name → dotted origin. */
function readImport(src: string, n: PyNode, out: Map<string, string>): void {
  const text = textOf(src, n).replace(/[()\\\n]/g, ' ');
  const from = /^\s*from\s+([\w.]+)\s+import\s+(.*)$/s.exec(text);
  const items = (from ? from[2] : text.replace(/^\s*import\s+/, '')).split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    const m = /^([\w.]+|\*)(?:\s+as\s+(\w+))?$/.exec(item);
    if (!m || m[1] === '*') continue;
    const origin = from ? `${from[1]}.${m[1]}` : m[1];
    out.set(m[2] ?? (from ? m[1] : m[1].split('.')[0]), m[2] || from ? origin : m[1].split('.')[0]);
  }
}

/** A callee or attribute path with its first name replaced by what it was imported as. */
/**
 * A judgement of nodes memoised per document (by the node's start, length and type): rules ask the
 * same questions of the same callees. Undefined answers are remembered too.
 */
export function memoisedPerNode<T>(judge: (idx: PyFileIndex, n: PyNode) => T | undefined): (idx: PyFileIndex, n: PyNode) => T | undefined {
  const answers = (): Map<number, T | null> => new Map(); // one table per judge and index
  return (idx, n) => rememberedBySpan(memoOn(idx, answers), n, () => judge(idx, n));
}

const resolvedOnce = memoisedPerNode(resolve);

export function resolvedPath(idx: PyFileIndex, n: PyNode | null | undefined): string | undefined {
  return n ? resolvedOnce(idx, n) : undefined;
}

function resolve(idx: PyFileIndex, n: PyNode): string | undefined {
  const p = dottedPath(idx.src, n);
  if (!p) return undefined;
  const head = /^\w+/.exec(p)?.[0];
  const origin = head ? idx.imports.get(head) : undefined;
  return origin ? origin + p.slice(head!.length) : p;
}

/** The values a name holds where it is read: its own scope's bindings, then the module's. */
export function valuesOf(idx: PyFileIndex, name: string, at: PyNode): PyNode[] {
  return localValuesOf(idx, name, at) ?? idx.bindings.get(MODULE_SCOPE)?.get(name) ?? [];
}

/** Whether `name`, read at `at` inside a function or class, is that scope's own: `valuesOf` answers there without the module. */
export function isLocalName(idx: PyFileIndex, name: string, at: PyNode): boolean {
  return scopeOf(at) !== MODULE_SCOPE && localValuesOf(idx, name, at) !== undefined;
}

/**
 * The values the scope a name is read in gives it, or undefined when that scope does not bind it.
 * A parameter binds its name for the function's body as an assignment does: Python never reads the
 * module's binding through it. It brings no value of its own (what it holds comes from the caller;
 * rules that know a parameter's meaning, FastAPI's `Header(…)`, read the parameter when no value is found).
 */
function localValuesOf(idx: PyFileIndex, name: string, at: PyNode): PyNode[] | undefined {
  const scope = name.startsWith('self.') ? classScopeOf(at) : scopeOf(at);
  const local = idx.bindings.get(scope)?.get(name);
  if (scope === MODULE_SCOPE || name.includes('.')) return local;
  const fn = idx.functionsAt.get(scope);
  // Defaults and annotations are read outside the function: only its body (and the parameter's
  // own name, which binds rather than reads) sees the parameters.
  const inBody = !!fn?.body && at.from >= fn.body.from;
  const param = fn?.params.find((p) => p.name === name && (inBody || p.nameNode.from === at.from));
  return param ? local ?? [] : local;
}

/** The function a `FunctionDefinition` node of this file's tree defines (read once, in the index walk). */
export function functionAt(idx: PyFileIndex, def: PyNode): PyFunction | undefined {
  return idx.functionsAt.get(def.from);
}
