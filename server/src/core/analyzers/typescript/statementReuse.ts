import ts from 'typescript';
import type { AnalysisContext } from '../context.js';
import type { RuleFamily } from '../ruleFamily.js';
import type { Finding, Fix, Range, TextEdit } from '../../types.js';
import { changeRange, type ChangeRange } from '../../text/changeRange.js';
import type { LineIndex } from '../../text/lineIndex.js';
import { type FileIndex, type IndexView, forEachDescendant, fullFileIndexOf, moduleSearchCount, narrowedIndex, resolveIn, withIndexView } from './dataflow/fileIndex.js';
import { quoteStyle, usesCommonJs, usesSemicolons } from './imports.js';
import { findIgnoredDotenv } from '../common/dotenvTarget.js';
import { fingerprintOf } from '../../secrets/index.js';

/**
 * Per-statement reuse of findings between keystrokes (issue 15), for the families marked
 * `perStatement`: a statement's findings are taken over from the previous analysis, moved to the
 * new text, unless something they can depend on changed. What they can depend on:
 *
 * - the statement itself: `ts.updateSourceFile` hands over an untouched statement as the same
 *   node object, so a statement that is not the same object is new;
 * - the module-level names it mentions: their declarations, every assignment to them, and what a
 *   function of that name returns, each of which sits in some statement. When a statement that
 *   declares or assigns a name changes, every statement that reads the name (an identifier of
 *   that name not bound to a local) is redone, and so are the readers of the names those declare
 *   in turn (their values may follow);
 * - what fixes read from the whole file (module system, quote and semicolon style, where imports
 *   go), the `.env` they append to, and the file's role: when any of it changes, or an import or
 *   one of the first statements does, nothing is reused.
 *
 * A family marked `perStatement` must report each finding inside the statement whose sites it was
 * judging, or name the site it judged (`ctx.fromSite`) when it reports where it followed a name
 * to (a tool's schema, its handler); and it must say when it looks through the whole module for a binding's uses
 * (`noteScopeSearch`). Both are checked, not assumed: a redone run that reports into a statement
 * it was not asked to redo, or searched the module, is thrown away and the family runs over the
 * whole file; a run that searched the module is not kept for the next keystroke.
 */

const MEMO_KEY = 'typescript.statementFindings';

/** The first statements decide a fix's style (semicolons, the place of inserted imports). */
const STYLE_SAMPLE = 8;

/** Past this many changed module-level names, or half the statements to redo, the whole file is judged again. */
const MAX_CHANGED_NAMES = 64;

type Family = RuleFamily<ts.SourceFile>;

/** What one analysis of a document leaves for the next. */
interface Kept {
  text: string;
  lines: LineIndex;
  signature: string;
  statements: readonly ts.Statement[];
  /** The module-level names each statement declares or assigns. */
  defines: Map<ts.Statement, ReadonlySet<string>>;
  /** Per family that could be reused: the findings each statement's sites produced. */
  findings: Map<Family, Map<ts.Statement, Produced[]>>;
}

/** A finding with the offset of the site that produced it, when the check said (`ctx.fromSite`). */
interface Produced { finding: Finding; site: number | undefined }

/** Which statements must be judged again, and the findings of the others moved to the new text. */
interface Plan {
  redo: Uint8Array;
  moved: Map<Family, Produced[]>;
}

/**
 * Runs the families over a parsed document. Outside the language server (no document memo) every
 * family runs over the whole file; inside it, `perStatement` families redo only stale statements.
 */
export function runFamilies(ctx: AnalysisContext, sf: ts.SourceFile, families: readonly Family[]): void {
  const memo = ctx.parseCache.documentMemo?.(ctx.path);
  if (!memo) {
    for (const f of families) f.check(ctx, sf);
    return;
  }
  const index = fullFileIndexOf(sf);
  const statements = sf.statements;
  const defines = definesOf(sf, index);
  const signature = signatureOf(ctx, sf, index);
  const previous = memo.get(MEMO_KEY) as Kept | undefined;
  const plan = previous && previous.signature === signature ? planReuse(previous, ctx, sf, index, defines) : undefined;
  const kept: Kept = { text: ctx.text, lines: ctx.lines, signature, statements, defines, findings: new Map() };

  let view: IndexView | undefined; // built once, for the first family that reuses anything
  for (const f of families) {
    if (!f.perStatement) {
      f.check(ctx, sf);
      continue;
    }
    const moved = plan?.moved.get(f);
    const mark = ctx.mark();
    if (plan && moved) {
      for (const m of moved) ctx.adopt(m.finding, m.site);
      const fresh = ctx.mark();
      view ??= narrowedIndex(sf, statementFilter(statements, plan.redo));
      const searches = moduleSearchCount();
      withIndexView(sf, view, () => f.check(ctx, sf));
      // A finding from outside the statements redone, one that a kept finding already makes (two
      // registrations of one handler: a whole-file run reports it once), or a look through the
      // whole module: the family reached beyond what its sites name, and runs over the whole file.
      const taken = new Set(moved.map((m) => spotOf(m.finding)));
      if (moduleSearchCount() === searches
        && ctx.since(fresh).every((x) => plan.redo[producerOf(ctx, statements, x)] === 1 && !taken.has(spotOf(x.finding)))) {
        record(kept, f, ctx, statements, ctx.since(mark));
        continue;
      }
      ctx.truncate(mark);
    }
    const searches = moduleSearchCount();
    f.check(ctx, sf);
    // Its findings may depend on statements that do not declare what they name: not kept.
    if (moduleSearchCount() === searches) record(kept, f, ctx, statements, ctx.since(mark));
  }
  memo.set(MEMO_KEY, kept);
}

