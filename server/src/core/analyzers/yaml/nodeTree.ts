import type { Node } from 'jsonc-parser';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';

/** jsonc-parser's `Node` is read-only for its consumers; this builder is its one writer. */
type Mutable = { parent?: Node; children?: Node[] };

/**
 * A YAML document as the node tree the JSON analyzers read (objects of `property` nodes, arrays,
 * scalars with their source offsets), so an MCP client config written in YAML (Continue's
 * `.continue/mcpServers/*.yaml`) goes through the same server discovery, secret detection and
 * reference checks as the JSON clients' files. Aliases and tags are read as their plain values.
 */
export function parseYamlTree(text: string): Node | undefined {
  const doc = parseDocument(text, { keepSourceTokens: false, prettyErrors: false });
  return doc.contents ? convert(doc.contents as YamlNode) : undefined;
}

function attach(parent: Node, child: Node): void {
  (child as Mutable).parent = parent;
  ((parent as Mutable).children ??= []).push(child);
}

function span(n: { range?: [number, number, number] | null }): [number, number] {
  const r = n.range ?? [0, 0, 0];
  return [r[0], r[1] - r[0]];
}

function convert(n: YamlNode): Node {
  const [offset, length] = span(n as { range?: [number, number, number] | null });
  if (isMap(n)) {
    const obj = { type: 'object', offset, length, children: [] } as unknown as Node;
    for (const pair of n.items) {
      if (!isScalar(pair.key)) continue;
      const [koff, klen] = span(pair.key);
      const value = pair.value ? convert(pair.value as YamlNode) : ({ type: 'null', value: null, offset: koff + klen, length: 0 } as Node);
      // The property spans `key: value`, as a JSON property does, so an entry can be removed whole.
      const prop = { type: 'property', offset: koff, length: Math.max(klen, value.offset + value.length - koff), children: [] } as unknown as Node;
      attach(prop, { type: 'string', value: String(pair.key.value), offset: koff, length: klen } as Node);
      attach(prop, value);
      attach(obj, prop);
    }
    return obj;
  }
  if (isSeq(n)) {
    const arr = { type: 'array', offset, length, children: [] } as unknown as Node;
    for (const item of n.items) if (item) attach(arr, convert(item as YamlNode));
    return arr;
  }
  if (isScalar(n)) {
    const v = n.value;
    const type = typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : v === null ? 'null' : 'string';
    return { type, value: type === 'string' ? String(v) : v, offset, length } as Node;
  }
  return { type: 'null', value: null, offset, length } as Node;
}
