import type { DocumentSelector } from 'vscode-languageclient';

/**
 * Languages by id plus files by pattern: MCP configs, Dockerfiles and dotenv files are matched by
 * path so they are analysed whatever language id the editor (or another extension) gives them.
 */
const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'dockerfile', 'yaml', 'dockercompose', 'json', 'jsonc', 'dotenv', 'properties', 'shellscript', 'plaintext'];
const PATTERNS = [
  '**/.vscode/mcp.json', '**/.cursor/mcp.json', '**/.mcp.json', '**/mcp.json', '**/.claude.json', '**/claude_desktop_config.json',
  '**/mcp_config.json', '**/cline_mcp_settings.json', '**/settings.json',
  '**/Dockerfile', '**/Dockerfile.*', '**/*.Dockerfile', '**/Containerfile', '**/.env', '**/.env.*', '**/*.{yml,yaml}',
];

export const DOCUMENT_SELECTOR: DocumentSelector = [
  ...LANGUAGES.map((language) => ({ scheme: 'file', language })),
  ...PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
];
