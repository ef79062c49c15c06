import type { McpClient } from '../../classify.js';
import { mcpClient, type ReferenceStyle } from '../../mcpClients.js';
import { inputIdFor } from './mcpNames.js';

export type { ReferenceStyle } from '../../mcpClients.js';

/**
 * The text a fix writes for a reference in one style. Which styles a client gets, and in which
 * field, is the MCP_CLIENTS table's (`fixStylesAt`): a fix must write what the owning client expands.
 *   input    `${input:id}` + an `inputs` entry: VS Code prompts once and keeps it in secret storage
 *   env      `${env:NAME}`: VS Code, Cursor, Windsurf, Cline
 *   plain    `${NAME}`: Claude Code, Gemini CLI, Copilot CLI, Continue's JSON files (env only)
 *   secrets  `${{ secrets.NAME }}`: Continue's YAML blocks
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
