import type { AnalysisContext } from '../context.js';
import { checkLiteral } from '../common/literals.js';
import { parseJsonc, pathText, visitStrings, type JsonParse } from './tree.js';
import { mcpClient } from '../../mcpClients.js';
import { parseTomlTree } from '../toml/tree.js';
import { parseYamlTree } from '../yaml/nodeTree.js';
import { analyzeMcpConfig } from './mcpConfig.js';

/**
 * JSON and JSONC files. MCP client configs get their own rule first; every string value then goes
 * through the shared literal check (an MCP finding shadows the generic one on the same value).
 */
export function analyzeJson(ctx: AnalysisContext): void {
  // Codex's config.toml is read into the same tree (toml/tree.ts); a TOML syntax error throws,
  // and the generic scan stands in.
  const format = ctx.kind.kind === 'mcp-config' ? mcpClient(ctx.kind.client).format : undefined;
  const parsed: JsonParse = format === 'toml' ? { root: parseTomlTree(ctx.text), errors: [] }
    : format === 'yaml' ? { root: parseYamlTree(ctx.text), errors: [] }
      : parseJsonc(ctx.text);
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
