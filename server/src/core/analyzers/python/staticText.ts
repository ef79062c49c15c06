import { valuesOf, type PyFileIndex } from './fileIndex.js';
import { splitString, stringValue } from './strings.js';
import { children, dottedPath, namedChildren, textOf, type PyNode } from './syntax.js';

/** Stands for a part of a text the file does not show (a parameter, a call's result). */
export const UNKNOWN_TEXT = '\u0000';

/**
 * The text an expression evaluates to, as far as the file shows it: string literals, f-strings,
 * `+` concatenation, and names (or `self.x`) bound once to such a value in their scope or the
 * module. Parts that cannot be known are UNKNOWN_TEXT; an expression with nothing known is undefined.
 */
export function staticTextOf(idx: PyFileIndex, n: PyNode | null | undefined, depth = 0): string | undefined {
  if (!n || depth > 8) return undefined;
  const src = idx.src;
  switch (n.name) {
    case 'String': case 'ContinuedString': return stringValue(src, n);
    case 'ParenthesizedExpression': return staticTextOf(idx, namedChildren(n)[0], depth + 1);
    case 'FormatString': return formatText(idx, n, depth);
    case 'BinaryExpression': {
      const kids = children(n);
      const op = kids.find((c) => c.name === 'ArithOp');
      if (!op || textOf(src, op) !== '+') return undefined;
      const [left, right] = namedChildren(n).filter((c) => c.name !== 'ArithOp');
      const l = staticTextOf(idx, left, depth + 1);
      const r = staticTextOf(idx, right, depth + 1);
      if (l === undefined && r === undefined) return undefined;
      return (l ?? UNKNOWN_TEXT) + (r ?? UNKNOWN_TEXT);
    }
    case 'VariableName': case 'MemberExpression': {
      const name = n.name === 'VariableName' ? textOf(src, n) : dottedPath(src, n);
      if (!name || (n.name === 'MemberExpression' && !/^self\.\w+$/.test(name))) return undefined;
      const values = valuesOf(idx, name, n).filter((v) => v.from !== n.from);
      if (!values.length) return undefined;
      const texts = values.map((v) => staticTextOf(idx, v, depth + 1));
      return texts.every((t) => t === texts[0]) ? texts[0] : undefined;
    }
    default: return undefined;
  }
}

function formatText(idx: PyFileIndex, n: PyNode, depth: number): string | undefined {
  const src = idx.src;
  const parts = splitString(src, n);
  if (!parts) return undefined;
  const bodyEnd = parts.bodyStart + parts.body.length;
  const literal = (from: number, to: number) => src.slice(from, to).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  let out = '';
  let at = parts.bodyStart;
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (c.name !== 'FormatReplacement') continue;
    if (c.from > at) out += literal(at, c.from);
    at = c.to;
    const inner = namedChildren(c);
    const expr = inner.find((e) => e.name !== 'FormatConversion' && e.name !== 'FormatSpec');
    const plain = inner.length === 1 && expr;
    out += (plain ? staticTextOf(idx, expr, depth + 1) : undefined) ?? UNKNOWN_TEXT;
  }
  if (bodyEnd > at) out += literal(at, bodyEnd);
  return out;
}
