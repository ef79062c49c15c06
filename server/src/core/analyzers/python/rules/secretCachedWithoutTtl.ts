import * as path from 'node:path';
import type { AnalysisContext } from '../../context.js';
import type { Fix, TextEdit } from '../../../types.js';
import { describeSource } from '../../common/secretSource.js';
import {
  TTL_REVIEW_NOTE, TTL_WORDS, secretCachedFixTitle, secretCachedMessage, type ForeverCache,
} from '../../common/wording/secret-cached-without-ttl.js';
import { MODULE_SCOPE, importedAs, resolvedPath, scopeOf, type PyFileIndex } from '../fileIndex.js';
import { pySecretFlowOf, withLiteralSecretName, type PySecretSource } from '../flow.js';
import { symbolPathOf } from '../literalSites.js';
import {
  callOf, children, enclosingFunction, forEachNode, namedChildren, nodeKey, textOf,
  type PyAssignment, type PyCall, type PyFunction, type PyNode,
} from '../syntax.js';

const RULE = 'secret-cached-without-ttl';

/** Cheap gate: the calls the flow knows as secret fetches (secrets managers, keyring, token endpoints). */
export const MAY_FETCH_SECRET = /get_secret|access_secret_version|read_secret|\.read\s*\(|get_parameter|get_password|\.json\s*\(/;
/** A clock read, a TTL, an expiry: the code already bounds the cache's life. */
const TTL_EVIDENCE = new RegExp(`\\btime\\.(time|monotonic|perf_counter)(_ns)?\\s*\\(|\\bmonotonic\\s*\\(|\\.(now|utcnow|today)\\s*\\(|(^|[^A-Za-z])ttl([^A-Za-z]|$)|TTLCache|TLRUCache|${TTL_WORDS.source}`, 'm');
/** A refresh loop (`while True: … sleep(…)`), or a timer or scheduler that runs the function. */
const LOOP_WITH_SLEEP = /\bwhile\b[\s\S]*\bsleep\s*\(/;
const TIMER_CALL = /(^|\.)(Timer|add_job|call_later|call_at|every|do|schedule|repeat)$/;
const PERIODIC_DECORATOR = /repeat_every|scheduled_job|periodic|interval|every|cron/;
/** Memoising decorators with no expiry. */
const FOREVER_MEMO = /^(functools\.(lru_cache|cache)|async_lru\.alru_cache|cachetools\.func\.(lru_cache|lfu_cache|fifo_cache|rr_cache|mru_cache))$/;

const HELPER = '_cached_with_ttl';
const TTL_TEXT = '5 * 60';

/**
 * secret-cached-without-ttl for Python: a secrets-manager result (boto3 `get_secret_value`, SSM with
 * decryption, GCP `access_secret_version`, Azure `SecretClient.get_secret`, hvac reads, keyring, a
 * token endpoint's response) kept for the life of the process:
 *   - in a module-level binding (`API_KEY = sm.get_secret_value(…)["SecretString"]`);
 *   - in a module global a function sets once (`global _key; if _key is None: _key = …`);
 *   - returned by a function memoised with `functools.lru_cache` / `functools.cache` / `alru_cache`.
 * A function (or statement) that reads a clock or mentions an expiry/TTL, a refresh loop and a
 * timer-driven refresh count as a TTL; `os.environ` reads are not secrets-manager fetches.
 */
export function checkPySecretCachedWithoutTtl(ctx: AnalysisContext, idx: PyFileIndex): void {
  const flow = pySecretFlowOf(idx);
  const fetched = (n: PyNode | undefined): PySecretSource | undefined => {
    const s = n && (flow.secretOf(n) ?? flow.secretOf(parsedPayload(idx, n)));
    return s?.kind === 'secret-manager' ? withLiteralSecretName(idx, s) : undefined;
  };
  const fixer = new TtlFixer(ctx, idx);
  const reported = new Set<string>();
  const report = (at: { from: number; to: number }, holder: string, source: PySecretSource, where: ForeverCache, fixes: Fix[]) => {
    reported.add(nodeKey(source.node));
    ctx.report({
      ruleId: RULE,
      start: at.from,
      end: at.to,
      message: secretCachedMessage(holder, describeSource(source), where),
      fingerprintSource: `${holder}:${source.name}:${source.secretName ?? ''}`,
      symbolPath: symbolPathOf(idx.src, nodeAt(idx, at.from), holder),
      fixes,
    });
  };
  // Worked out only when a candidate needs it: most files cache nothing.
  let timers: ReturnType<typeof timerTargets> | undefined;
  const managed = (fn: PyFunction) => isManaged(idx, fn, (timers ??= timerTargets(idx)));

  // 1. Functions memoised forever.
  for (const fn of idx.functions) {
    const deco = fn.decorators.find((d) => FOREVER_MEMO.test(decoratorPath(idx, d.path)) && !(d.args.some((a) => a.name === 'ttl')));
    if (!deco) continue;
    const isFunctools = decoratorPath(idx, deco.path).startsWith('functools.');
    // functools memoises an `async def`'s coroutine object, which cannot be awaited twice: a bug of its own.
    if ((isFunctools && fn.async) || managed(fn)) continue;
    const source = returnedSecret(idx, fn, fetched);
    if (!source || reported.has(nodeKey(source.node))) continue;
    const text = textOf(idx.src, deco.node).trimEnd();
    const at = { from: deco.node.from, to: deco.node.from + text.length };
    report(at, fn.name, source, { kind: 'memoized', decorator: text.replace(/\(.*$/s, '') }, fixer.memoFix(fn, deco, at));
  }

  // 2. Module globals written inside functions (`global _key`).
  const writes = /\bglobal\s/.test(idx.src) ? globalWrites(idx) : [];
  const managedNames = new Set<string>();
  for (const w of writes) {
    if (managed(w.fn) || (w.a.value && callsManagedFunction(idx, w.a.value, managed))) managedNames.add(w.name);
  }
  const moduleTargets = moduleAssignments(idx);
  const reportedNames = new Set<string>();
  for (const w of writes) {
    if (managedNames.has(w.name) || reportedNames.has(w.name) || !w.a.value) continue;
    const source = fetched(w.a.value);
    if (!source || reported.has(nodeKey(source.node))) continue;
    const decl = moduleTargets.find((m) => m.name === w.name);
    reportedNames.add(w.name);
    report(decl?.target ?? w.target, w.name, source, { kind: 'function', fn: `'${w.fn.name}'` },
      fixer.globalFix(w, writes.filter((x) => x.name === w.name).length));
  }

  // 3. Module-level bindings initialised with a fetch.
  for (const m of moduleTargets) {
    if (managedNames.has(m.name) || !m.a.value || TTL_EVIDENCE.test(codeText(idx, m.a.node))) continue;
    const source = fetched(m.a.value);
    if (!source || reported.has(nodeKey(source.node))) continue;
    report(m.target, m.name, source, { kind: 'module' }, fixer.moduleFix(m, moduleTargets, writes));
  }
}

/** A node's text with its comments blanked: a comment that mentions a TTL is not one. */
function codeText(idx: PyFileIndex, n: PyNode): string {
  let text = textOf(idx.src, n);
  forEachNode(n, (c) => {
    if (c.name === 'Comment') text = text.slice(0, c.from - n.from) + ' '.repeat(c.to - c.from) + text.slice(c.to - n.from);
  });
  return text;
}

/** A decorator's path with its first name resolved through the imports (`lru_cache()` → `functools.lru_cache`). */
function decoratorPath(idx: PyFileIndex, p: string): string {
  const bare = p.replace(/\(\)$/, '');
  const head = /^\w+/.exec(bare)?.[0];
  const origin = head ? idx.imports.get(head) : undefined;
  return origin ? origin + bare.slice(head!.length) : bare;
}

/** The innermost node at an offset (for the symbol path of a range that is not a node). */
function nodeAt(idx: PyFileIndex, at: number): PyNode {
  return idx.root.resolveInner(at, 1);
}

/**
 * The text a JSON payload is parsed from: `json.loads(resp["SecretString"])["api_key"]` reads a
 * field of the parsed secret, so it holds what `resp["SecretString"]` holds.
 */
function parsedPayload(idx: PyFileIndex, n: PyNode): PyNode | undefined {
  let cur: PyNode | null = n;
  for (let i = 0; cur && i < 8; i++) {
    if (cur.name === 'ParenthesizedExpression') cur = namedChildren(cur)[0] ?? null;
    else if (cur.name === 'MemberExpression') cur = cur.firstChild;
    else if (cur.name === 'CallExpression') {
      const call: PyCall = callOf(idx.src, cur)!;
      const p = resolvedPath(idx, call.callee) ?? '';
      if (p === 'json.loads' || p === 'orjson.loads' || p === 'ujson.loads' || p === 'yaml.safe_load') return call.args[0]?.value;
      // `json.loads(…).get("api_key")`, `json.loads(…)["api_key"].strip()`
      cur = call.callee.name === 'MemberExpression' ? call.callee.firstChild : null;
    } else return undefined;
  }
  return undefined;
}

/** The secret a function returns (its own `return`s, not those of nested functions). */
function returnedSecret(idx: PyFileIndex, fn: PyFunction, fetched: (n: PyNode | undefined) => PySecretSource | undefined): PySecretSource | undefined {
  for (const r of idx.returns) {
    if (r.from < fn.node.from || r.to > fn.node.to || enclosingFunction(r)?.from !== fn.node.from) continue;
    const value = namedChildren(r)[0];
    const s = value && fetched(value);
    if (s) return s;
  }
  return undefined;
}

const SCOPE_STATEMENTS: ReadonlySet<string> = new Set(['ScopeStatement']);
const NAMES_AND_SCOPES: ReadonlySet<string> = new Set(['ScopeStatement', 'VariableName']);

interface GlobalWrite { fn: PyFunction; name: string; target: PyNode; a: PyAssignment }

/** Assignments to names a function declares `global`. */
function globalWrites(idx: PyFileIndex): GlobalWrite[] {
  const src = idx.src;
  const out: GlobalWrite[] = [];
  const byFn = new Map<number, PyFunction>(idx.functions.map((f) => [f.node.from, f]));
  const globals = new Map<number, Set<string>>();
  forEachNode(idx.root, (n) => {
    if (n.name !== 'ScopeStatement' || n.firstChild?.name !== 'global') return;
    const fn = enclosingFunction(n);
    if (!fn) return;
    let names = globals.get(fn.from);
    if (!names) globals.set(fn.from, (names = new Set()));
    for (const v of n.getChildren('VariableName')) names.add(textOf(src, v));
  }, SCOPE_STATEMENTS);
  for (const a of idx.assignments) {
    const fnNode = enclosingFunction(a.node);
    const names = fnNode && globals.get(fnNode.from);
    if (!names || a.augmented) continue;
    for (const t of a.targets) {
      if (t.name === 'VariableName' && names.has(textOf(src, t))) out.push({ fn: byFn.get(fnNode.from)!, name: textOf(src, t), target: t, a });
    }
  }
  return out;
}

interface ModuleAssignment { name: string; target: PyNode; a: PyAssignment }

function moduleAssignments(idx: PyFileIndex): ModuleAssignment[] {
  const out: ModuleAssignment[] = [];
  for (const a of idx.assignments) {
    if (a.augmented || scopeOf(a.node) !== MODULE_SCOPE) continue;
    for (const t of a.targets) if (t.name === 'VariableName') out.push({ name: textOf(idx.src, t), target: t, a });
  }
  return out;
}

/** Names of functions a timer or scheduler runs: `threading.Timer(300, refresh)`, `scheduler.add_job(refresh, "interval", …)`. */
function timerTargets(idx: PyFileIndex): Set<string> {
  const out = new Set<string>();
  for (const n of idx.calls) {
    const call = callOf(idx.src, n)!;
    if (!TIMER_CALL.test(resolvedPath(idx, call.callee) ?? '')) continue;
    for (const a of call.args) if (a.value.name === 'VariableName') out.add(textOf(idx.src, a.value));
  }
  return out;
}

/** The function bounds what it keeps: it reads a clock or mentions an expiry, loops with a sleep, or a timer runs it. */
function isManaged(idx: PyFileIndex, fn: PyFunction, timers: Set<string>): boolean {
  const text = codeText(idx, fn.node.parent?.name === 'DecoratedStatement' ? fn.node.parent : fn.node);
  return TTL_EVIDENCE.test(text) || LOOP_WITH_SLEEP.test(text) || timers.has(fn.name)
    || fn.decorators.some((d) => PERIODIC_DECORATOR.test(d.path));
}

/** `_key = _load_key()` where `_load_key` is a function of this file that bounds its cache. */
function callsManagedFunction(idx: PyFileIndex, value: PyNode, managed: (fn: PyFunction) => boolean): boolean {
  let found = false;
  forEachNode(value, (n) => {
    if (found) return false;
    if (n.name !== 'CallExpression' || n.firstChild?.name !== 'VariableName') return;
    found = (idx.functionsByName.get(textOf(idx.src, n.firstChild)) ?? []).some(managed);
  });
  return found;
}

// ---- fixes ----

/** Builds the TTL rewrites: a generated `_cached_with_ttl` decorator, or `cachetools.TTLCache` where the project has it. */
class TtlFixer {
  private cachetools: { cached: string; ttlCache: string; importLine?: string } | null | undefined;
  private readonly indent: string;
  private readonly eol: string;

  constructor(private readonly ctx: AnalysisContext, private readonly idx: PyFileIndex) {
    this.indent = /^([ \t]+)\S/m.exec(idx.src)?.[1] ?? '    ';
    this.eol = ctx.lines.eol();
  }

  /** `@lru_cache` → `@_cached_with_ttl(5 * 60)` (or `@cachetools.cached(cachetools.TTLCache(…))`). */
  memoFix(fn: PyFunction, deco: PyFunction['decorators'][number], at: { from: number; to: number }): Fix[] {
    if (decoratorPath(this.idx, deco.path) === 'async_lru.alru_cache') {
      // async-lru takes the TTL itself: `@alru_cache` → `@alru_cache(ttl=5 * 60)`.
      const text = textOf(this.idx.src, deco.node).slice(0, at.to - at.from);
      const close = text.lastIndexOf(')');
      const edit = close < 0 ? this.ctx.edit(at.to, at.to, `(ttl=${TTL_TEXT})`)
        : this.ctx.edit(at.from + close, at.from + close, `${deco.args.length ? ', ' : ''}ttl=${TTL_TEXT}`);
      return [{ title: secretCachedFixTitle(fn.name, 'alru_cache ttl'), applicability: 'unsafe', isPreferred: true, edits: [edit] }];
    }
    if (fn.async || new RegExp(`\\b${fn.name}\\.cache_info\\b`).test(this.idx.src)) return [];
    const top = topLevelStatement(fn.node);
    if (!top) return [];
    const ct = this.cachetoolsNames();
    const setup = this.setupEdit(top.from, !ct);
    if (setup === null) return [];
    const args = fn.params.filter((p) => p.name !== 'self' && p.name !== 'cls');
    const maxsize = deco.args.find((a) => a.name === 'maxsize')?.value ?? deco.args.find((a) => !a.name)?.value;
    const size = !args.length ? '1' : maxsize?.name === 'Number' ? textOf(this.idx.src, maxsize) : '128';
    const replacement = ct ? `@${ct.cached}(${ct.ttlCache}(maxsize=${size}, ttl=${TTL_TEXT}))` : `@${HELPER}(${TTL_TEXT})`;
    return [this.fix(fn.name, !!ct, this.withSetup(setup, at.from, at.to, replacement))];
  }

  /**
   * `if _key is None: _key = <fetch>` inside a function with `global _key` → `_key = _load_key()`,
   * with `_load_key` a module-level TTL-cached function returning `<fetch>`.
   */
  globalFix(w: GlobalWrite, writeCount: number): Fix[] {
    const src = this.idx.src;
    const value = w.a.value;
    if (writeCount !== 1 || !value || w.fn.async || w.a.targets.length !== 1 || /\bawait\b|\\\r?\n/.test(textOf(src, value))) return [];
    const body = w.a.node.parent;
    const iff = body?.parent;
    if (body?.name !== 'Body' || iff?.name !== 'IfStatement' || namedChildren(body).filter((c) => c.name !== 'Comment').length !== 1) return [];
    const parts = children(iff);
    if (parts.length !== 3 || !new RegExp(`\\b${w.name}\\b`).test(textOf(src, parts[1]))) return [];
    if (!onlyModuleNames(this.idx, value, w.fn)) return [];
    const top = topLevelStatement(w.fn.node);
    if (!top) return [];
    const loader = this.loaderName(w.name);
    const ct = this.cachetoolsNames();
    const setup = this.setupEdit(top.from, !ct);
    if (setup === null) return [];
    const eol = this.eol;
    const decl = `${this.loaderDecl(loader, textOf(src, value), ct)}${eol}${eol}${eol}`;
    const edits = this.withSetup(setup, top.from, top.from, decl);
    // The `if` ends where its one statement ends (its node runs on to the next line's indentation).
    edits.push(this.ctx.edit(iff.from, w.a.node.to, `${w.name} = ${loader}()`));
    return [this.fix(w.name, !!ct, edits)];
  }

  /**
   * `API_KEY = <fetch>` at module level, read only inside functions → a TTL-cached
   * `def load_api_key(): return <fetch>` and every read `load_api_key()`.
   */
  moduleFix(m: ModuleAssignment, all: ModuleAssignment[], writes: GlobalWrite[]): Fix[] {
    const src = this.idx.src;
    const value = m.a.value;
    const stmt = m.a.node;
    if (!value || m.a.targets.length !== 1 || stmt.parent?.name !== 'Script') return [];
    if (all.filter((x) => x.name === m.name).length !== 1 || writes.some((w) => w.name === m.name)) return [];
    if (/\bawait\b|\\\r?\n/.test(textOf(src, value)) || new RegExp(`__all__[^\\n]*['"]${m.name}['"]`).test(src)) return [];
    const reads = readsOf(this.idx, m.name, stmt);
    if (!reads?.length) return [];
    const loader = this.loaderName(m.name);
    const ct = this.cachetoolsNames();
    const setup = this.setupEdit(stmt.from, !ct);
    if (setup === null) return [];
    const annotation = m.a.annotation ? ` -> ${textOf(src, m.a.annotation)}` : '';
    const decl = this.loaderDecl(loader, textOf(src, value), ct, annotation);
    const edits = this.withSetup(setup, stmt.from, stmt.to, decl);
    for (const r of reads) edits.push(this.ctx.edit(r.from, r.to, `${loader}()`));
    return [this.fix(m.name, !!ct, edits)];
  }

  /** The rewrite of `[from, to)` with the setup text inserted before it (in one edit when they meet). */
  private withSetup(setup: { at: number; text: string } | undefined, from: number, to: number, text: string): TextEdit[] {
    if (!setup) return [this.ctx.edit(from, to, text)];
    if (setup.at === from) return [this.ctx.edit(from, to, setup.text + text)];
    return [this.ctx.edit(setup.at, setup.at, setup.text), this.ctx.edit(from, to, text)];
  }

  private fix(holder: string, cachetools: boolean, edits: TextEdit[]): Fix {
    return {
      title: secretCachedFixTitle(holder, cachetools ? 'cachetools.TTLCache' : `generated ${HELPER} helper`),
      applicability: 'unsafe',
      isPreferred: true,
      edits,
    };
  }

  private loaderDecl(loader: string, body: string, ct: { cached: string; ttlCache: string } | null, returns = ''): string {
    const eol = this.eol;
    const deco = ct ? `@${ct.cached}(${ct.ttlCache}(maxsize=1, ttl=${TTL_TEXT}))` : `@${HELPER}(${TTL_TEXT})`;
    return `# ${TTL_REVIEW_NOTE}${eol}${deco}${eol}def ${loader}()${returns}:${eol}${this.indent}return ${body}`;
  }

  private loaderName(name: string): string {
    const lead = /^_*/.exec(name)![0];
    const base = `${lead}load_${name.slice(lead.length).toLowerCase() || 'secret'}`;
    for (const c of [base, `${base}_with_ttl`, `${base}_cached`]) if (!new RegExp(`\\b${c}\\b`).test(this.idx.src)) return c;
    return `${base}_${this.idx.src.length}`;
  }

  /**
   * What must exist before `before` for the rewrite to run: `import cachetools`, or the generated
   * helper and the modules it uses. Undefined when nothing is missing; null when it cannot be added
   * safely (the helper's name or a module name is taken, or the helper is defined after `before`).
   */
  private setupEdit(before: number, needsHelper: boolean): { at: number; text: string } | undefined | null {
    const src = this.idx.src;
    const lines: string[] = [];
    if (needsHelper) {
      const existing = this.idx.functionsByName.get(HELPER)?.find((f) => scopeOf(f.node) === MODULE_SCOPE);
      if (existing) return existing.node.from < before ? undefined : null;
      if (this.idx.functionsByName.has(HELPER)) return null;
      for (const mod of ['functools', 'time']) {
        const bound = this.idx.imports.get(mod);
        if (bound === mod) continue;
        if (bound !== undefined || this.idx.bindings.get(MODULE_SCOPE)?.has(mod)) return null;
        lines.push(`import ${mod}`);
      }
    } else if (this.cachetools?.importLine) lines.push(this.cachetools.importLine);
    if (!lines.length && !needsHelper) return undefined;
    const eol = this.eol;
    const at = Math.min(this.afterImports(), before);
    const atLineStart = at === 0 || src[at - 1] === '\n';
    let text = (atLineStart ? '' : eol) + lines.map((l) => l + eol).join('');
    if (needsHelper) {
      const blankAfter = /^[ \t]*\r?\n/.test(src.slice(at));
      text += (lines.length ? eol + eol : '') + helperSource(this.indent, eol) + eol + (blankAfter ? '' : eol);
    }
    if (at === before) text = text.replace(/^(\r?\n)+/, '');
    return { at, text };
  }

  /** The start of the line after the last module-level import (after a module docstring when there is none). */
  private afterImports(): number {
    const src = this.idx.src;
    let end = 0;
    for (const s of namedChildren(this.idx.root)) {
      if (s.name === 'ImportStatement') end = s.to;
      else if (end === 0 && s.name === 'ExpressionStatement' && s.firstChild?.name === 'String' && s.from === namedChildren(this.idx.root).find((x) => x.name !== 'Comment')?.from) end = s.to;
    }
    if (end === 0) return 0;
    const nl = src.indexOf('\n', end);
    return nl < 0 ? src.length : nl + 1;
  }

  private cachetoolsNames(): { cached: string; ttlCache: string; importLine?: string } | null {
    if (this.cachetools !== undefined) return this.cachetools;
    const imports = this.idx.imports;
    const local = (origin: string) => importedAs(this.idx, origin);
    const mod = local('cachetools');
    const cached = local('cachetools.cached');
    const ttl = local('cachetools.TTLCache');
    if (cached && ttl) return (this.cachetools = { cached, ttlCache: ttl });
    if (mod) return (this.cachetools = { cached: `${mod}.cached`, ttlCache: `${mod}.TTLCache` });
    if ((cached || ttl || declaresDependency(this.ctx, 'cachetools')) && !this.idx.bindings.get(MODULE_SCOPE)?.has('cachetools') && !imports.has('cachetools')) {
      return (this.cachetools = { cached: 'cachetools.cached', ttlCache: 'cachetools.TTLCache', importLine: 'import cachetools' });
    }
    return (this.cachetools = null);
  }
}

/** The module-level statement a node sits in. */
function topLevelStatement(n: PyNode): PyNode | undefined {
  let cur = n;
  while (cur.parent && cur.parent.name !== 'Script') cur = cur.parent;
  return cur.parent ? cur : undefined;
}

/** Every name `value` reads is free in `fn` (not a parameter or a local of it): the expression can move to module level. */
function onlyModuleNames(idx: PyFileIndex, value: PyNode, fn: PyFunction): boolean {
  const src = idx.src;
  const locals = new Set([...fn.params.map((p) => p.name), ...(idx.bindings.get(fn.node.from)?.keys() ?? [])]);
  let ok = true;
  forEachNode(value, (n) => {
    if (!ok) return false;
    if (n.name === 'LambdaExpression' || n.name === 'ArrayComprehensionExpression' || n.name === 'DictionaryComprehensionExpression'
      || n.name === 'SetComprehensionExpression' || n.name === 'ComprehensionExpression') { ok = false; return false; }
    if (n.name === 'VariableName' && !isKeywordName(n) && (locals.has(textOf(src, n)) || textOf(src, n) === 'self')) ok = false;
  });
  return ok;
}

/** The `name` of a keyword argument `f(name=…)`. */
function isKeywordName(n: PyNode): boolean {
  return n.parent?.name === 'ArgList' && n.nextSibling?.name === 'AssignOp';
}

/**
 * The reads of a module binding, when every one sits in the body of a function that does not bind
 * the name itself; undefined when one does not (a module-level read, a default value, a shadowing
 * local, a `global` declaration).
 */
function readsOf(idx: PyFileIndex, name: string, decl: PyNode): PyNode[] | undefined {
  const src = idx.src;
  const out: PyNode[] = [];
  let ok = true;
  forEachNode(idx.root, (n) => {
    if (!ok) return false;
    if (n.from >= decl.from && n.to <= decl.to) return false;
    if (n.name === 'ScopeStatement' && n.getChildren('VariableName').some((v) => textOf(src, v) === name)) { ok = false; return false; }
    if (n.name !== 'VariableName' || textOf(src, n) !== name || isKeywordName(n)) return;
    const fnNode = enclosingFunction(n);
    const fn = fnNode && idx.functions.find((f) => f.node.from === fnNode.from);
    const inBody = !!fn?.body && n.from >= fn.body.from && n.to <= fn.body.to;
    if (!fn || !inBody || fn.params.some((p) => p.name === name) || idx.bindings.get(fn.node.from)?.has(name)) { ok = false; return false; }
    out.push(n);
  }, NAMES_AND_SCOPES);
  return ok ? out : undefined;
}

/** A `requirements*.txt` or `pyproject.toml` from the file's folder up to the workspace root names the package. */
function declaresDependency(ctx: AnalysisContext, pkg: string): boolean {
  const host = ctx.host;
  if (!host) return false;
  const root = host.workspaceRoot(ctx.path);
  const re = new RegExp(`(^|["'\\s,\\[])${pkg}\\s*([<>=!~;\\[,"'\\s]|$)`, 'mi');
  let dir = path.dirname(ctx.path);
  for (let i = 0; i < 16; i++) {
    for (const f of ['requirements.txt', 'pyproject.toml']) {
      const text = host.readFile(path.join(dir, f));
      if (text && re.test(text)) return true;
    }
    if (!root || dir === root) break;
    const parent = path.dirname(dir);
    if (parent === dir || !parent.startsWith(root)) break;
    dir = parent;
  }
  return false;
}

/** The generated TTL decorator (same contract as the TypeScript fix's `cachedWithTtl`). */
function helperSource(i: string, eol: string): string {
  const lines = [
    `def ${HELPER}(ttl_seconds):`,
    `${i}"""Generated by secretzero: re-runs the function once \`ttl_seconds\` have passed, so rotated secrets reach the running server."""`,
    `${i}def decorate(load):`,
    `${i}${i}entries = {}`,
    '',
    `${i}${i}@functools.wraps(load)`,
    `${i}${i}def cached(*args, **kwargs):`,
    `${i}${i}${i}key = (args, tuple(sorted(kwargs.items())))`,
    `${i}${i}${i}now = time.monotonic()`,
    `${i}${i}${i}hit = entries.get(key)`,
    `${i}${i}${i}if hit is not None and now < hit[1]:`,
    `${i}${i}${i}${i}return hit[0]`,
    `${i}${i}${i}value = load(*args, **kwargs)`,
    `${i}${i}${i}entries[key] = (value, now + ttl_seconds)`,
    `${i}${i}${i}return value`,
    '',
    `${i}${i}cached.cache_clear = entries.clear`,
    `${i}${i}return cached`,
    '',
    `${i}return decorate`,
  ];
  return lines.join(eol) + eol;
}
