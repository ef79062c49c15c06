import ts from 'typescript';
import type { AnalysisContext } from '../context.js';
import type { RuleFamily } from '../ruleFamily.js';
import { NameMeanings, runKeepingFindings, statementHolding } from '../keptFindings.js';
import { type FileIndex, type IndexView, type KeptRanges, forEachDescendant, fullFileIndexOf, narrowedIndex, resolveIn, withIndexView } from './dataflow/fileIndex.js';
import { fixImportBindings, moduleBindings, quoteStyle, usesCommonJs, usesSemicolons } from './imports.js';
import { shiftedOffset, type ChangeRange } from '../../text/changeRange.js';
import { findIgnoredDotenv } from '../common/dotenvTarget.js';
import { memoSlot } from '../../memo.js';

/**
 * TypeScript's statements for the findings kept between keystrokes (analyzers/keptFindings.ts):
 * `ts.updateSourceFile` hands over an untouched statement as the same node object; a name is
 * read where an identifier of that name resolves to the module's binding or to none (the binding
 * may just have been removed), not where it names a local; families judge a narrowed view of the
 * file index (`withIndexView`), which `walkMatches` honours too.
 */

const MEMO_KEY = 'typescript.statementFindings';

/**
 * Runs the families over a parsed document: over the whole file, or, in the language server, with
 * findings kept for the statements an edit left alone.
 */
export function runFamilies(ctx: AnalysisContext, sf: ts.SourceFile, families: readonly RuleFamily<ts.SourceFile>[]): void {
  const statements = sf.statements;
  let view: IndexView | undefined; // built once, for the first family narrowed
  runKeepingFindings<ts.SourceFile, StatementKey>(ctx, MEMO_KEY, families, () => {
    const index = fullFileIndexOf(sf);
    const defines = definesOf(sf, index);
    const positions = new Map<ts.Statement, number>();
    statements.forEach((s, i) => positions.set(s, i));
    return {
      count: statements.length,
      key: (i) => ({ node: statements[i], pos: statements[i].pos, end: statements[i].end }),
      indexOfKept: (k, change, before) => positions.get(k.node) ?? sameTextMoved(sf, k, change, before),
      at: (offset) => statementAt(statements, offset),
      defines: (i) => defines.get(statements[i]) ?? EMPTY,
      readers: (name, byText) => statementsReading(sf, index, name, statements, byText),
      // Nothing resets everything: what imports, requires and exports mean to fixes (the module
      // system, quotes, semicolons, the bindings of modules fixes import from) is in the signature.
      resetsAll: () => false,
      // What imports and requires bind, compared name by name: a name added to `import { … }`
      // reaches its readers only, not those of the names beside it.
      facts: new NameMeanings(moduleMeanings(sf, index)),
    };
  }, () => signatureOf(ctx, sf, fullFileIndexOf(sf)), {
    whole: (f) => f.check(ctx, sf),
    narrowed: (f, redo) => {
      view ??= narrowedIndex(sf, redoRanges(statements, redo));
      withIndexView(sf, view, () => f.check(ctx, sf));
    },
  });
}

/**
 * A statement as the next keystroke knows it: its node, which `ts.updateSourceFile` hands over
 * when it reuses it, and where it lay then (the update moves the old tree's nodes, so their
 * positions are read now, not later).
 */
interface StatementKey {
  node: ts.Statement;
  pos: number;
  end: number;
}

/**
 * The statement of the new tree that is the kept one reparsed: the update reparses the statements
 * next to an edit even when the edit lies only in their leading blank lines or comments (typing on
 * a new line between two statements), and a reparsed statement that declares a name read
 * everywhere (`const logger = …`) would have every reader judged again. Its own text, from its
 * first token to its end, lies outside the change and starts and ends where it moved to: the same
 * tokens, parsed alike. (Comments before it are not its findings' business: a suppression comment
 * is applied after the families run, postprocess.ts.)
 */
