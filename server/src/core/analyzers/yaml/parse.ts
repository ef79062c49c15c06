import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type Scalar } from 'yaml';
import { neutralizeTemplates } from './templates.js';

export interface YamlParse {
  docs: Document.Parsed[];
  /** True when Go/Helm template actions were blanked out to get a tree (offsets are unchanged). */
  templated: boolean;
}

/**
 * Block indicators stacked on one line (`- - - … x`, `? ? …`) make the yaml lexer recurse once per
 * indicator and pass every token up through each level: quadratic time, seconds for a 24 kB line
 * on a worker thread's deeper stack. No real document stacks more than a few, so such a stream is
 * not parsed: the error sends analyze() to the generic scan.
 */
const STACKED_INDICATORS = /^[ \t]*(?:[-?:][ \t]+){64,}/m;

function parseStream(text: string): Document.Parsed[] {
  if (STACKED_INDICATORS.test(text)) throw new RangeError('YAML block indicators stacked too deeply');
  const docs = parseAllDocuments(text, { lineCounter: new LineCounter(), uniqueKeys: false, strict: false, prettyErrors: false });
  return Array.isArray(docs) ? docs : [];
}

/**
 * Parse every document of a YAML stream with source ranges. Alias expansion is capped so an
 * alias bomb cannot blow up memory; errors stay on the documents (partial trees still walk).
 * With `templates`, a stream that does not parse because of `{{ … }}` actions (Helm charts) is
 * parsed again with those actions blanked out, same length, so every offset still points into
 * the original text.
 */
export function parseYaml(text: string, opts: { templates?: boolean } = {}): YamlParse {
  const docs = parseStream(text);
  if (opts.templates && docs.some((d) => d.errors.length > 0)) {
    const neutral = neutralizeTemplates(text);
    if (neutral !== text) return { docs: parseStream(neutral), templated: true };
  }
  return { docs, templated: false };
}

export interface YamlScalarVisit {
  node: Scalar;
  /** The key that holds this scalar (for sequence items, the sequence's key). */
  holder?: string;
  path: (string | number)[];
}

/** Walks scalars (values, not keys) without resolving aliases (an alias is the anchor's text). */
export function visitScalars(node: unknown, visit: (v: YamlScalarVisit) => void, path: (string | number)[] = [], holder?: string): void {
  const stack: { node: unknown; path: (string | number)[]; holder?: string }[] = [{ node, path, holder }];
  while (stack.length) {
    const cur = stack.pop()!;
    const n = cur.node;
    if (isScalar(n)) visit({ node: n, holder: cur.holder, path: cur.path });
    else if (isMap(n)) {
      for (const item of n.items) {
        if (!isPair(item)) continue;
        const key = isScalar(item.key) ? String(item.key.value) : undefined;
        stack.push({ node: item.value, path: [...cur.path, key ?? '?'], holder: key });
      }
    } else if (isSeq(n)) {
      n.items.forEach((item, i) => stack.push({ node: item, path: [...cur.path, i], holder: cur.holder }));
    }
  }
}

/** The raw source text and offsets of a scalar. */
export function scalarSource(text: string, node: Node): { start: number; end: number; raw: string } | undefined {
  if (!node.range) return undefined;
  const [start, end] = node.range;
  return { start, end, raw: text.slice(start, end) };
}

export function isQuoted(node: Scalar): boolean {
  return node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
}

export function yamlPathText(path: (string | number)[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');
}
