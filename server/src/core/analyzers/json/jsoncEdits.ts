import type { Node } from 'jsonc-parser';

/**
 * Hand-made JSONC text edits. jsonc-parser's `modify` re-formats the neighbours of what it
 * inserts (it expands one-line arrays, drops comments into new places), and a quick fix must
 * touch nothing but its target, so insertions are computed here from the parse tree instead:
 * comments, trailing commas and the file's indentation survive byte for byte.
 */

/** An edit in offsets of the original text. */
export interface OffsetEdit { start: number; end: number; text: string }

export interface JsonStyle {
  /** One level of indentation as the file writes it (`\t`, two or four spaces…). */
  unit: string;
  eol: string;
  /** Whether one-line objects are written `{ "a": 1 }` rather than `{"a": 1}`. */
  padBraces: boolean;
}

export function detectStyle(text: string, eol: string): JsonStyle {
  const padBraces = (text.match(/\{ "/g)?.length ?? 0) > (text.match(/\{"/g)?.length ?? 0);
  return { unit: indentUnit(text), eol, padBraces };
}

function indentUnit(text: string): string {
  let smallest: number | undefined;
  for (const line of text.split(/\r?\n/, 2000)) {
    const m = /^([ \t]+)(\S)/.exec(line);
    // Continuation lines of block comments (` * …`) are indented by one space by convention.
    if (!m || m[2] === '*') continue;
    if (m[1].startsWith('\t')) return '\t';
    smallest = Math.min(smallest ?? Infinity, m[1].length);
  }
  return ' '.repeat(smallest ?? 2);
}

/** The value node of `key` in an object node. */
export function propertyValue(object: Node | undefined, key: string): Node | undefined {
  if (object?.type !== 'object') return undefined;
  for (const prop of object.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (k?.value === key) return v;
  }
  return undefined;
}

/** `[key, value node]` for every property of an object node. */
export function properties(object: Node | undefined): [string, Node][] {
  if (object?.type !== 'object') return [];
  const out: [string, Node][] = [];
  for (const prop of object.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (k && v) out.push([String(k.value), v]);
  }
  return out;
}

function lineStartOf(text: string, offset: number): number {
  const nl = text.lastIndexOf('\n', offset - 1);
  return nl + 1;
}

/** The whitespace that opens the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset + 1))![0];
}

function startsLine(text: string, offset: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStartOf(text, offset), offset));
}

function sameLine(text: string, a: number, b: number): boolean {
  return !text.slice(Math.min(a, b), Math.max(a, b)).includes('\n');
}

/** Skips whitespace and comments from `offset`; stops at the first significant character. */
function skipTrivia(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    if (/\s/.test(text[i])) i++;
    else if (text.startsWith('//', i)) i = lineEnd(text, i);
    else if (text.startsWith('/*', i)) i = blockCommentEnd(text, i);
    else break;
  }
  return i;
}

/** Skips spaces and comments up to (not across) the line break: where a new line may start. */
function skipLineTrivia(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    if (text[i] === ' ' || text[i] === '\t') i++;
    else if (text.startsWith('//', i)) return lineEnd(text, i);
    else if (text.startsWith('/*', i)) i = blockCommentEnd(text, i);
    else break;
  }
  return i;
}

function lineEnd(text: string, offset: number): number {
  const m = /\r?\n/.exec(text.slice(offset));
  return m ? offset + m.index : text.length;
}

function blockCommentEnd(text: string, offset: number): number {
  const end = text.indexOf('*/', offset + 2);
  return end < 0 ? text.length : end + 2;
}

/**
 * Renders a member for insertion. `indent` is the indentation of the member's own line; lines of
 * a multi-line rendering after the first must start with it. `inline` asks for a one-line form.
 */
export type MemberRenderer = (indent: string, inline: boolean) => string;

/** `value` as JSON in the file's style: one line, or indented lines starting at `indent`. */
export function renderJson(value: unknown, style: JsonStyle, indent: string, inline: boolean): string {
  if (inline) return inlineJson(value, style.padBraces ? ' ' : '');
  return JSON.stringify(value, null, style.unit).split('\n').join(style.eol + indent);
}

