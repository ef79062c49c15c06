import ts from 'typescript';
import type { AnalysisContext } from '../context.js';
import type { RuleFamily } from '../ruleFamily.js';
import { runKeepingFindings, statementHolding } from '../keptFindings.js';
import { type FileIndex, type IndexView, type KeptRanges, forEachDescendant, fullFileIndexOf, narrowedIndex, resolveIn, withIndexView } from './dataflow/fileIndex.js';
import { quoteStyle, usesCommonJs, usesSemicolons } from './imports.js';
import { findIgnoredDotenv } from '../common/dotenvTarget.js';

/**
 * TypeScript's statements for the findings kept between keystrokes (analyzers/keptFindings.ts):
 * `ts.updateSourceFile` hands over an untouched statement as the same node object; a name is
 * read where an identifier of that name resolves to the module's binding or to none (the binding
 * may just have been removed), not where it names a local; families judge a narrowed view of the
 * file index (`withIndexView`), which `walkMatches` honours too.
 */

const MEMO_KEY = 'typescript.statementFindings';

/** The first statements decide a fix's style (semicolons, the place of inserted imports). */
const STYLE_SAMPLE = 8;

/**
 * Runs the families over a parsed document: over the whole file, or, in the language server, with
 * findings kept for the statements an edit left alone.
 */
export function runFamilies(ctx: AnalysisContext, sf: ts.SourceFile, families: readonly RuleFamily<ts.SourceFile>[]): void {
  const statements = sf.statements;
  let view: IndexView | undefined; // built once, for the first family narrowed
  runKeepingFindings<ts.SourceFile, ts.Statement>(ctx, MEMO_KEY, families, () => {
    const index = fullFileIndexOf(sf);
    const defines = definesOf(sf, index);
    const positions = new Map<ts.Statement, number>();
    statements.forEach((s, i) => positions.set(s, i));
    return {
      count: statements.length,
      key: (i) => statements[i],
      indexOfKept: (s) => positions.get(s),
      at: (offset) => statementAt(statements, offset),
      defines: (i) => defines.get(statements[i]) ?? EMPTY,
      readers: (name) => statementsReading(sf, index, name, statements),
      resetsAll: (i) => i < STYLE_SAMPLE || isModuleLevel(statements[i], ctx.text),
    };
  }, () => signatureOf(ctx, sf, fullFileIndexOf(sf)), {
    whole: (f) => f.check(ctx, sf),
    narrowed: (f, redo) => {
      view ??= narrowedIndex(sf, redoRanges(statements, redo));
      withIndexView(sf, view, () => f.check(ctx, sf));
    },
  });
}

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
 * What fixes and the role read from outside the statement judged: the file's style, and which
 * git-ignored `.env` a fix would append to (the server sees it appear without a client notice).
 * When any of it changes, nothing is kept.
 */
function signatureOf(ctx: AnalysisContext, sf: ts.SourceFile, index: FileIndex): string {
  return [ctx.role, index.quote, quoteStyle(sf), usesCommonJs(sf), usesSemicolons(sf), findIgnoredDotenv(ctx) ?? ''].join('\u0000');
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
