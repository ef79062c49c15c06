import type { AnalysisContext } from '../context.js';
import type { RuleFamily } from '../ruleFamily.js';
import { NameMeanings, runKeepingFindings, statementHolding, type Statements } from '../keptFindings.js';
import { shiftedOffset, type ChangeRange } from '../../text/changeRange.js';
import { findIgnoredDotenv } from '../common/dotenvTarget.js';
import { MODULE_SCOPE, importedAs, isLocalName, withSitesIn, type PyFileIndex } from './fileIndex.js';
import { importPlace, pyQuote } from './pyEdits.js';
import { importsMcp } from './mcpTools.js';
import { textOf, type PyNode } from './syntax.js';

/**
 * Python's statements for the findings kept between keystrokes (analyzers/keptFindings.ts). lezer
 * hands out new node objects on every access, so a statement is known by its span: one wholly
 * before or after the edited text, at the same place once the edit's length is allowed for, has
 * the same text and is the same statement. A name is read wherever the text holds it as a whole
 * word (comments and strings too: more is judged again, never less). Rules narrow only their own
 * loop over sites (`sitesOf`); every judgement keeps reading the whole file's index.
 */

const MEMO_KEY = 'python.statementFindings';
const NAMED_KEY = 'python.namedDefinitions';

export function runPyFamilies(ctx: AnalysisContext, idx: PyFileIndex, families: readonly RuleFamily<PyFileIndex>[]): void {
  const spans = statementSpansOf(idx.root);
  // One filter per set of statements to redo, so that the families share the lists it narrows.
  let kept: { redo: Uint8Array; keep: (n: PyNode) => boolean } | undefined;
  const keepFor = (redo: Uint8Array) => {
    if (kept?.redo !== redo) kept = { redo, keep: (n) => redo[spans.at(n.from)] === 1 };
    return kept.keep;
  };
  const statements = () => ({
    ...pyStatements(spans, definesOf(idx, spans), importPlaceEnd(ctx.text, idx, spans)),
    readers: moduleReaders(idx, spans, namedNowOrBefore(ctx, idx)),
    // The import map (one map, imports in functions too): typing `, Field` after `from pydantic
    // import BaseModel` changes `Field` only, and the statements that read `BaseModel` keep theirs.
    facts: new NameMeanings(idx.imports),
  });
  runKeepingFindings<PyFileIndex, number>(ctx, MEMO_KEY, families, statements, () => signatureOf(ctx, idx), {
    whole: (f) => f.check(ctx, idx),
    narrowed: (f, redo) => withSitesIn(idx, keepFor(redo), () => f.check(ctx, idx)),
  });
}

/** Where the top-level statements lie, as numbers: what is kept for the next keystroke must not hold this tree's nodes (fileIndex.ts). */
interface StatementSpans {
  from: Int32Array;
  to: Int32Array;
  /** The statement holding `offset`; the count after the last one. */
  at(offset: number): number;
}

function statementSpansOf(root: PyNode): StatementSpans {
  const froms: number[] = [];
  const tos: number[] = [];
  for (let s = root.firstChild; s; s = s.nextSibling) {
    froms.push(s.from);
    tos.push(s.to);
  }
  const to = Int32Array.from(tos);
  return { from: Int32Array.from(froms), to, at: (offset) => statementHolding(to.length, (i) => to[i], offset) };
}

/**
 * A statement's span as one number, its key for the next keystroke: cheaper than a `from:to`
 * string, which was split and parsed again for every statement on every keystroke. Exact for
 * every text analysed: `analyze` skips texts over 4 MB (MAX_ANALYZED_BYTES), far below 2^26.
 */
const SPAN_BASE = 2 ** 26;
const statementKey = (from: number, to: number): number => from * SPAN_BASE + to;

/**
 * The statements as the kept findings see them (but `readers` and `facts`); built from spans and
 * sets alone, so keeping them keeps no node. An import statement is not special here: the names
 * whose import changed reach the statements that read them (`facts`), and what
 * rules read from the imports as a whole is in the signature (`importsReadWhole`). Only the
 * statements up to the one that decides where an inserted `import` goes reset everything
 * (`importPlaceEnd`).
 */
function pyStatements(spans: StatementSpans, defines: readonly Set<string>[], placeEnd: number): Omit<Statements<number>, 'readers' | 'facts'> {
  const count = spans.to.length;
  const keyOf = (i: number) => statementKey(spans.from[i], spans.to[i]);
  let bySpan: Map<number, number> | undefined;
  return {
    count,
    key: keyOf,
    indexOfKept: (key, change) => {
      if (!bySpan) {
        bySpan = new Map();
        for (let i = 0; i < count; i++) bySpan.set(keyOf(i), i);
      }
      const moved = movedKey(Math.floor(key / SPAN_BASE), key % SPAN_BASE, change);
      return moved === undefined ? undefined : bySpan.get(moved);
    },
    at: spans.at,
    defines: (i) => defines[i] ?? EMPTY,
    resetsAll: (i) => i <= placeEnd,
  };
}

const EMPTY: ReadonlySet<string> = new Set();

/** The key of where a statement of the previous text that the edit did not touch lies now; undefined when it overlaps the edit. */
function movedKey(from: number, to: number, change: ChangeRange): number | undefined {
  if (to >= change.span.start && from <= change.span.start + change.span.length) return undefined;
  return statementKey(shiftedOffset(change, from), shiftedOffset(change, to));
}