/** The index of the statement that produced a finding: its site's, else the one it sits in. */
function producerOf(ctx: AnalysisContext, statements: readonly ts.Statement[], x: Produced): number {
  return statementAt(statements, x.site ?? ctx.lines.offsetAt(x.finding.range.start));
}

function spotOf(f: Finding): string {
  return `${f.ruleId}@${f.range.start.line}:${f.range.start.character}`;
}

/** Files a family's findings under the statements that produced them; one from outside every statement makes the family unreusable. */
function record(kept: Kept, f: Family, ctx: AnalysisContext, statements: readonly ts.Statement[], findings: Produced[]): void {
  const by = new Map<ts.Statement, Produced[]>();
  for (const x of findings) {
    const s = statements[producerOf(ctx, statements, x)];
    if (!s) return;
    const list = by.get(s);
    if (list) list.push(x); else by.set(s, [x]);
  }
  kept.findings.set(f, by);
}

/**
 * Whether a node lies in a statement to redo. The index lists nodes in source order, so the last
 * statement found is tried first.
 */
function statementFilter(statements: readonly ts.Statement[], redo: Uint8Array): (n: ts.Node) => boolean {
  let last = 0;
  return (n) => {
    const s = statements[last];
    if (!(s && s.pos <= n.pos && n.pos < s.end)) last = statementAt(statements, n.pos);
    return redo[last] === 1;
  };
}

/**
 * The index of the statement whose span (leading trivia included) holds `offset`; the statement
 * count when it lies after the last one.
 */
