import type { Scalar } from 'yaml';
import { scalarString } from './nodes.js';

interface Segment { v: number; d: number; len: number }

/**
 * A scalar's decoded text with a way back to the document: `toDoc(start, end)` maps offsets in
 * the value to offsets in the file. Literal blocks (`run: |`), plain and quoted scalars without
 * escapes map exactly; when the decoded text cannot be lined up with the source (escapes,
 * folding that changed characters), `exact` is false and every range becomes the whole scalar.
 */
export interface ScalarText {
  value: string;
  exact: boolean;
  /** The scalar's source range (indicator/quotes included). */
  start: number;
  end: number;
  toDoc(start: number, end: number): [number, number];
}

export function scalarText(text: string, node: Scalar): ScalarText | undefined {
  const value = scalarString(node);
  if (value === undefined || !node.range) return undefined;
  const [start, end] = node.range;
  const segments = lineUp(text, node, value, start, end);
  const whole: [number, number] = [start, end];
  if (!segments) return { value, exact: false, start, end, toDoc: () => whole };
  const at = (i: number, preferEnd: boolean): number => {
    for (let k = 0; k < segments.length; k++) {
      const s = segments[k];
      if (i >= s.v && i < s.v + s.len) return s.d + (i - s.v);
      if (preferEnd && i === s.v + s.len) return s.d + s.len;
      if (i < s.v) return preferEnd && k > 0 ? segments[k - 1].d + segments[k - 1].len : s.d;
    }
    const last = segments[segments.length - 1];
    return last ? last.d + last.len : start;
  };
  return {
    value, exact: true, start, end,
    toDoc: (s, e) => {
      const ds = at(s, false);
      const de = e > s ? at(e, true) : ds;
      return [ds, Math.max(ds, de)];
    },
  };
}

/** Pieces of source text, in order, with their offsets: what the decoded value is made of. */
function sourcePieces(text: string, node: Scalar, start: number, end: number): { pieces: { d: number; s: string }[]; skip: RegExp } | undefined {
  const raw = text.slice(start, end);
  const type = node.type;
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    const nl = raw.indexOf('\n');
    if (nl < 0) return { pieces: [], skip: /\n/ };
    const lines = splitLines(raw.slice(nl + 1), start + nl + 1);
    const first = lines.find((l) => l.s.trim() !== '');
    if (!first) return { pieces: [], skip: /\n/ };
    const indent = /^ */.exec(first.s)![0].length;
    const pieces = lines.filter((l) => l.s.trim() !== '').map((l) => ({ d: l.d + indent, s: l.s.slice(indent) }));
    // Literal blocks keep every character; folded ones turn some line breaks into spaces.
    return { pieces, skip: type === 'BLOCK_LITERAL' ? /\n/ : /[ \n]/ };
  }
  let inner = raw;
  let base = start;
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') {
    inner = raw.slice(1, -1);
    base = start + 1;
  }
  const lines = splitLines(inner, base);
  const pieces = lines.map((l, i) => {
    const lead = i === 0 ? 0 : /^[ \t]*/.exec(l.s)![0].length;
    const body = l.s.slice(lead);
    const trimmed = lines.length > 1 ? body.replace(/[ \t]+$/, '') : body;
    return { d: l.d + lead, s: trimmed };
  }).filter((p) => p.s !== '');
  return { pieces, skip: /[ \n]/ };
}

function splitLines(s: string, base: number): { d: number; s: string }[] {
  const out: { d: number; s: string }[] = [];
  let pos = 0;
  for (const line of s.split('\n')) {
    out.push({ d: base + pos, s: line.endsWith('\r') ? line.slice(0, -1) : line });
    pos += line.length + 1;
  }
  return out;
}

function lineUp(text: string, node: Scalar, value: string, start: number, end: number): Segment[] | undefined {
  const src = sourcePieces(text, node, start, end);
  if (!src) return undefined;
  const segments: Segment[] = [];
  let cursor = 0;
  for (const p of src.pieces) {
    while (cursor < value.length && !value.startsWith(p.s, cursor) && src.skip.test(value[cursor])) cursor++;
    if (!value.startsWith(p.s, cursor)) return undefined;
    segments.push({ v: cursor, d: p.d, len: p.s.length });
    cursor += p.s.length;
  }
  if (value.slice(cursor).trim() !== '') return undefined;
  return segments;
}
