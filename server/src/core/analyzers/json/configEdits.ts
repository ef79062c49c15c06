import type { Node } from 'jsonc-parser';
import type { TextEdit } from '../../types.js';
import type { AnalysisContext } from '../context.js';

/** An edit in document offsets. */
export interface OffsetEdit { start: number; end: number; text: string }

/**
 * Edits shared by the MCP configs that are not JSON (Codex TOML, Goose YAML), on the node tree
 * their parsers build: the entries' spans are `key = value` / `key: value`.
 */

/** The `KEY = value` entry holding `valueNode`: its whole line in a table, or its slot in an inline table. */
export function removeEntry(text: string, valueNode: Node): OffsetEdit | undefined {
  const entry = valueNode.parent;
  if (!entry || entry.type !== 'property') return undefined;
  const start = entry.offset;
  const end = entry.offset + entry.length;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  const before = text.slice(lineStart, start);
  const after = text.slice(end, lineEnd < 0 ? text.length : lineEnd);
  // Alone on its line (a comment may follow): the line goes.
  if (/^\s*$/.test(before) && /^\s*(#.*)?$/.test(after)) return { start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1, text: '' };
  // In an inline table `{ A = "x", B = "y" }`: the entry and one separating comma go.
  const next = /^\s*,\s*/.exec(after);
  if (next) return { start, end: end + next[0].length, text: '' };
  const prev = /,\s*$/.exec(before);
  if (prev) return { start: start - prev[0].length, end, text: '' };
  return { start, end, text: '' };
}


/** A fix's offset edits as the LSP wants them: in document order, as ranges. */
export function inDocumentOrder(ctx: AnalysisContext, edits: OffsetEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => a.start - b.start).map((e) => ctx.edit(e.start, e.end, e.text));
}
