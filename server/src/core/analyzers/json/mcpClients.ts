import type { McpClient } from '../../classify.js';
import { inputIdFor } from './mcpNames.js';

/**
 * How each MCP client lets a config refer to a value kept elsewhere. A fix must write the syntax
 * the owning client expands, or the server would receive the reference text as its key.
 *   input  `${input:id}` + an `inputs` entry: VS Code prompts once and keeps it in secret storage
 *   env    `${env:NAME}`: VS Code and Cursor
 *   plain  `${NAME}`: Claude Code and the others
 */
export type ReferenceStyle = 'input' | 'env' | 'plain';

export function referenceStyles(client: McpClient): ReferenceStyle[] {
  if (client === 'vscode' || client === 'vscode-user') return ['input', 'env'];
  if (client === 'cursor') return ['env'];
  return ['plain'];
}

export function referenceText(style: ReferenceStyle, name: string, inputId = inputIdFor(name)): string {
  if (style === 'input') return `\${input:${inputId}}`;
  if (style === 'env') return `\${env:${name}}`;
  return `\${${name}}`;
}

/** VS Code itself reads a value it prompted for; every other client only sees its environment. */
export function promptsForValues(client: McpClient): boolean {
  return client === 'vscode' || client === 'vscode-user';
}

const LABELS: Record<McpClient, string> = {
  vscode: 'VS Code', 'vscode-user': 'VS Code', cursor: 'Cursor', 'claude-code': 'Claude Code',
  'claude-desktop': 'Claude Desktop', windsurf: 'Windsurf', cline: 'VS Code (Cline)', zed: 'Zed', generic: 'the MCP client',
};

export function clientLabel(client: McpClient): string {
  return LABELS[client];
}
