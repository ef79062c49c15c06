import type { AnalysisContext } from '../context.js';
import { checkLiteral } from '../common/literals.js';
import { parseJsonc, pathText, visitStrings } from './tree.js';
import { analyzeMcpConfig } from './mcpConfig.js';

/**
 * JSON and JSONC files. MCP client configs get their own rule first; every string value then goes
 * through the shared literal check (an MCP finding shadows the generic one on the same value).
 */
export function analyzeJson(ctx: AnalysisContext): void {
  const parsed = parseJsonc(ctx.text);
  if (ctx.kind.kind === 'mcp-config') analyzeMcpConfig(ctx, parsed, ctx.kind.client);
  visitStrings(parsed.root, ({ node, holder, path }) => {
    const value = String(node.value);
    if (value.length < 8) return;
    checkLiteral(ctx, {
      value, rawStart: node.offset, rawText: ctx.text.slice(node.offset, node.offset + node.length), quoted: true,
      holder, symbolPath: pathText(path),
    });
  });
}
