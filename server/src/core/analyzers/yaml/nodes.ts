import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';

export type YDoc = Document.Parsed;

/**
 * Follows aliases to the anchored node, so a value reached through `*anchor` is reported where it
 * is written (once, at the anchor), never at each use.
 */
export function deref(doc: YDoc, node: unknown): unknown {
  let n = node;
  for (let i = 0; i < 16 && isAlias(n); i++) {
    try {
      n = n.resolve(doc);
    } catch {
      return undefined;
    }
  }
  return isAlias(n) ? undefined : n;
}

export function asMap(doc: YDoc, node: unknown): YAMLMap | undefined {
  const n = deref(doc, node);
  return isMap(n) ? n : undefined;
}

export function asSeq(doc: YDoc, node: unknown): YAMLSeq | undefined {
  const n = deref(doc, node);
  return isSeq(n) ? n : undefined;
}

export function asScalar(doc: YDoc, node: unknown): Scalar | undefined {
  const n = deref(doc, node);
  return isScalar(n) ? n : undefined;
}

/** A key's text: scalars only (complex keys are never the ones rules look for). */
export function keyText(pair: Pair): string | undefined {
  return isScalar(pair.key) && pair.key.value !== null && pair.key.value !== undefined ? String(pair.key.value) : undefined;
}

export interface Entry {
  key: string;
  pair: Pair;
  /** The map that holds the pair: differs from the walked map when it came in through `<<`. */
  owner: YAMLMap;
}

/**
 * The pairs of a mapping as a consumer sees them: merge keys (`<<: *defaults`, `<<: [*a, *b]`)
 * expanded, explicit keys winning over merged ones, as compose and YAML 1.1 do.
 */
export function entries(doc: YDoc, map: YAMLMap | undefined): Entry[] {
  return collectEntries(doc, map, new Set());
}

/** `merged` holds every map already expanded: a merge-key bomb (`<<: [*a, *a]` nested) stays linear. */
function collectEntries(doc: YDoc, map: YAMLMap | undefined, merged: Set<YAMLMap>): Entry[] {
  if (!map || merged.has(map)) return [];
  merged.add(map);
  const own: Entry[] = [];
  const inherited: Entry[] = [];
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const key = keyText(item);
    if (key === '<<') {
      const v = item.value;
      const sources = isSeq(v) ? v.items : [v];
      for (const s of sources) inherited.push(...collectEntries(doc, asMap(doc, s), merged));
      continue;
    }
    if (key !== undefined) own.push({ key, pair: item, owner: map });
  }
  const seen = new Set(own.map((e) => e.key));
  return [...own, ...inherited.filter((e) => !seen.has(e.key) && (seen.add(e.key), true))];
}

export function getEntry(doc: YDoc, map: YAMLMap | undefined, key: string): Entry | undefined {
  return entries(doc, map).find((e) => e.key === key);
}

export function get(doc: YDoc, map: YAMLMap | undefined, key: string): unknown {
  return getEntry(doc, map, key)?.pair.value ?? undefined;
}

export function getMap(doc: YDoc, map: YAMLMap | undefined, key: string): YAMLMap | undefined {
  return asMap(doc, get(doc, map, key));
}

export function getSeq(doc: YDoc, map: YAMLMap | undefined, key: string): YAMLSeq | undefined {
  return asSeq(doc, get(doc, map, key));
}

/** A scalar's text as the consumer reads it (`0`, `true` and numbers as written, not as JS values). */
export function scalarString(node: Scalar | undefined): string | undefined {
  if (!node || node.value === null || node.value === undefined) return undefined;
  if (typeof node.value === 'string') return node.value;
  if (node.type === 'PLAIN' && typeof node.source === 'string') return node.source;
  return String(node.value);
}

export function getString(doc: YDoc, map: YAMLMap | undefined, key: string): string | undefined {
  return scalarString(asScalar(doc, get(doc, map, key)));
}

/** Zero-based column of an offset (characters since the line start). */
export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** Whether a node sits in flow context (`{…}` / `[…]`), where plain scalars cannot hold `{}[],`. */
export function isFlowCollection(node: Node | undefined): boolean {
  return !!node && (isMap(node) || isSeq(node)) && node.flow === true;
}

/** End of a node's value, without the line breaks a block scalar's range includes. */
export function valueEnd(text: string, node: Node): number {
  const [start, end] = node.range!;
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}
