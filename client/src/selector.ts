import type { DocumentSelector } from 'vscode-languageclient';
import { MCP_CONFIG_GLOBS } from '../../server/src/core/mcpClients';
import { LANGUAGES as REGISTERED, extensionGlobs, PYTHON } from '../../server/src/core/lang/languages';

/**
 * Languages by id plus files by pattern: MCP configs, Dockerfiles and dotenv files are matched by
 * path so they are analysed whatever language id the editor (or another extension) gives them.
 * Language ids come from the one language table (server/src/core/lang/languages.ts); shell scripts
 * and plain text are scanned for known credential formats only.
 */
const LANGUAGES = [...new Set([...REGISTERED.flatMap((l) => Object.keys(l.languageIds)), 'shellscript', 'plaintext'])];
// MCP client configs come from the one table of clients (server/src/core/mcpClients.ts, no imports).
const PATTERNS = [
  ...MCP_CONFIG_GLOBS, '**/settings.json',
  '**/Dockerfile', '**/Dockerfile.*', '**/*.Dockerfile', '**/Containerfile', '**/.env', '**/.env.*', '**/*.{yml,yaml}',
  // Python files without the Python extension installed have no language id VS Code knows.
  ...extensionGlobs(PYTHON),
];

export const DOCUMENT_SELECTOR: DocumentSelector = [
  ...LANGUAGES.map((language) => ({ scheme: 'file', language })),
  ...PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
];
