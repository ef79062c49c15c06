/**
 * Every MCP client whose config files secretzero knows, as data: where the file lives, where its
 * servers are, which reference syntax the client expands in a server's values, and which syntax a
 * fix may write. Adding a client means adding one entry. Imports nothing, so the VS Code client
 * bundles this file alone for its document selector (as it does lsp/protocol.ts).
 *
 * What each client expands is documented, with its sources and the versions checked, in
 * rules/mcp-config-unexpanded-reference.md.
 */

/** A reference form a client may expand inside a server's `env`, `args`, `headers` or `url`. */
export type ReferenceSyntax =
  | 'env-colon' // ${env:NAME}
  | 'input' // ${input:id}
  | 'dollar-brace' // ${NAME}
  | 'dollar-brace-default' // ${NAME:-default}
  | 'dollar' // $NAME
  | 'secrets-template'; // ${{ secrets.NAME }} (and ${{ inputs.NAME }})

/** What a fix writes: `${input:id}` with a prompt, `${env:NAME}`, `${NAME}`, or `${{ secrets.NAME }}`. */
export type ReferenceStyle = 'input' | 'env' | 'plain' | 'secrets';

export type McpClientId =
  | 'vscode' | 'vscode-user' | 'cursor' | 'claude-code' | 'claude-desktop' | 'windsurf' | 'cline' | 'zed'
  | 'gemini-cli' | 'copilot-cli' | 'codex' | 'continue' | 'continue-json' | 'goose' | 'generic';

/** The parts of a server where a client may expand a reference differently. */
export type ServerField = 'env' | 'args' | 'headers' | 'url';

export interface McpClientSpec {
  id: McpClientId;
  label: string;
  /** Tested against the file's path with `/` separators; the first client whose test matches owns it. */
  path: RegExp;
  /** VS Code document-selector globs for the same files. */
  globs: readonly string[];
  /** The file's syntax (JSON with comments unless said otherwise). */
  format?: 'toml' | 'yaml';
  /** The section that holds servers when the file holds other settings too. */
  section?: 'mcp.servers' | 'context_servers' | 'mcpServers' | 'mcp_servers' | 'extensions';
  /** The key of a server's environment when it is not `env` (Goose: `envs`). */
  envKey?: string;
  /** Where the client expands other forms than `expands` (Goose: headers and uri, not envs). */
  expandsIn?: Partial<Record<ServerField, readonly ReferenceSyntax[]>>;
  /** For a client that expands no reference: how a value gets to the server without being in the file. */
  advice?: string;
  /** The syntax the client expands in server values; anything else reaches the server as text. */
  expands: readonly ReferenceSyntax[];
  /** What a fix may write, preferred first. Empty: the client expands nothing, so no rewrite works. */
  fixStyles: readonly ReferenceStyle[];
  /** The client prompts for values itself (VS Code inputs), so no `.env` is involved. */
  prompts?: boolean;
}

const INJECTOR = 'launch the server through a secret injector (op run --, doppler run --, infisical run --) or a wrapper script that reads the value from your keychain';

