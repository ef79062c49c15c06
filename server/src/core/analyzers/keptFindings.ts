import type { AnalysisContext } from './context.js';
import type { RuleFamily } from './ruleFamily.js';
import type { Finding, Fix, Range, TextEdit } from '../types.js';
import { changeIn, shiftedOffset, touchesChange, type ChangeRange } from '../text/changeRange.js';
import type { LineIndex } from '../text/lineIndex.js';
import { lowerBoundBy } from '../text/sorted.js';

/**
 * Findings kept per top-level statement between keystrokes (issue 15), language-neutral: each
 * analyzer says what its statements are and what they declare and read
 * (typescript/statementReuse.ts, python/statementReuse.ts); this file decides which statements
 * to judge again and moves the other statements' findings to the new text.
 *
 * A statement's findings are kept unless something they can depend on changed:
 * - the statement itself (the analyzer tells an untouched statement from a new one);
 * - the module-level names its sites read: when a statement that declares or assigns a name
 *   changes, every statement that reads the name is judged again, and so are the readers of the
 *   names those declare in turn (their values may follow);
 * - names whose meaning the analyzer compares over the whole file (`facts`: what imports and
 *   requires bind), so that a changed import reaches every statement that says its names;
 * - what the analyzer puts in its signature (the file's role and style, which `.env` a fix would
 *   append to, what fixes read from the imports…), and statements it marks as resetting everything
 *   (the statements that decide where Python fixes insert an import): then nothing is kept;
 * - a fix that edits a statement other than the finding's own and its producer's: such a finding
 *   is always judged again;
 * - a fix that edits another file: such a finding is always judged again.
 *
 * A family marked `perStatement` must report each finding inside the statement whose sites it is
 * judging, or name the site it judged (`ctx.fromSite`) when it reports where it followed a name
 * to, and must say when it searched the whole module for a binding's uses. Both are checked, not
 * assumed: a narrowed run that reports for a statement it was not asked to judge, repeats a kept
 * finding or searched the module is thrown away and the family runs over the whole file; a run
 * that searched the module is not kept for the next keystroke.
 */

let moduleSearches = 0;

/**
 * A rule looked through the whole module for the uses of a module-level binding (or for
 * statements that change a module-level value without assigning it): that reaches statements the
 * site does not name, so the check is neither trusted per statement nor kept this time.
 */
export function noteModuleSearch(): void { moduleSearches++; }

/** How many module-wide searches rules have made so far (compare before and after a check). */
export function moduleSearchCount(): number { return moduleSearches; }

/** Past this many changed module-level names, or half the statements to redo, the whole file is judged again. */
const MAX_CHANGED_NAMES = 64;

/** What an analyzer tells about the statements of the document it is analysing. */
export interface Statements<Key> {
  count: number;
  /** What identifies statement `i` to the next analysis. */
  key(i: number): Key;
  /** The statement kept from the previous analysis (of `before`) as `key`, when it is untouched here. */
  indexOfKept(key: Key, change: ChangeRange, before: string): number | undefined;
  /** The statement holding `offset` (leading trivia included); `count` after the last one. */
  at(offset: number): number;
  /** Module-level names statement `i` declares, assigns or gives a value to. */
  defines(i: number): ReadonlySet<string>;
  /**
   * Statements that may read the module-level `name`; with `byText`, every statement that says it,
   * where its own local shadows it too: rules look imports up by name (`moduleOf`, Python's import
   * map), whatever the scope.
   */
  readers(name: string, byText: boolean): Iterable<number>;
  /** What the analyzer compares as a whole between keystrokes (what imports bind), kept with the findings. */
  facts?: WholeFileFacts;
  /** A change of statement `i` (one that decides where fixes insert an import) invalidates every kept finding. */
  resetsAll(i: number): boolean;
}

/**
 * Facts of the whole file that no statement's `defines` carries, such as what its imports bind
 * (rules look them up by name): an edit to an import changes a name's meaning wherever it is said.
 */
export interface WholeFileFacts {
  /** The module-level names whose meaning differs from `before` (the facts kept last time): every statement that says them is judged again. */
  changedSince(before: WholeFileFacts): Iterable<string>;
}

/**
 * A name → meaning map compared name by name (an import map: local name → what it is imported
 * as): the names added, removed or given another meaning have changed. Holds strings only.
 */
export class NameMeanings implements WholeFileFacts {
  constructor(private readonly meanings: ReadonlyMap<string, string>) {}

  changedSince(before: WholeFileFacts): string[] {
    if (!(before instanceof NameMeanings)) throw new Error('name meanings compared with other facts');
    const changed: string[] = [];
    for (const [name, meaning] of this.meanings) if (before.meanings.get(name) !== meaning) changed.push(name);
    for (const name of before.meanings.keys()) if (!this.meanings.has(name)) changed.push(name);
    return changed;
  }
}

