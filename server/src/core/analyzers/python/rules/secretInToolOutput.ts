import type { AnalysisContext } from '../../context.js';
import { secretPhrase } from '../../common/secretSource.js';
import { SECRET_IN_TOOL_OUTPUT, secretInToolOutputFixTitle, secretInToolOutputMessage } from '../../common/wording/secret-in-tool-output.js';
import type { PyFileIndex } from '../fileIndex.js';
import { pySecretFlowOf } from '../flow.js';
import { dispatchedToolName, toolFunctions } from '../mcpTools.js';
import { enclosingFunction, namedChildren, textOf } from '../syntax.js';
import { reportRedactableSite, secretSitesIn } from './redaction.js';

/**
 * Calls whose arguments are the tool's result itself: MCP content items and results
 * (`types.TextContent(type="text", text=…)`, `EmbeddedResource`, `TextResourceContents`,
 * `CallToolResult(content=…, structuredContent=…)`, fastmcp `ToolResult`) and `dict(…)`.
 */
const CONTENT_CALLS = /^(TextContent|EmbeddedResource|TextResourceContents|CallToolResult|ToolResult|dict)$/;

/**
 * secret-in-tool-output for Python: what an MCP tool returns carries a secret. FastMCP tools
 * (`@mcp.tool()`, `@app.tool()` on a `FastMCP(…)`, `mcp.add_tool(fn)`) return their result as is
 * (a string, a dict, a list, content items); a low-level `@server.call_tool()` handler returns
 * content items or a `CallToolResult`. Every `return` of the tool's own body is read, through
 * f-strings, `+`, `%`, `.format`, `json.dumps`, dicts, lists and content items, and through a local
 * name bound once to such a literal (`result = {…}; return result`).
 */
export function checkPySecretInToolOutput(ctx: AnalysisContext, idx: PyFileIndex): void {
  const tools = toolFunctions(idx);
  if (!tools.length) return;
  const flow = pySecretFlowOf(idx);
  const seen = new Set<number>();
  for (const tool of tools) {
    for (const r of idx.returns) {
      if (enclosingFunction(r)?.from !== tool.fn.node.from) continue;
      const value = namedChildren(r)[0];
      if (!value) continue;
      const name = tool.name ?? dispatchedToolName(idx, r);
      const sites = secretSitesIn(idx, value, (n) => flow.secretOf(n), { containerCall: (c) => CONTENT_CALLS.test(c), followLocalLiterals: true });
      for (const site of sites) {
        if (seen.has(site.node.from)) continue;
        seen.add(site.node.from);
        reportRedactableSite(ctx, idx, site, {
          ruleId: SECRET_IN_TOOL_OUTPUT,
          message: secretInToolOutputMessage(secretPhrase(site.source), name),
          fingerprintSource: `${name ?? ''}:${textOf(idx.src, site.expr)}`,
          fixTitle: secretInToolOutputFixTitle(),
          // Unsafe: the tool's result changes, and clients or prompts may rely on it.
          applicability: 'unsafe',
        });
      }
    }
  }
}
