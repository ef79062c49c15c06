import { LazyLiteralSite, type LiteralSite } from '../common/literals.js';
import { sitesOf, type PyFileIndex } from './fileIndex.js';
import { formatStringPieces, splitString, type PyStringParts } from './strings.js';
import { dottedPath, lastName, textOf, type PyNode } from './syntax.js';

/** A Python string literal (or an f-string's literal piece) with the name that holds it. */
export interface PyLiteral extends LiteralSite {
  node: PyNode;
  parts: PyStringParts;
  /** For an f-string piece: its offsets (the node is the whole f-string). */
  piece?: { start: number; end: number };
}

/** Wrappers a value passes through on its way to the name that holds it. */
const TRANSPARENT = new Set(['ParenthesizedExpression', 'ContinuedString', 'BinaryExpression', 'ConditionalExpression']);

/**
 * The name holding a value: the target of `name = "…"` (also `self.name`, `d["name"]`, class
 * attributes), the keyword of `f(name="…")`, the key of `{"name": "…"}`, the parameter of
 * `def f(name="…")`. Undefined for values held by nothing (positional arguments, docstrings).
 */
export function holderOf(src: string, n: PyNode): string | undefined {
  let node = n;
  while (node.parent && TRANSPARENT.has(node.parent.name)) node = node.parent;
  const parent = node.parent;
  if (!parent) return undefined;
  const prev = (x: PyNode) => { let p = x.prevSibling; while (p && p.name === 'TypeDef') p = p.prevSibling; return p; };
  switch (parent.name) {
    case 'AssignStatement': case 'UpdateStatement': {
      const op = prev(node);
      if (!op || (op.name !== 'AssignOp' && op.name !== 'UpdateOp')) return undefined;
      return targetName(src, prev(op));
    }
    case 'ArgList': case 'ParamList': {
      const op = node.prevSibling;
      return op?.name === 'AssignOp' && op.prevSibling?.name === 'VariableName' ? textOf(src, op.prevSibling)
        : op?.name === 'AssignOp' && op.prevSibling?.name === 'TypeDef' && op.prevSibling.prevSibling ? textOf(src, op.prevSibling.prevSibling) : undefined;
    }
    case 'DictionaryExpression': {
      const colon = node.prevSibling;
      const key = colon?.name === ':' ? colon.prevSibling : undefined;
      if (!key) return undefined;
      const k = key.name === 'String' ? splitString(src, key)?.value : undefined;
      return k ?? (key.name === 'VariableName' ? textOf(src, key) : undefined);
    }
    default: return undefined;
  }
}

function targetName(src: string, t: PyNode | null): string | undefined {
  if (!t) return undefined;
  if (t.name === 'VariableName') return textOf(src, t);
  if (t.name === 'MemberExpression') {
    const index = t.lastChild?.prevSibling;
    if (index?.name === 'String') return splitString(src, index)?.value;
    return lastName(dottedPath(src, t));
  }
  return undefined;
}

/** `Class.method.name`: where a literal sits, for fingerprints and SARIF logical locations. */
export function symbolPathOf(src: string, n: PyNode, holder?: string): string | undefined {
  const names: string[] = [];
  for (let p = n.parent; p; p = p.parent) {
    if (p.name === 'FunctionDefinition' || p.name === 'ClassDefinition') {
      const id = p.getChild('VariableName');
      if (id) names.unshift(textOf(src, id));
    }
  }
  if (holder) names.push(holder);
  return names.length ? names.join('.') : undefined;
}

/**
 * Every string literal of a file with its holder. f-strings contribute their literal pieces, so a
 * `{…}` replacement is never mistaken for literal text. `keep` drops literals by value first.
 */
export function collectPyLiterals(idx: PyFileIndex, keep?: (value: string) => boolean): PyLiteral[] {
  const src = idx.src;
  const out: PyLiteral[] = [];
  const add = (node: PyNode, parts: PyStringParts, value: string, start: number, end: number, piece?: { start: number; end: number }) => {
    if (!keep || keep(value)) out.push(new PyLiteralSite(src, node, parts, value, start, end, piece));
  };
  for (const n of sitesOf(idx, idx.strings)) {
    const parts = splitString(src, n);
    if (!parts || parts.bytes || isImportOrAnnotation(n)) continue;
    add(n, parts, parts.value, parts.bodyStart, parts.bodyStart + parts.body.length);
  }
  for (const n of sitesOf(idx, idx.formatStrings)) {
    const parts = splitString(src, n);
    if (!parts) continue;
    for (const p of formatStringPieces(src, n)) {
      const value = (parts.raw ? p.text : parts.value === parts.body ? p.text : p.text).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      add(n, parts, value, p.start, p.end, { start: p.start, end: p.end });
    }
  }
  return out;
}

/** A Python string (or f-string piece) as a literal site; `LazyLiteralSite` says why a class. */
class PyLiteralSite extends LazyLiteralSite implements PyLiteral {
  readonly rawStart: number;
  readonly rawText: string;

  constructor(
    private readonly src: string, readonly node: PyNode, readonly parts: PyStringParts, readonly value: string,
    start: number, end: number, readonly piece?: { start: number; end: number },
  ) {
    super();
    // One character stands for the quote on each side, so offsets map as for other languages.
    this.rawStart = start - 1;
    this.rawText = src.slice(start - 1, end + 1);
  }

  protected findHolder(): string | undefined { return holderOf(this.src, this.node); }
  protected findSymbolPath(): string | undefined { return symbolPathOf(this.src, this.node, this.holder); }
}

/** Strings that are never values: `Literal["…"]` annotations and `__all__`-style names are still values; annotations are not. */
function isImportOrAnnotation(n: PyNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.name === 'TypeDef') return true;
    if (ANNOTATION_STOPS.has(p.name) || p.name.endsWith('Statement')) return false;
  }
  return false;
}

/** Where a climb for an enclosing annotation stops (besides any statement). */
const ANNOTATION_STOPS = new Set(['FunctionDefinition', 'ClassDefinition', 'ArgList', 'Body']);