/** How a family is run over the whole document or only the sites of some statements. */
export interface FamilyRunner<Tree> {
  whole(f: RuleFamily<Tree>): void;
  narrowed(f: RuleFamily<Tree>, redo: Uint8Array): void;
}

/** A finding with the offset of the site that produced it, when the check said (`ctx.fromSite`). */
interface Produced { finding: Finding; site: number | undefined }

interface Kept<Tree, Key> {
  text: string;
  lines: LineIndex;
  signature: string;
  keys: Key[];
  /** The previous analysis's answers, asked only about the statements an edit removed. */
  defines: (i: number) => ReadonlySet<string>;
  resets: (i: number) => boolean;
  facts: WholeFileFacts | undefined;
  /** Per family that could be kept: the findings each statement's sites produced. */
  findings: Map<RuleFamily<Tree>, Map<number, Produced[]>>;
}

interface Plan<Tree> {
  redo: Uint8Array;
  moved: Map<RuleFamily<Tree>, Produced[]>;
}

/**
 * Runs the families over a parsed document. Outside the language server (no document memo) every
 * family runs over the whole file; inside it, `perStatement` families judge only stale statements.
 */
export function runKeepingFindings<Tree, Key>(
  ctx: AnalysisContext, memoKey: string, families: readonly RuleFamily<Tree>[],
  statements: () => Statements<Key>, signature: () => string, run: FamilyRunner<Tree>,
): void {
  const memo = ctx.parseCache.documentMemo?.(ctx.path);
  if (!memo) {
    for (const f of families) run.whole(f);
    return;
  }
  const now = statements();
  const sig = signature();
  const previous = memo.get(memoKey) as Kept<Tree, Key> | undefined;
  const plan = previous && previous.signature === sig ? planReuse(previous, ctx, now, memo) : undefined;
  const kept = keptRecord<Tree, Key>(ctx, sig, now);
  const producerOf = (x: Produced) => now.at(x.site ?? ctx.lines.offsetAt(x.finding.range.start));

  for (const f of families) {
    if (!f.perStatement) {
      run.whole(f);
      continue;
    }
    const moved = plan?.moved.get(f);
    const mark = ctx.mark();
    if (plan && moved) {
      for (const m of moved) ctx.adopt(m.finding, m.site);
      const fresh = ctx.mark();
      const searches = moduleSearchCount();
      run.narrowed(f, plan.redo);
      const taken = new Set(moved.map((m) => spotOf(m.finding)));
      if (moduleSearchCount() === searches && ctx.since(fresh).every((x) => plan.redo[producerOf(x)] === 1 && !taken.has(spotOf(x.finding)))) {
        record(kept, f, ctx.since(mark), producerOf, now.count);
        continue;
      }
      ctx.truncate(mark);
    }
    const searches = moduleSearchCount();
    run.whole(f);
    // Its findings may depend on statements that do not declare what they read: not kept.
    if (moduleSearchCount() === searches) record(kept, f, ctx.since(mark), producerOf, now.count);
  }
  memo.set(memoKey, kept);
}

/**
 * What this analysis leaves for the next keystroke. Built apart from `runKeepingFindings`, whose
 * closures hold `now` whole: the record keeps only the two answers it needs, not what an
 * analyzer's other answers hold (Python's scope lookups hold the file's index and its nodes).
 */
function keptRecord<Tree, Key>(ctx: AnalysisContext, signature: string, now: Statements<Key>): Kept<Tree, Key> {
  const { defines, resetsAll, facts } = now;
  return {
    text: ctx.text, lines: ctx.lines, signature, findings: new Map(),
    keys: Array.from({ length: now.count }, (_, i) => now.key(i)),
    defines,
    resets: resetsAll,
    facts,
  };
}

function spotOf(f: Finding): string {
  return `${f.ruleId}@${f.range.start.line}:${f.range.start.character}`;
}

/** Files a family's findings under the statements that produced them; one from outside every statement makes the family unkept. */
function record<Tree, Key>(kept: Kept<Tree, Key>, f: RuleFamily<Tree>, findings: Produced[], producerOf: (x: Produced) => number, count: number): void {
  const by = new Map<number, Produced[]>();
  for (const x of findings) {
    const i = producerOf(x);
    if (i >= count) return;
    const list = by.get(i);
    if (list) list.push(x); else by.set(i, [x]);
  }
  kept.findings.set(f, by);
}