/** The index of the last statement that decides where fixes insert an `import` (pyEdits.importPlace); the count when the module ends first. */
function importPlaceEnd(text: string, idx: PyFileIndex, spans: StatementSpans): number {
  const { decidedBy } = importPlace(text, idx.root);
  return decidedBy ? spans.at(decidedBy.from) : spans.to.length;
}

/** Module-level names each statement binds, and the names of the functions and classes it defines (methods too: calls find them by name). */
function definesOf(idx: PyFileIndex, spans: StatementSpans): Set<string>[] {
  const out: Set<string>[] = [];
  const add = (offset: number, name: string) => {
    const i = spans.at(offset);
    if (i < spans.to.length) (out[i] ??= new Set()).add(name);
  };
  for (const [name, values] of idx.bindings.get(MODULE_SCOPE) ?? []) {
    const head = /^\w+/.exec(name)?.[0] ?? name;
    for (const v of values) add(v.from, head);
  }
  for (const fn of idx.functions) add(fn.node.from, fn.name);
  for (const c of idx.classes) {
    const name = c.getChild('VariableName');
    if (name) add(c.from, textOf(idx.src, name));
  }
  return out;
}

/**
 * The statements that may read the module-level `name`: those whose text holds it as a whole word,
 * except where each mention reads no binding: a name its own function or class binds (an
 * assignment, a parameter), where `valuesOf` answers without the module's binding as Python itself
 * does; a keyword argument's name; text inside a string or a comment (an f-string's `{…}` is
 * code and still counts). When a broken `def` or `class` spills its locals (`items`, `url`) to
 * the top level, the functions with their own, or that only say the word in `.get("items")`, are
 * not judged again. Functions and classes count at every mention: rules also find them by name,
 * and a string annotation (`"Creds"`) names a class. So does a name whose import changed
 * (`byText`): rules read the import map by name, whatever binds the name where it is said.
 */
function moduleReaders(idx: PyFileIndex, spans: StatementSpans, foundByName: ReadonlySet<string>): (name: string, byText: boolean) => number[] {
  return (name, byText) => {
    const count = spans.to.length;
    if (!name) return Array.from({ length: count }, (_, i) => i);
    const byNameToo = byText || foundByName.has(name);
    const text = idx.src;
    const out: number[] = [];
    for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + 1)) {
      if (isWordChar(text.charCodeAt(i - 1)) || isWordChar(text.charCodeAt(i + name.length))) continue;
      const s = spans.at(i);
      if (s >= count || out[out.length - 1] === s) continue;
      if (byNameToo || readsBinding(idx, i, name)) out.push(s);
    }
    return out;
  };
}

/**
 * The functions and classes of this text and of the previous one: rules also find those by name
 * (`functionsByName`, a model's class), in strings too (a tool's description naming another tool,
 * a string annotation naming a model), so every mention of them counts. The previous text's count
 * as well: an edit that breaks a `def` removes its name from this one.
 */
function namedNowOrBefore(ctx: AnalysisContext, idx: PyFileIndex): ReadonlySet<string> {
  const now = new Set([...idx.functionsByName.keys(), ...idx.classes.map((c) => textOf(idx.src, c.getChild('VariableName') ?? c))]);
  const memo = ctx.parseCache.documentMemo?.(ctx.path);
  const before = memo?.get(NAMED_KEY) as ReadonlySet<string> | undefined;
  memo?.set(NAMED_KEY, now);
  return before ? new Set([...now, ...before]) : now;
}

/** The mention of `name` at `offset` may read its module-level binding (see `moduleReaders`). */
function readsBinding(idx: PyFileIndex, offset: number, name: string): boolean {
  const n = idx.root.resolveInner(offset, 1);
  if (NEVER_READS.has(n.name)) return false;
  if (n.name !== 'VariableName' || n.from !== offset || n.to !== offset + name.length) return true;
  if (n.parent?.name === 'ArgList' && n.nextSibling?.name === 'AssignOp') return false; // f(name=…)
  return !isLocalName(idx, name, n);
}

/** Where a word is text, not code: a string's body, an f-string's literal part, a comment. */
const NEVER_READS: ReadonlySet<string> = new Set(['String', 'FormatString', 'Comment']);

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

/**
 * What fixes and the role read from outside the statement judged: the quote the file prefers,
 * whether it loads a `.env`, which git-ignored `.env` a fix would append to, and what is read from
 * the imports as a whole (`importsReadWhole`).
 */
function signatureOf(ctx: AnalysisContext, idx: PyFileIndex): string {
  const loadsDotenv = /\bload_dotenv\b|\bdotenv_values\b|env_file\s*=/.test(ctx.text);
  return [ctx.role, pyQuote(idx), loadsDotenv, (loadsDotenv && findIgnoredDotenv(ctx)) || '', importsReadWhole(idx)].join('\u0000');
}

/**
 * What the families kept per statement read from the imports without a name at the site to say
 * so: whether the module imports an MCP SDK (which functions are tools: mcpTools.ts), and what
 * `os` and `boto3` are bound to and under which name `boto3` is imported (fixes write `os.environ`
 * and `boto3.Session()`, adding `import os` or `import boto3` when it is missing). Every other
 * use of an import goes through a name the site holds. The cache, Vault and TLS checks also read
 * `time`, `functools`, `cachetools` and `ssl` this way, but they are not kept per statement
 * (rules/index.ts): a family that becomes so must add what it reads here.
 */
function importsReadWhole(idx: PyFileIndex): string {
  return [importsMcp(idx), idx.imports.get('os') ?? '', idx.imports.get('boto3') ?? '', importedAs(idx, 'boto3') ?? ''].join('\u0001');
}