function sameTextMoved(sf: ts.SourceFile, k: StatementKey, change: ChangeRange, before: string): number | undefined {
  const start = k.pos + leadingTriviaLength(before, k.pos, k.end);
  if (k.end >= change.span.start && start <= change.span.start + change.span.length) return undefined;
  const newStart = shiftedOffset(change, start);
  const i = statementAt(sf.statements, newStart);
  const s = sf.statements[i];
  return s && s.end === shiftedOffset(change, k.end) && s.getStart(sf) === newStart ? i : undefined;
}

/** Whitespace and comments from `pos`: a statement's leading trivia (a shorter answer only makes the match above fail). */
function leadingTriviaLength(text: string, pos: number, end: number): number {
  TRIVIA.lastIndex = pos;
  const m = TRIVIA.exec(text);
  return m ? Math.min(m[0].length, end - pos) : 0;
}

const TRIVIA = /(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/y;

/** The statements to judge again as position ranges: statement i holds the positions from the previous statement's end to its own (as `statementAt` finds them). */
function redoRanges(statements: readonly ts.Statement[], redo: Uint8Array): KeptRanges {
  const ranges: [number, number][] = [];
  for (let i = 0; i < statements.length; i++) {
    if (redo[i] !== 1) continue;
    const from = i === 0 ? 0 : statements[i - 1].end;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === from) last[1] = statements[i].end;
    else ranges.push([from, statements[i].end]);
  }
  return ranges;
}

/**
 * The index of the statement whose span (leading trivia included) holds `offset`; the statement
 * count when it lies after the last one.
 */
function statementAt(statements: readonly ts.Statement[], offset: number): number {
  return statementHolding(statements.length, (i) => statements[i].end, offset);
}

/**
 * What fixes and the role read from outside the statement judged: the file's style, which
 * git-ignored `.env` a fix would append to (the server sees it appear without a client notice),
 * and how the file binds the modules fixes import from. When any of it changes, nothing is kept.
 * (Where a fix adds or extends an import is not here: such an edit lies outside the finding's
 * statement, so the finding is judged again every time: analyzers/keptFindings.ts.)
 */
function signatureOf(ctx: AnalysisContext, sf: ts.SourceFile, index: FileIndex): string {
  return [ctx.role, index.quote, quoteStyle(sf), usesCommonJs(sf), usesSemicolons(sf), findIgnoredDotenv(ctx) ?? '', fixImportBindings(sf)].join('\u0000');
}

/**
 * The module-level names each statement declares, assigns or gives a value to; not the names an
 * `import` declaration binds, which are compared as a whole (`moduleMeanings`).
 */
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
    if (b.scope !== sf || ts.isImportDeclaration(b.decl)) continue;
    add(b.decl, b.name);
    for (const v of b.values) add(v.expr, b.name);
    for (const w of b.writes) add(w, b.name);
  }
  return out;
}

const EMPTY: ReadonlySet<string> = new Set();

/**
 * What rules read of each name a module binds, from the two places they read it: `moduleBindings`
 * (imports, `import x = require()`, requires: module and export) and the file index's
 * `importedFrom` (every `import` declaration's module, type-only ones too).
 */
function moduleMeanings(sf: ts.SourceFile, index: FileIndex): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, b] of moduleBindings(sf)) out.set(name, `${b.module}\u0000${b.imported}`);
  for (const [name, from] of index.importedFrom) out.set(name, `${out.get(name) ?? ''}\u0001${from}`);
  return out;
}

/** Each statement's identifiers by name, worked out once per statement node (a reused statement keeps its list). */
const identifiersOf = memoSlot<ts.Statement, Map<string, ts.Identifier[]>>('identifiers by name'); // on the statement (memo.ts)

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
function statementsReading(sf: ts.SourceFile, index: FileIndex, name: string, statements: readonly ts.Statement[], byText: boolean): number[] {
  const out: number[] = [];
  statements.forEach((s, i) => {
    const ids = identifiersIn(s).get(name);
    if (ids && (byText || ids.some((id) => { const b = resolveIn(index, id); return !b || b.scope === sf; }))) out.push(i);
  });
  return out;
}
