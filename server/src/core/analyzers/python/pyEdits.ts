import type { AnalysisContext } from '../context.js';
import type { TextEdit } from '../../types.js';
import type { PyFileIndex } from './fileIndex.js';
import { quoteOf } from './strings.js';
import { children, type PyArgument, type PyNode } from './syntax.js';

/**
 * Source edits Python fixes share: adding and removing call arguments and dict entries, adding
 * imports, whole-line removals, the file's quote and indentation. Each keeps the code it touches
 * valid Python (commas, trailing commas, one argument per line).
 */

/** The quote the file's strings mostly use (`"` when there is no majority). */
export function pyQuote(idx: PyFileIndex): string {
  let single = 0;
  let double = 0;
  for (const s of idx.strings) {
    const q = quoteOf(idx.src, s);
    if (q === "'") single++;
    else if (q === '"') double++;
  }
  return single > double ? "'" : '"';
}

/** One level of the file's indentation: the first indented line's leading white space (four spaces when none). */
export function pyIndentUnit(text: string): string {
  const m = /\n([ \t]+)\S/.exec(text);
  return m ? m[1] : '    ';
}

/** The leading white space of the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** The line break the file uses. */
export function pyEol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** `base`, or `base_2`, `base_3`… when the file already uses the name. */
export function uniquePyName(text: string, base: string): string {
  const taken = (n: string) => new RegExp(`\\b${n}\\b`).test(text);
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}_${i}`)) return `${base}_${i}`;
}

/** Where an argument starts: its keyword, its `*`/`**`, or its value. */
export function argumentStart(arg: PyArgument): number {
  if (arg.nameNode) return arg.nameNode.from;
  const star = arg.value.prevSibling;
  return arg.star && star && (star.name === '*' || star.name === '**') ? star.from : arg.value.from;
}

/**
 * Removes one item of a flat list (an `ArgList` or a `DictionaryExpression`) given its span: with
 * the comma after it, or, for the last item, the comma before it (a trailing comma stays).
 */
function removeListItem(ctx: AnalysisContext, list: PyNode, from: number, to: number): TextEdit {
  const kids = children(list);
  const nextComma = kids.find((c) => c.from >= to && c.name === ',');
  const afterComma = nextComma && kids.find((c) => c.from >= nextComma.to && isItem(c));
  if (nextComma && afterComma) {
    // Up to the next item: it takes this one's place (and this one's indentation).
    return ctx.edit(from, nextComma.to + whitespaceAfter(ctx.text, nextComma.to, afterComma.from), '');
  }
  const prevComma = [...kids].reverse().find((c) => c.to <= from && c.name === ',');
  // The last item: from the comma before it; a trailing comma after it stays.
  if (prevComma) return ctx.edit(prevComma.from, nextComma ? nextComma.to : to, nextComma ? ',' : '');
  // The only item: the list becomes empty.
  return ctx.edit(from, nextComma ? nextComma.to : to, '');
}

/** An argument, parameter, key or value of a flat list (not punctuation, not a comment). */
function isItem(n: PyNode): boolean {
  return /^[A-Z*]/.test(n.name) && n.name !== 'Comment' && n.name !== 'AssignOp';
}

function whitespaceAfter(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit && /[ \t\r\n]/.test(text[i])) i++;
  return i - from;
}

export function removeArgumentEdit(ctx: AnalysisContext, argList: PyNode, arg: PyArgument): TextEdit {
  return removeListItem(ctx, argList, argumentStart(arg), arg.value.to);
}

export function removeDictEntryEdit(ctx: AnalysisContext, dict: PyNode, key: PyNode, value: PyNode): TextEdit {
  return removeListItem(ctx, dict, key.from, value.to);
}

/** Appends an item (`audience="…"`, `"aud": …`) at the end of a flat list, matching its layout. */
function appendListItem(ctx: AnalysisContext, list: PyNode, item: string): TextEdit {
  const kids = children(list);
  const close = kids[kids.length - 1];
  const items = kids.filter(isItem);
  const last = items[items.length - 1];
  if (!last) return ctx.edit(kids[0].to, kids[0].to, item);
  const trailing = kids.find((c) => c.from >= last.to && c.name === ',');
  if (trailing) {
    const between = ctx.text.slice(trailing.to, close.from);
    if (between.includes('\n')) return ctx.edit(trailing.to, trailing.to, `${pyEol(ctx.text)}${lineIndent(ctx.text, last.from)}${item},`);
    return ctx.edit(trailing.to, trailing.to, ` ${item},`);
  }
  return ctx.edit(last.to, last.to, `, ${item}`);
}

export function appendArgumentEdit(ctx: AnalysisContext, argList: PyNode, text: string): TextEdit {
  return appendListItem(ctx, argList, text);
}

export function appendDictEntryEdit(ctx: AnalysisContext, dict: PyNode, text: string): TextEdit {
  return appendListItem(ctx, dict, text);
}

/**
 * `import a` / `import a, b` lines for the modules the file lacks, as one edit where the module's
 * imports start (after a shebang, an encoding line, a docstring and `__future__` imports).
 */
export function importModulesEdit(ctx: AnalysisContext, idx: PyFileIndex, modules: string[]): TextEdit | undefined {
  const missing = modules.filter((m) => idx.imports.get(m) !== m);
  if (!missing.length) return undefined;
  const eol = pyEol(ctx.text);
  const lines = missing.map((m) => `import ${m}${eol}`).join('');
  const { at } = importPlace(ctx.text, idx.root);
  if (at === 0) {
    const m = /^(#![^\n]*\n)?(#[^\n]*coding[:=][^\n]*\n)?/.exec(ctx.text);
    const start = m ? m[0].length : 0;
    return ctx.edit(start, start, lines);
  }
  const lineStart = ctx.text.lastIndexOf('\n', at - 1) + 1;
  if (ctx.text.slice(lineStart, at).trim() === '') return ctx.edit(lineStart, lineStart, lines);
  return ctx.edit(at, at, eol + lines.slice(0, -eol.length));
}

/**
 * Where inserted imports go: the first module-level statement that is not a comment, the module's
 * docstring or a `__future__` import, when it is an import (else right after those); 0 when there
 * are none of those. `decidedBy` is the statement that settled it (undefined when the module ends
 * first): a change up to it moves the place (python/statementReuse.ts).
 */
export function importPlace(text: string, root: PyNode): { at: number; decidedBy: PyNode | undefined } {
  let at = 0;
  let first = true;
  for (let s = root.firstChild; s; s = s.nextSibling) {
    if (s.name === 'Comment') continue;
    const isDocstring = first && s.name === 'ExpressionStatement' && s.firstChild?.name === 'String';
    first = false;
    if (isDocstring || /^from\s+__future__\s/.test(text.slice(s.from, s.to))) { at = s.to; continue; }
    if (s.name === 'ImportStatement' || at === 0) at = s.from;
    return { at, decidedBy: s };
  }
  return { at, decidedBy: undefined };
}

/** The statement's whole lines with their line break when nothing else shares them, else just the statement. */
export function wholeLinesOf(ctx: AnalysisContext, from: number, to: number): { start: number; end: number } {
  const text = ctx.text;
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  let lineEnd = text.indexOf('\n', to);
  if (lineEnd < 0) lineEnd = text.length;
  if (text.slice(lineStart, from).trim() || text.slice(to, lineEnd).replace(/\r$/, '').trim()) return { start: from, end: to };
  return { start: lineStart, end: Math.min(text.length, lineEnd + 1) };
}
