import type { McpClient } from '../../classify.js';
import { mcpClient, type ReferenceStyle } from '../../mcpClients.js';
import { inputIdFor } from './mcpNames.js';

export type { ReferenceStyle } from '../../mcpClients.js';

/**
 * The reference syntaxes a fix may write for a client, preferred first (the MCP_CLIENTS table). A
 * fix must write what the owning client expands, or the server would receive the reference text
 * as its key; a client that expands nothing (Claude Desktop, Zed) gets no rewrite at all.
 *   input  `${input:id}` + an `inputs` entry: VS Code prompts once and keeps it in secret storage
 *   env    `${env:NAME}`: VS Code, Cursor, Windsurf, Cline
 *   plain  `${NAME}`: Claude Code, Gemini CLI, Copilot CLI
 */
export function referenceText(style: ReferenceStyle, name: string, inputId = inputIdFor(name)): string {
  if (style === 'input') return `\${input:${inputId}}`;
  if (style === 'env') return `\${env:${name}}`;
  if (style === 'secrets') return `\${{ secrets.${name} }}`;
  return `\${${name}}`;
}

/** VS Code itself reads a value it prompted for; every other client only sees its environment. */
export function promptsForValues(client: McpClient): boolean {
  return !!mcpClient(client).prompts;
}

export function clientLabel(client: McpClient): string {
  return mcpClient(client).label;
}
