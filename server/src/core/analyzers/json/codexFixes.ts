import * as path from 'node:path';
import type { Node } from 'jsonc-parser';
import type { Fix } from '../../types.js';
import type { AnalysisContext } from '../context.js';
import { dotenvLine, findIgnoredDotenv } from '../common/dotenvTarget.js';
import { propertyValue } from './jsoncEdits.js';
import { inDocumentOrder, removeEntry, type OffsetEdit } from './configEdits.js';
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
  const edits = inDocumentOrder(ctx, [removal, forward]);
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
  return addServerLine(text, server, `env_vars = ["${name}"]`);
}

/**
 * A header with a credential: `Authorization: Bearer …` becomes `bearer_token_env_var = "NAME"`,
 * any other header an `env_http_headers` entry naming the variable; the literal header goes.
 */
export function codexHeaderFixes(ctx: AnalysisContext, server: McpServer, valueNode: Node, header: string, name: string, rule: string): Fix[] {
  const bearer = /^authorization$/i.test(header) && /^\s*bearer\s/i.test(String(valueNode.value));
  if (bearer && propertyValue(server.node, 'bearer_token_env_var')) return [];
  const removal = removeEntry(ctx.text, valueNode);
  const added = bearer
    ? addServerLine(ctx.text, server, `bearer_token_env_var = "${name}"`)
    : addEnvHeader(ctx.text, server, header, name);
  if (!removal || !added) return [];
  const what = bearer ? `bearer_token_env_var = "${name}"` : `env_http_headers (${header} from ${name})`;
  return [{
    title: `secretzero (${rule}): send ${header} from the environment with ${what} — set ${name} where Codex starts`,
    applicability: 'unsafe',
    isPreferred: true,
    edits: inDocumentOrder(ctx, [removal, added]),
  }];
}

function addEnvHeader(text: string, server: McpServer, header: string, name: string): OffsetEdit | undefined {
  const key = /^[A-Za-z0-9_-]+$/.test(header) ? header : JSON.stringify(header);
  const table = propertyValue(server.node, 'env_http_headers');
  if (table?.type === 'object') {
    if (text[table.offset] !== '{') return undefined; // a [..env_http_headers] table: left to the user
    const close = table.offset + table.length - 1;
    return { start: close, end: close, text: `${(table.children ?? []).length ? ', ' : ' '}${key} = "${name}" ` };
  }
  return addServerLine(text, server, `env_http_headers = { ${key} = "${name}" }`);
}

/**
 * A `key = value` line right under the server's own `[mcp_servers.NAME]` header (the tree's object
 * starts there when the table is written; a server in an inline table gets none).
 */
function addServerLine(text: string, server: McpServer, line: string): OffsetEdit | undefined {
  if (!/^\[\s*mcp_servers\.("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*\]/.test(text.slice(server.node.offset))) return undefined;
  const lineEnd = text.indexOf('\n', server.node.offset);
  const at = lineEnd < 0 ? text.length : lineEnd;
  return { start: at, end: at, text: `\n${line}` };
}
