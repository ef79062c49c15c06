import * as path from 'node:path';
import type { Node } from 'jsonc-parser';
import type { Fix } from '../../types.js';
import type { AnalysisContext } from '../context.js';
import { dotenvLine, findIgnoredDotenv } from '../common/dotenvTarget.js';
import { propertyValue } from './jsoncEdits.js';
import { removeEntry, type OffsetEdit } from './configEdits.js';
import type { McpServer } from './mcpShapes.js';

/**
 * Codex reads no reference in a value: a server gets an environment variable by name, through
 * `env_vars = ["NAME"]` in its `[mcp_servers.NAME]` table. The fix for a literal (or a `${NAME}`
 * Codex would pass as text) in `env` removes the entry and forwards the variable instead; the
 * value has to be set where Codex starts (or, where a git-ignored `.env` exists, a second fix
 * keeps it there).
 */
export function codexEnvFixes(ctx: AnalysisContext, server: McpServer, valueNode: Node, name: string, rule: string, moved?: string): Fix[] {
  const removal = removeEntry(ctx.text, valueNode);
  const forward = addToEnvVars(ctx.text, server, name);
  if (!removal || !forward) return [];
  const title = `secretzero (${rule}): forward ${name} with env_vars instead of writing it in the file`;
  const edits = [removal, forward].sort((a, b) => a.start - b.start).map((e) => ctx.edit(e.start, e.end, e.text));
  const fixes: Fix[] = [{ title: `${title} — set ${name} in the environment Codex starts from`, applicability: 'unsafe', isPreferred: true, edits }];
  const dotenv = moved !== undefined ? findIgnoredDotenv(ctx) : undefined;
  if (dotenv && moved !== undefined) {
    const rel = path.relative(path.dirname(ctx.path), dotenv).replace(/\\/g, '/') || '.env';
    fixes.push({ title: `${title}, and append ${name}=<value> to ${rel}`, applicability: 'unsafe', edits, externalEdits: [ctx.appendToFile(dotenv, [dotenvLine(name, moved)])] });
  }
  return fixes;
}

/** `"NAME"` added to the server's `env_vars`, or an `env_vars = ["NAME"]` line under its table header. */
function addToEnvVars(text: string, server: McpServer, name: string): OffsetEdit | undefined {
  const list = propertyValue(server.node, 'env_vars');
  if (list?.type === 'array') {
    if ((list.children ?? []).some((c) => c.value === name)) return { start: list.offset, end: list.offset, text: '' };
    const close = list.offset + list.length - 1;
    const empty = !(list.children ?? []).length;
    return { start: close, end: close, text: empty ? `"${name}"` : `, "${name}"` };
  }
  // The server's own `[mcp_servers.NAME]` header: the tree's object starts there when the table is written.
  const header = /^\[\s*mcp_servers\.("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*\]/.exec(text.slice(server.node.offset));
  if (!header) return undefined;
  const lineEnd = text.indexOf('\n', server.node.offset);
  const at = lineEnd < 0 ? text.length : lineEnd;
  return { start: at, end: at, text: `\nenv_vars = ["${name}"]` };
}