function planReuse<Tree, Key>(previous: Kept<Tree, Key>, ctx: AnalysisContext, now: Statements<Key>, memo: Map<string, unknown>): Plan<Tree> | undefined {
  const change = changeIn(memo, previous.text, ctx.text);
  const fromKept = previous.keys.map((k) => now.indexOfKept(k, change, previous.text));
  const untouched = new Uint8Array(now.count);
  for (const i of fromKept) if (i !== undefined) untouched[i] = 1;

  const redo = new Uint8Array(now.count + 1);
  redo[now.count] = 1; // after the last statement: nothing is kept there
  const names = new Set<string>();
  const queue: string[] = [];
  const addNames = (set: ReadonlySet<string>) => {
    for (const n of set) if (!names.has(n)) { names.add(n); queue.push(n); }
  };
  for (let i = 0; i < now.count; i++) {
    if (untouched[i]) continue;
    if (now.resetsAll(i)) return undefined;
    redo[i] = 1;
    addNames(now.defines(i));
  }
  for (let j = 0; j < fromKept.length; j++) {
    if (fromKept[j] !== undefined) continue;
    if (previous.resets(j)) return undefined;
    addNames(previous.defines(j));
  }
  const byText = new Set<string>();
  if (now.facts && previous.facts) for (const n of now.facts.changedSince(previous.facts)) byText.add(n);
  else if (now.facts || previous.facts) return undefined;
  addNames(byText);
  // Past a budget (an edit that broke the structure, so a function's locals now sit at the top
  // level) a whole-file run is cheaper.
  let redone = 0;
  while (queue.length) {
    if (names.size > MAX_CHANGED_NAMES) return undefined;
    const name = queue.pop()!;
    for (const i of now.readers(name, byText.has(name))) {
      if (redo[i]) continue;
      redo[i] = 1;
      if (++redone > now.count / 2) return undefined;
      addNames(now.defines(i));
    }
  }

  const movedBy = new Map<RuleFamily<Tree>, { at: number; moved: Produced }[]>();
  for (const [f, by] of previous.findings) {
    const list: { at: number; moved: Produced }[] = [];
    for (const [j, findings] of by) {
      const at = fromKept[j];
      if (at === undefined || redo[at]) continue;
      for (const x of findings) {
        // A fix that edits another file (appending to `.env`) was built on that file's text then,
        // which may have changed since without the client saying: judged again, never carried over.
        const m = x.finding.fixes.some((f) => f.externalEdits?.length) ? undefined : moveFinding(x.finding, previous.lines, ctx.lines, change);
        // A finding whose range or fix touches the changed text is judged again with its statement,
        // and so is one whose fix edits a statement other than its own and its producer's (an
        // import it adds or extends, a declaration it rewrites): where and what that edit writes
        // was read from text the statement does not hold.
        if (m && fixEditsWithin(m, ctx, now, at)) list.push({ at, moved: { finding: m, site: x.site === undefined ? undefined : shiftedOffset(change, x.site) } });
        else redo[at] = 1;
      }
    }
    movedBy.set(f, list);
  }
  const moved = new Map<RuleFamily<Tree>, Produced[]>();
  for (const [f, list] of movedBy) moved.set(f, list.filter((m) => !redo[m.at]).map((m) => m.moved));
  return { redo, moved };
}

/** Every edit of the finding's fixes lies in its own statement or in the producer's (`at`). */
function fixEditsWithin<Key>(f: Finding, ctx: AnalysisContext, now: Statements<Key>, at: number): boolean {
  if (!f.fixes.length) return true;
  const own = now.at(ctx.lines.offsetAt(f.range.start));
  const inside = (offset: number) => { const i = now.at(offset); return i === at || i === own; };
  return f.fixes.every((x) => x.edits.every((e) => {
    const start = ctx.lines.offsetAt(e.range.start);
    const end = ctx.lines.offsetAt(e.range.end);
    return inside(start) && (end === start || inside(end - 1));
  }));
}

/**
 * The first of `count` statements in source order whose end (`endOf`) lies after `offset`: the
 * statement holding it, leading trivia included; `count` when it lies after the last one.
 */
export function statementHolding(count: number, endOf: (i: number) => number, offset: number): number {
  return lowerBoundBy(count, endOf, offset + 1); // offsets are whole numbers: "ends after" is "ends at or past the next"
}

/** A finding of the previous text moved to the new one; undefined when any of its offsets falls in the change. */
function moveFinding(f: Finding, from: LineIndex, to: LineIndex, change: ChangeRange): Finding | undefined {
  let touched = false;
  const moveRange = (r: Range): Range => {
    const shift = (o: number) => {
      if (touchesChange(change, o)) touched = true;
      return shiftedOffset(change, o);
    };
    return to.range(shift(from.offsetAt(r.start)), shift(from.offsetAt(r.end)));
  };
  const moveEdit = (e: TextEdit): TextEdit => ({ ...e, range: moveRange(e.range) });
  const range = moveRange(f.range);
  const fixes = f.fixes.map((x): Fix => ({ ...x, edits: x.edits.map(moveEdit) }));
  return touched ? undefined : { ...f, range, fixes };
}
