import type { TextEdit } from '../types.js';
import { LineIndex } from './lineIndex.js';

/**
 * Applies non-overlapping edits to a text (last edit first, so offsets stay valid). As in LSP,
 * insertions at one position land in the order they are listed.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const resolved = edits
    .map((e, i) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText, i }))
    .sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
  let out = text;
  let lastStart = Infinity;
  for (const e of resolved) {
    if (e.end > lastStart) throw new Error('overlapping edits');
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    lastStart = e.start;
  }
  return out;
}
