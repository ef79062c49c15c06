import type { PyNode } from './syntax.js';

/**
 * Python string literals: prefixes (`r`, `b`, `u`, `f` and pairs), single and triple quotes,
 * escapes. `value` is what the program sees; the offsets say where the body sits in the source.
 */
export interface PyStringParts {
  prefix: string;
  quote: string;
  /** The text between the quotes, as written. */
  body: string;
  bodyStart: number;
  value: string;
  raw: boolean;
  bytes: boolean;
  format: boolean;
  /** False for a string the file never closes (half-typed): no fix rewrites it. */
  closed: boolean;
}

const HEAD = /^([rRbBuUfF]{0,2})('''|"""|'|")/;

/** The quote a string literal opens with (`'`, `"`, `'''`, `"""`), read in place: `splitString`'s `quote` without the copies. */
export function quoteOf(src: string, n: PyNode): string | undefined {
  let i = n.from;
  while (i < n.from + 2 && i < n.to && /[rRbBuUfF]/.test(src[i])) i++;
  const q = src.charCodeAt(i);
  if (q !== SINGLE && q !== DOUBLE) return undefined;
  const triple = src.charCodeAt(i + 1) === q && src.charCodeAt(i + 2) === q;
  return q === SINGLE ? (triple ? "'''" : "'") : (triple ? '"""' : '"');
}

const SINGLE = 39;
const DOUBLE = 34;

export function splitString(src: string, n: PyNode): PyStringParts | undefined {
  const text = src.slice(n.from, n.to);
  const m = HEAD.exec(text);
  if (!m) return undefined;
  const [, prefix, quote] = m;
  const closed = text.length >= m[0].length + quote.length && text.endsWith(quote);
  const body = text.slice(m[0].length, closed ? text.length - quote.length : text.length);
  const p = prefix.toLowerCase();
  const raw = p.includes('r');
  return {
    prefix, quote, body, bodyStart: n.from + m[0].length, raw, bytes: p.includes('b'), format: p.includes('f'), closed,
    value: raw ? body : unescape(body),
  };
}

const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', 0: '\0', '\n': '' };

function unescape(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|N\{[^}]*\}|[\s\S])/g, (all, e: string) => {
    if (/^[xuU]/.test(e) && e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return SIMPLE[e] ?? all; // unknown escapes stay as written, as Python keeps them
  });
}

/** The literal text pieces of an f-string, between its `{…}` replacements, with their offsets. */
export function formatStringPieces(src: string, n: PyNode): { start: number; end: number; text: string }[] {
  const parts = splitString(src, n);
  if (!parts) return [];
  const bodyEnd = parts.bodyStart + parts.body.length;
  const out: { start: number; end: number; text: string }[] = [];
  let at = parts.bodyStart;
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (c.name !== 'FormatReplacement') continue;
    if (c.from > at) out.push({ start: at, end: c.from, text: src.slice(at, c.from) });
    at = c.to;
  }
  if (bodyEnd > at) out.push({ start: at, end: bodyEnd, text: src.slice(at, bodyEnd) });
  return out;
}

/** The expressions inside an f-string's replacements. */
export function formatStringValues(n: PyNode): PyNode[] {
  const out: PyNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (c.name !== 'FormatReplacement') continue;
    for (let e = c.firstChild; e; e = e.nextSibling) if (/^[A-Z]/.test(e.name) && e.name !== 'FormatConversion' && e.name !== 'FormatSpec') out.push(e);
  }
  return out;
}

/** The value of a plain (non-f) string literal or implicit concatenation, or undefined. */
export function stringValue(src: string, n: PyNode | null | undefined): string | undefined {
  if (!n) return undefined;
  if (n.name === 'String') return splitString(src, n)?.value;
  if (n.name === 'ContinuedString') {
    let out = '';
    for (let c = n.firstChild; c; c = c.nextSibling) {
      const v = c.name === 'String' ? splitString(src, c)?.value : undefined;
      if (v === undefined) return undefined;
      out += v;
    }
    return out;
  }
  if (n.name === 'ParenthesizedExpression') return stringValue(src, n.firstChild?.nextSibling);
  return undefined;
}
