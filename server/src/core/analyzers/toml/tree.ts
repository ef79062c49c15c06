import type { Node } from 'jsonc-parser';
import { parseTOML } from 'toml-eslint-parser';

type TomlNode = ReturnType<typeof parseTOML>['body'][number]['body'][number] | { type: string; [k: string]: unknown };

/**
 * A TOML document as the node tree the JSON analyzers read (jsonc-parser's `Node`: objects of
 * `property` nodes, arrays, strings with their source offsets). Codex's `config.toml` then goes
 * through the same MCP server discovery, secret detection and reference checks as the JSON
 * clients' files. Tables and dotted keys become nested objects; a key defined twice keeps both
 * (TOML forbids it, the checks only read). Throws on a syntax error: the caller falls back to the
 * generic scan.
 */
export function parseTomlTree(text: string): Node {
  const ast = parseTOML(text);
  const root = object(0, text.length);
  for (const table of ast.body[0].body as TomlNode[]) {
    if (table.type === 'TOMLKeyValue') { keyValue(root, table); continue; }
    if (table.type !== 'TOMLTable') continue;
    const t = table as unknown as { kind: 'standard' | 'array'; resolvedKey: (string | number)[]; range: [number, number]; body: TomlNode[] };
    const target = t.kind === 'array' ? object(t.range[0], t.range[1] - t.range[0]) : descend(root, t.resolvedKey.map(String), t.range);
    if (t.kind === 'array') attach(descendArray(root, t.resolvedKey.filter((k): k is string => typeof k === 'string'), t.range), target);
    for (const kv of t.body) keyValue(target, kv);
  }
  return root;
}

function object(offset: number, length: number, parent?: Node): Node {
  return { type: 'object', offset, length, children: [], parent } as Node;
}

/** jsonc-parser's `Node` is read-only for its consumers; this builder is its one writer. */
type Mutable = { parent?: Node; children?: Node[] };

function attach(parent: Node, child: Node): void {
  (child as Mutable).parent = parent;
  ((parent as Mutable).children ??= []).push(child);
}

function property(parent: Node, key: string, value: Node, offset: number, length: number): void {
  const prop = { type: 'property', offset, length, children: [] } as unknown as Node;
  attach(prop, { type: 'string', value: key, offset, length: key.length } as Node);
  attach(prop, value);
  attach(parent, prop);
}

function existing(parent: Node, key: string): Node | undefined {
  for (const p of parent.children ?? []) if (p.children?.[0]?.value === key) return p.children[1];
  return undefined;
}

/** The object at `keys` below `parent`, created (spanning `range`) where missing. */
function descend(parent: Node, keys: string[], range: [number, number]): Node {
  let cur = parent;
  for (const key of keys) {
    let next = existing(cur, key);
    if (!next || next.type !== 'object') {
      next = object(range[0], range[1] - range[0]);
      property(cur, key, next, range[0], range[1] - range[0]);
    }
    cur = next;
  }
  return cur;
}

function descendArray(parent: Node, keys: string[], range: [number, number]): Node {
  const owner = descend(parent, keys.slice(0, -1), range);
  const key = keys[keys.length - 1];
  let arr = existing(owner, key);
  if (!arr || arr.type !== 'array') {
    arr = { type: 'array', offset: range[0], length: range[1] - range[0], children: [] } as Node;
    property(owner, key, arr, range[0], range[1] - range[0]);
  }
  return arr;
}

function keyValue(target: Node, kv: TomlNode): void {
  if (kv.type !== 'TOMLKeyValue') return;
  const k = kv as unknown as { key: { keys: { name?: string; value?: string }[] }; value: TomlNode; range: [number, number] };
  const keys = k.key.keys.map((x) => String(x.name ?? x.value));
  const owner = descend(target, keys.slice(0, -1), k.range);
  property(owner, keys[keys.length - 1], value(k.value), k.range[0], k.range[1] - k.range[0]);
}

function value(v: TomlNode): Node {
  const n = v as unknown as { type: string; kind?: string; value?: unknown; range: [number, number]; elements?: TomlNode[]; body?: TomlNode[] };
  const [offset, end] = n.range;
  if (n.type === 'TOMLArray') {
    const arr = { type: 'array', offset, length: end - offset, children: [] } as Node;
    for (const e of n.elements ?? []) attach(arr, value(e));
    return arr;
  }
  if (n.type === 'TOMLInlineTable') {
    const obj = object(offset, end - offset);
    for (const kv of n.body ?? []) keyValue(obj, kv);
    return obj;
  }
  const type = n.kind === 'string' ? 'string' : n.kind === 'boolean' ? 'boolean' : n.kind === 'integer' || n.kind === 'float' ? 'number' : 'string';
  return { type, value: n.kind === 'string' ? n.value : String(n.value), offset, length: end - offset } as Node;
}
