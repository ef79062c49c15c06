import type { Node } from 'jsonc-parser';
import type { Fix } from '../../types.js';
import type { AnalysisContext } from '../context.js';
import { inDocumentOrder, removeEntry, type OffsetEdit } from './configEdits.js';
import { propertyValue } from './jsoncEdits.js';
import type { McpServer } from './mcpShapes.js';

/**
 * Goose passes `envs` values as written; a name in `env_keys` is read from the environment or the
 * keyring (`goose configure` stores it there). The fix for a literal (or a `${NAME}` Goose would
 * pass as text) in `envs` removes the entry and lists the name in `env_keys`.
 */
export function gooseEnvFixes(ctx: AnalysisContext, server: McpServer, valueNode: Node, name: string, rule: string): Fix[] {
  const removal = removeEntry(ctx.text, valueNode);
  const listed = addToEnvKeys(ctx.text, server, name);
  if (!removal || !listed) return [];
  return [{
    title: `secretzero (${rule}): list ${name} in env_keys instead of writing it in the file — store it with goose configure (the keyring) or set it where Goose starts`,
    applicability: 'unsafe',
    isPreferred: true,
    edits: inDocumentOrder(ctx, [removal, listed]),
  }];
}

/** `NAME` added to the extension's `env_keys` (flow or block list), or an `env_keys: [NAME]` line beside `envs`. */
function addToEnvKeys(text: string, server: McpServer, name: string): OffsetEdit | undefined {
  const keys = propertyValue(server.node, 'env_keys');
  if (keys?.type === 'array') {
    if ((keys.children ?? []).some((c) => c.value === name)) return { start: keys.offset, end: keys.offset, text: '' };
    if (text[keys.offset] === '[') {
      const close = keys.offset + keys.length - 1;
      return { start: close, end: close, text: (keys.children ?? []).length ? `, ${name}` : name };
    }
    // A block list: a new `- NAME` item after the last one, at its indentation.
    const last = (keys.children ?? []).at(-1);
    if (!last) return undefined;
    const lineStart = text.lastIndexOf('\n', last.offset - 1) + 1;
    const indent = /^[ \t]*-?[ \t]*/.exec(text.slice(lineStart))![0].replace(/-[ \t]*$/, '');
    const lineEnd = text.indexOf('\n', last.offset + last.length);
    const at = lineEnd < 0 ? text.length : lineEnd;
    return { start: at, end: at, text: `\n${indent}- ${name}` };
  }
  // No list yet: `env_keys: [NAME]` on the line before `envs:`, at its indentation.
  const envs = propertyValue(server.node, server.envKey ?? 'envs')?.parent;
  if (!envs) return undefined;
  const lineStart = text.lastIndexOf('\n', envs.offset - 1) + 1;
  const indent = text.slice(lineStart, envs.offset);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  return { start: lineStart, end: lineStart, text: `${indent}env_keys: [${name}]\n` };
}