export const MCP_CLIENTS: readonly McpClientSpec[] = [
  {
    id: 'vscode', label: 'VS Code', path: /(^|\/)\.vscode\/mcp\.json$/, globs: ['**/.vscode/mcp.json'],
    expands: ['env-colon', 'input'], fixStyles: ['input', 'env'], prompts: true,
  },
  {
    id: 'vscode-user', label: 'VS Code', path: /\/(Code|Code - Insiders|VSCodium)\/User\/(profiles\/[^/]+\/)?(mcp|settings)\.json$|(^|\/)\.vscode\/settings\.json$/,
    globs: ['**/User/mcp.json', '**/User/settings.json', '**/.vscode/settings.json'], section: 'mcp.servers',
    expands: ['env-colon', 'input'], fixStyles: ['input', 'env'], prompts: true,
  },
  { id: 'cursor', label: 'Cursor', path: /(^|\/)\.cursor\/mcp\.json$/, globs: ['**/.cursor/mcp.json'], expands: ['env-colon'], fixStyles: ['env'] },
  {
    id: 'claude-code', label: 'Claude Code', path: /(^|\/)\.(mcp|claude)\.json$/, globs: ['**/.mcp.json', '**/.claude.json'],
    expands: ['dollar-brace', 'dollar-brace-default'], fixStyles: ['plain'],
  },
  {
    id: 'claude-desktop', label: 'Claude Desktop', path: /(^|\/)claude_desktop_config\.json$/, globs: ['**/claude_desktop_config.json'], expands: [], fixStyles: [],
    advice: INJECTOR,
  },
  {
    id: 'windsurf', label: 'Windsurf', path: /\/\.codeium\/windsurf\/mcp_config\.json$/, globs: ['**/.codeium/windsurf/mcp_config.json'],
    expands: ['env-colon'], fixStyles: ['env'],
  },
  { id: 'cline', label: 'Cline', path: /(^|\/)cline_mcp_settings\.json$/, globs: ['**/cline_mcp_settings.json'], expands: ['env-colon'], fixStyles: ['env'] },
  {
    id: 'zed', label: 'Zed', path: /\/\.?zed\/settings\.json$/i, globs: ['**/zed/settings.json', '**/.zed/settings.json'], section: 'context_servers',
    expands: [], fixStyles: [], advice: INJECTOR,
  },
  {
    // Codex reads no reference in a value: variables are forwarded by name instead.
    id: 'codex', label: 'Codex', path: /(^|\/)\.codex\/config\.toml$/, globs: ['**/.codex/config.toml'], format: 'toml', section: 'mcp_servers',
    expands: [], fixStyles: [],
    advice: 'forward the variable by name instead: env_vars = ["NAME"] in the server\'s table (bearer_token_env_var = "NAME" for a bearer token, env_http_headers for other headers), and set it where Codex starts',
  },
  {
    id: 'gemini-cli', label: 'Gemini CLI', path: /(^|\/)\.gemini\/settings\.json$/, globs: ['**/.gemini/settings.json'], section: 'mcpServers',
    expands: ['dollar-brace', 'dollar'], fixStyles: ['plain'],
  },
  {
    id: 'copilot-cli', label: 'Copilot CLI', path: /(^|\/)\.copilot\/mcp-config\.json$/, globs: ['**/.copilot/mcp-config.json'],
    expands: ['dollar-brace', 'dollar-brace-default', 'dollar'], fixStyles: ['plain'],
  },
  {
    // Goose: `extensions.NAME` with `cmd`, `args`, `envs`, `env_keys` (names read from the keyring),
    // and for HTTP extensions `uri` and `headers`, where `$VAR` and `${VAR}` come from those names.
    id: 'goose', label: 'Goose', path: /(^|\/)goose\/config\.ya?ml$/, globs: ['**/goose/config.yaml', '**/goose/config.yml'],
    format: 'yaml', section: 'extensions', envKey: 'envs', expands: [], fixStyles: [],
    expandsIn: { headers: ['dollar', 'dollar-brace'], url: ['dollar', 'dollar-brace'] },
    advice: 'list the name in env_keys and store the value in the keyring with goose configure',
  },
  {
    // Continue's block files: `mcpServers` is a list of servers, each named by its `name`.
    id: 'continue', label: 'Continue', path: /(^|\/)\.continue\/mcpServers\/[^/]+\.ya?ml$/, globs: ['**/.continue/mcpServers/*.yaml', '**/.continue/mcpServers/*.yml'],
    format: 'yaml', section: 'mcpServers', expands: ['secrets-template'], fixStyles: ['secrets'],
  },
  {
    // Continue also loads Claude/Cursor-style JSON files from the same folder, converting them to
    // blocks: `${NAME}` in `env` becomes `${{ secrets.NAME }}`; nothing else in the file is expanded.
    id: 'continue-json', label: 'Continue', path: /(^|\/)\.continue\/mcpServers\/[^/]+\.json$/, globs: ['**/.continue/mcpServers/*.json'],
    expands: [], expandsIn: { env: ['dollar-brace'] }, fixStyles: ['plain'],
    advice: 'Continue rewrites a ${NAME} reference only in env of a JSON file, so pass the value through env, or write this server as a YAML block file that references ${{ secrets.NAME }}',
  },
  // A project-level `mcp.json` of no known client: fixes write the `${NAME}` most clients expand, and
  // no reference is called unexpanded, since which client reads the file is unknown.
  {
    id: 'generic', label: 'the MCP client', path: /(^|\/)mcp\.json$/, globs: ['**/mcp.json'],
    expands: ['env-colon', 'input', 'dollar-brace', 'dollar-brace-default', 'dollar', 'secrets-template'], fixStyles: ['plain'],
  },
];

const BY_ID = new Map(MCP_CLIENTS.map((c) => [c.id, c]));

export function mcpClient(id: McpClientId): McpClientSpec {
  return BY_ID.get(id)!;
}

/** The client that owns a config file, by path (`/` or `\` separators). */
export function mcpClientForFile(filePath: string): McpClientSpec | undefined {
  const p = filePath.replace(/\\/g, '/');
  return MCP_CLIENTS.find((c) => c.path.test(p));
}

/** What the client expands in one field of a server (its general `expands` unless the field differs). */
export function expandsAt(spec: McpClientSpec, field: ServerField | undefined): readonly ReferenceSyntax[] {
  return (field && spec.expandsIn?.[field]) ?? spec.expands;
}

const STYLE_SYNTAX: Record<ReferenceStyle, ReferenceSyntax> = { input: 'input', env: 'env-colon', plain: 'dollar-brace', secrets: 'secrets-template' };

/** The fix styles whose reference the client expands in that field: a fix never writes one it ignores. */
export function fixStylesAt(spec: McpClientSpec, field: ServerField | undefined): readonly ReferenceStyle[] {
  const expanded = expandsAt(spec, field);
  return spec.fixStyles.filter((style) => expanded.includes(STYLE_SYNTAX[style]));
}

/** The field of a finding's location text (`env KEY`, `args`, `header NAME`, `url`…). */
export function fieldOf(where: string): ServerField | undefined {
  const location = where.replace(/^the default of .* in /, '');
  if (location.startsWith('env ')) return 'env';
  if (location.startsWith('args')) return 'args';
  if (location.startsWith('header ')) return 'headers';
  if (/^(url|serverUrl|httpUrl|uri)\b|^url query/.test(location)) return 'url';
  return undefined;
}

/** Every config-file glob, for the editor's document selector. */
export const MCP_CONFIG_GLOBS: readonly string[] = MCP_CLIENTS.flatMap((c) => c.globs);
