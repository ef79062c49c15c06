import type { McpClient } from '../../classify.js';
import type { AnalysisContext } from '../context.js';
import type { JsonParse } from './tree.js';

/** mcp-config-literal-secret: implemented in the MCP config analyzer. */
export function analyzeMcpConfig(_ctx: AnalysisContext, _parsed: JsonParse, _client: McpClient): void {
  // Filled in by the MCP config work (issue 2, rule 3).
}