function inlineJson(value: unknown, pad: string): string {
  if (Array.isArray(value)) return '[' + value.map((v) => inlineJson(v, pad)).join(', ') + ']';
  if (value && typeof value === 'object') {
    const members = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v, pad)}`);
    return '{' + pad + members.join(', ') + pad + '}';
  }
  return JSON.stringify(value);
}

/**
 * The edits that add one member (an object property or an array item) to `container`, at its end
 * or, with `first`, at its start. The member goes on its own line with its siblings' indentation,
 * or inline when the container is written on one line; a trailing comma after the old last member
 * is kept (and the new member gets one too, to keep the file's habit). Undefined for a container
 * the parser had to repair.
 */
export function insertMember(text: string, container: Node, render: MemberRenderer, style: JsonStyle, first = false): OffsetEdit[] | undefined {
  const open = container.offset;
  const close = container.offset + container.length - 1;
  const pair = container.type === 'object' ? '{}' : '[]';
  if (text[open] !== pair[0] || text[close] !== pair[1]) return undefined;
  const children = container.children ?? [];
  if (!children.length) return insertIntoEmpty(text, open, close, render, style);
  return first ? insertFirst(text, container, children[0], render, style) : insertLast(text, container, children[children.length - 1], render, style);
}

function childIndent(text: string, container: Node, child: Node, style: JsonStyle): string {
  return startsLine(text, child.offset) ? indentAt(text, child.offset) : indentAt(text, container.offset) + style.unit;
}

/** An array item written as a one-line object: its new sibling is written the same way. */
function isCompactObject(text: string, node: Node): boolean {
  return node.type === 'object' && sameLine(text, node.offset, node.offset + node.length);
}

function insertIntoEmpty(text: string, open: number, close: number, render: MemberRenderer, style: JsonStyle): OffsetEdit[] {
  const outer = indentAt(text, open);
  const inner = outer + style.unit;
  const member = render(inner, false);
  // A comment inside the empty container stays where it is, after the new member.
  if (text.slice(open + 1, close).trim() !== '') return [{ start: open + 1, end: open + 1, text: style.eol + inner + member }];
  return [{ start: open + 1, end: close, text: style.eol + inner + member + style.eol + outer }];
}

function insertFirst(text: string, container: Node, firstChild: Node, render: MemberRenderer, style: JsonStyle): OffsetEdit[] {
  if (sameLine(text, container.offset, firstChild.offset)) {
    return [{ start: firstChild.offset, end: firstChild.offset, text: render('', true) + ', ' }];
  }
  const indent = childIndent(text, container, firstChild, style);
  // Right after the opening brace: comments above the old first member stay attached to it.
  const at = container.offset + 1;
  return [{ start: at, end: at, text: style.eol + indent + render(indent, isCompactObject(text, firstChild)) + ',' }];
}

function insertLast(text: string, container: Node, lastChild: Node, render: MemberRenderer, style: JsonStyle): OffsetEdit[] {
  const lastEnd = lastChild.offset + lastChild.length;
  const next = skipTrivia(text, lastEnd);
  const trailingComma = text[next] === ',';
  if (sameLine(text, container.offset, lastEnd)) {
    return trailingComma
      ? [{ start: next + 1, end: next + 1, text: ' ' + render('', true) + ',' }]
      : [{ start: lastEnd, end: lastEnd, text: ', ' + render('', true) }];
  }
  const indent = childIndent(text, container, lastChild, style);
  // After the old last member's comma and any comment on its line, so that comment stays with it.
  const at = skipLineTrivia(text, trailingComma ? next + 1 : lastEnd);
  const line = style.eol + indent + render(indent, isCompactObject(text, lastChild)) + (trailingComma ? ',' : '');
  if (trailingComma) return [{ start: at, end: at, text: line }];
  if (at === lastEnd) return [{ start: at, end: at, text: ',' + line }];
  return [{ start: lastEnd, end: lastEnd, text: ',' }, { start: at, end: at, text: line }];
}

/**
 * The edit that replaces `[from, to)` of a string node's decoded value. Offsets map straight onto
 * the raw text when the literal has no escapes; otherwise the whole literal is re-encoded.
 */
export function replaceInString(text: string, node: Node, value: string, from: number, to: number, replacement: string): OffsetEdit {
  const raw = text.slice(node.offset, node.offset + node.length);
  if (raw.slice(1, -1) === value) return { start: node.offset + 1 + from, end: node.offset + 1 + to, text: replacement };
  return { start: node.offset, end: node.offset + node.length, text: JSON.stringify(value.slice(0, from) + replacement + value.slice(to)) };
}

/** Edits sorted by position, or undefined when two of them overlap (the fix would be ambiguous). */
export function orderedEdits(edits: OffsetEdit[]): OffsetEdit[] | undefined {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].start < sorted[i - 1].end) return undefined;
    // Two insertions at one point have no defined order in LSP: refuse rather than guess.
    if (sorted[i].start === sorted[i - 1].start && sorted[i].end === sorted[i].start && sorted[i - 1].end === sorted[i - 1].start) return undefined;
  }
  return sorted;
}
