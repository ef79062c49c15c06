import { parseTree, type Node, type ParseError } from 'jsonc-parser';

export interface JsonParse { root: Node | undefined; errors: ParseError[] }

/** Tolerant JSONC parse: comments and trailing commas allowed, a broken file still yields a tree. */
export function parseJsonc(text: string): JsonParse {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return { root, errors };
}

export interface JsonStringVisit {
  node: Node;
  /** Property name holding the string (or the parent's name for array items). */
  holder?: string;
  /** `mcpServers.github.env.GITHUB_TOKEN` */
  path: (string | number)[];
}

/** Every string value (not keys) in the tree, with its holder and path. Iterative: deep nesting cannot overflow the stack. */
export function visitStrings(root: Node | undefined, visit: (v: JsonStringVisit) => void): void {
  if (!root) return;
  const stack: { node: Node; path: (string | number)[]; holder?: string }[] = [{ node: root, path: [] }];
  while (stack.length) {
    const { node, path, holder } = stack.pop()!;
    if (node.type === 'string') visit({ node, holder, path });
    else if (node.type === 'object') {
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (key && value) stack.push({ node: value, path: [...path, String(key.value)], holder: String(key.value) });
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((child, i) => stack.push({ node: child, path: [...path, i], holder }));
    }
  }
}

export function pathText(path: (string | number)[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');
}
