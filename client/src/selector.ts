import type { DocumentSelector } from 'vscode-languageclient';
import { MCP_CONFIG_GLOBS } from '../../server/src/core/mcpClients';

/**
 * Languages by id plus files by pattern: MCP configs, Dockerfiles and dotenv files are matched by
 * path so they are analysed whatever language id the editor (or another extension) gives them.
 */
const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'dockerfile', 'yaml', 'dockercompose', 'json', 'jsonc', 'dotenv', 'properties', 'shellscript', 'plaintext'];
// MCP client configs come from the one table of clients (server/src/core/mcpClients.ts, no imports).
const PATTERNS = [
  ...MCP_CONFIG_GLOBS, '**/settings.json',
  '**/Dockerfile', '**/Dockerfile.*', '**/*.Dockerfile', '**/Containerfile', '**/.env', '**/.env.*', '**/*.{yml,yaml}',
];

export const DOCUMENT_SELECTOR: DocumentSelector = [
  ...LANGUAGES.map((language) => ({ scheme: 'file', language })),
  ...PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
];