export function statementAt(statements: readonly ts.Statement[], offset: number): number {
  let lo = 0;
  let hi = statements.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (statements[mid].end > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * What fixes and the role read from outside the statement judged: the file's style, and the
 * git-ignored `.env` a fix appends to with where its text ends (the server sees files change that
 * its client never reports, such as a fix that created or appended to it). When any of it
 * changes, nothing is reused.
 */
function signatureOf(ctx: AnalysisContext, sf: ts.SourceFile, index: FileIndex): string {
  const dotenv = findIgnoredDotenv(ctx);
  const dotenvText = dotenv === undefined ? '' : fingerprintOf(ctx.host?.readFile(dotenv) ?? '');
  return [ctx.role, index.quote, quoteStyle(sf), usesCommonJs(sf), usesSemicolons(sf), dotenv ?? '', dotenvText].join('\u0000');
}

/** The module-level names each statement declares, assigns or gives a value to. */
function definesOf(sf: ts.SourceFile, index: FileIndex): Map<ts.Statement, ReadonlySet<string>> {
  const out = new Map<ts.Statement, Set<string>>();
  const statements = sf.statements;
  const add = (n: ts.Node, name: string) => {
    const s = statements[statementAt(statements, n.pos)];
    if (!s) return;
    const set = out.get(s);
    if (set) set.add(name); else out.set(s, new Set([name]));
  };
  for (const b of index.bindings) {
    if (b.scope !== sf) continue;
    add(b.decl, b.name);
    for (const v of b.values) add(v.expr, b.name);
    for (const w of b.writes) add(w, b.name);
  }
  return out;
}

const EMPTY: ReadonlySet<string> = new Set();

/** Statements whose change invalidates every statement's findings: imports and requires, exports of the module system. */
function isModuleLevel(s: ts.Statement, text: string): boolean {
  return ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s)
    || (ts.isVariableStatement(s) && /\brequire\s*\(/.test(text.slice(s.pos, s.end)));
}

function planReuse(previous: Kept, ctx: AnalysisContext, sf: ts.SourceFile, index: FileIndex, defines: Map<ts.Statement, ReadonlySet<string>>): Plan | undefined {
  const statements = sf.statements;
  const before = new Set(previous.statements);
  const now = new Map<ts.Statement, number>();
  statements.forEach((s, i) => now.set(s, i));
  const redo = new Uint8Array(statements.length + 1);
  redo[statements.length] = 1; // after the last statement: nothing is kept there
  const names = new Set<string>();
  const queue: string[] = [];
  const addNames = (set: ReadonlySet<string> | undefined) => {
    for (const n of set ?? EMPTY) if (!names.has(n)) { names.add(n); queue.push(n); }
  };

  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    if (before.has(s)) continue;
    if (i < STYLE_SAMPLE || isModuleLevel(s, ctx.text)) return undefined;
    redo[i] = 1;
    addNames(defines.get(s));
  }
  for (let i = 0; i < previous.statements.length; i++) {
    const s = previous.statements[i];
    if (now.has(s)) continue;
    if (i < STYLE_SAMPLE || isModuleLevel(s, previous.text)) return undefined;
    addNames(previous.defines.get(s));
  }
  // Forward: a statement that mentions a changed name may judge differently, and so may the
  // statements that mention the names it declares. Past a budget (an edit that broke the
  // structure, so a function's locals now sit at the top level) a whole-file run is cheaper.
  let redone = 0;
  while (queue.length) {
    if (names.size > MAX_CHANGED_NAMES) return undefined;
    for (const i of statementsReading(sf, index, queue.pop()!, statements)) {
      if (redo[i]) continue;
      redo[i] = 1;
      if (++redone > statements.length / 2) return undefined;
      addNames(defines.get(statements[i]));
    }
  }

  const change = changeRange(previous.text, ctx.text);
  const movedBy = new Map<Family, { at: number; moved: Produced }[]>();
  for (const [f, by] of previous.findings) {
    const list: { at: number; moved: Produced }[] = [];
    for (const [s, findings] of by) {
      const at = now.get(s);
      if (at === undefined || redo[at]) continue;
      for (const x of findings) {
        const m = moveFinding(x.finding, previous.lines, ctx.lines, change);
        // A finding whose range or fix touches the changed text is judged again with its statement.
        if (m) list.push({ at, moved: { finding: m, site: x.site === undefined ? undefined : moveOffset(x.site, change) } });
        else redo[at] = 1;
      }
    }
    movedBy.set(f, list);
  }
  const moved = new Map<Family, Produced[]>();
  for (const [f, list] of movedBy) moved.set(f, list.filter((m) => !redo[m.at]).map((m) => m.moved));
  return { redo, moved };
}

/** Each statement's identifiers by name, worked out once per statement node (a reused statement keeps its list). */
const identifiersOf = new WeakMap<ts.Statement, Map<string, ts.Identifier[]>>();

function identifiersIn(s: ts.Statement): Map<string, ts.Identifier[]> {
  let ids = identifiersOf.get(s);
  if (ids) return ids;
  const found = new Map<string, ts.Identifier[]>();
  forEachDescendant(s, (n) => {
    if (n.kind !== ts.SyntaxKind.Identifier) return;
    const id = n as ts.Identifier;
    const list = found.get(id.text);
    if (list) list.push(id); else found.set(id.text, [id]);
  });
  identifiersOf.set(s, (ids = found));
  return ids;
}

/**
 * Indices of the statements that may read the module-level `name`: one of its identifiers of that
 * name resolves to the module's binding or to none (the binding may just have been removed). One
 * that resolves to a local of the same name (a function's own `controller`) reads something else.
 */
function statementsReading(sf: ts.SourceFile, index: FileIndex, name: string, statements: readonly ts.Statement[]): number[] {
  const out: number[] = [];
  statements.forEach((s, i) => {
    const ids = identifiersIn(s).get(name);
    if (ids?.some((id) => { const b = resolveIn(index, id); return !b || b.scope === sf; })) out.push(i);
  });
  return out;
}


/** An offset of the previous text outside the change, in the new text. */
function moveOffset(o: number, change: ChangeRange): number {
  return o < change.span.start ? o : o + change.newLength - change.span.length;
}

/** A finding of the previous text moved to the new one; undefined when any of its offsets falls in the change. */
function moveFinding(f: Finding, from: LineIndex, to: LineIndex, change: ChangeRange): Finding | undefined {
  const start = change.span.start;
  const oldEnd = start + change.span.length;
  const delta = change.newLength - change.span.length;
  let touched = false;
  const moveRange = (r: Range): Range => {
    const a = from.offsetAt(r.start);
    const b = from.offsetAt(r.end);
    const shift = (o: number) => {
      if (o < start) return o;
      if (o > oldEnd) return o + delta;
      touched = true;
      return o;
    };
    return to.range(shift(a), shift(b));
  };
  const moveEdit = (e: TextEdit): TextEdit => ({ ...e, range: moveRange(e.range) });
  const range = moveRange(f.range);
  const fixes = f.fixes.map((x): Fix => ({ ...x, edits: x.edits.map(moveEdit) }));
  return touched ? undefined : { ...f, range, fixes };
}
