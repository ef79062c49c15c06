import type { McpClient } from '../../classify.js';
import { describeSecret } from '../../secrets/index.js';
import type { AnalysisContext } from '../context.js';
import { valueOffsets } from '../common/literals.js';
import type { JsonParse } from './tree.js';
import { findServers } from './mcpShapes.js';
import { findSecrets, type McpSecret } from './mcpSecrets.js';
import { McpFixes } from './mcpFixes.js';
import { checkMcpUrlQueries } from './mcpUrlQuery.js';
import { checkUnexpandedReferences } from './mcpReferences.js';
import { message } from '../../secrets/message.js';
import { clientLabel } from './mcpClients.js';
import { mcpClient } from '../../mcpClients.js';

const RULE = 'mcp-config-literal-secret';

/**
 * mcp-config-literal-secret: a credential written into an MCP client's config (a server's `env`,
 * `headers`, `args`, `url`, or the default of a `${VAR:-…}` reference). The generic literal scan
 * runs over the same file afterwards; this finding covers the same text, so it shadows that one.
 */
export function analyzeMcpConfig(ctx: AnalysisContext, parsed: JsonParse, client: McpClient): void {
  const servers = findServers(parsed.root, client, ctx.path);
  if (!servers.length) return;
  const fixes = new McpFixes(ctx, client);
  for (const server of servers) {
    for (const s of findSecrets(server)) report(ctx, s, fixes, client);
  }
  checkMcpUrlQueries(ctx, servers);
  checkUnexpandedReferences(ctx, servers, client);
}

function report(ctx: AnalysisContext, s: McpSecret, fixes: McpFixes, client: McpClient): void {
  // The same offset mapping as the generic check, so the two findings' ranges coincide.
  const rawText = ctx.text.slice(s.node.offset, s.node.offset + s.node.length);
  const [start, end] = valueOffsets({ value: s.value, rawStart: s.node.offset, rawText, quoted: true }, s.start, s.end);
  const ref = fixes.preferredReference(s);
  const advice = ref
    ? message`reference it as ${ref} instead, and rotate it.`
    : message`move it out of this file, and rotate it. ${clientLabel(client)} does not expand \${…} references here, so a reference would reach the server as text: ${mcpClient(client).advice ?? ''}.`;
  ctx.report({
    ruleId: RULE,
    start,
    end,
    message: message`MCP server '${s.server.name}' has a literal ${describeSecret(kindLabel(s.kind), s.secret)} in ${s.location}: this file is shared and synced, so ${advice}`,
    fingerprintSource: s.secret,
    fixes: fixes.for(s),
    symbolPath: s.symbolPath,
  });
}

/** Generic detections are called `Secret`/`Password`; mid-sentence they read lower-case. */
function kindLabel(kind: string): string {
  return kind === 'Secret' || kind === 'Password' ? kind.toLowerCase() : kind;
}
