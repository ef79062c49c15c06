/**
 * The languages secretzero understands, as data: one entry per language, read by the file
 * classifier, the analysis entry, the parse caches, the suppression code action and comment
 * filter, the VS Code document selector and the rule docs' `languages:` lists. Adding a language
 * is one entry here plus its analyzer (analyzers/registry.ts).
 *
 * No imports: the VS Code extension bundles this file for its document selector, and must not pull
 * the analysis core in with it.
 */

export interface LanguageEntry<Flavor extends string = string> {
  /** The `FileKind` tag and analyzer key. */
  kind: string;
  /** How users name it (messages, docs). */
  label: string;
  /** Values a rule doc's `languages:` may list for this entry. */
  docNames: readonly string[];
  /** LSP / VS Code language ids, with the flavor each one means. */
  languageIds: Readonly<Record<string, Flavor>>;
  /** File extensions (lower case, with the dot), with the flavor each one means. */
  extensions: Readonly<Record<string, Flavor>>;
  /**
   * Comment openers a suppression may follow. Empty: the language has no comments (JSON), so no
   * suppression comment is offered and none is honoured.
   */
  lineComments: readonly string[];
  /** The suppression comment the code action writes; `--` takes the reason. */
  suppression?: (ruleId: string) => string;
}

const hashComment = (ruleId: string) => `# secretzero-ignore-next-line ${ruleId} -- `;

export const TYPESCRIPT = {
  kind: 'typescript',
  label: 'TypeScript/JavaScript',
  docNames: ['typescript', 'javascript'],
  languageIds: { typescript: 'ts', typescriptreact: 'tsx', javascript: 'js', javascriptreact: 'jsx' },
  extensions: {
    '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx',
    '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx',
  },
  lineComments: ['//', '/*'],
  suppression: (ruleId) => `// secretzero-ignore-next-line ${ruleId} -- `,
} as const satisfies LanguageEntry<'ts' | 'tsx' | 'js' | 'jsx'>;

export const PYTHON = {
  kind: 'python',
  label: 'Python',
  docNames: ['python'],
  // `.pyi` stubs hold signatures, not values: analysed, but as a stub (no literal is a deployment value).
  languageIds: { python: 'py' },
  extensions: { '.py': 'py', '.pyi': 'pyi', '.pyw': 'py' },
  lineComments: ['#'],
  suppression: hashComment,
} as const satisfies LanguageEntry<'py' | 'pyi'>;

export const DOCKERFILE = {
  kind: 'dockerfile', label: 'Dockerfile', docNames: ['dockerfile'],
  languageIds: { dockerfile: 'dockerfile' }, extensions: {}, lineComments: ['#'], suppression: hashComment,
} as const satisfies LanguageEntry;

export const YAML = {
  kind: 'yaml', label: 'YAML', docNames: ['yaml', 'compose', 'kubernetes', 'github-actions'],
  languageIds: { yaml: 'yaml', dockercompose: 'yaml' }, extensions: { '.yml': 'yaml', '.yaml': 'yaml' },
  lineComments: ['#'], suppression: hashComment,
} as const satisfies LanguageEntry;

export const JSON_LANGUAGE = {
  kind: 'json', label: 'JSON', docNames: ['json', 'mcp-config'],
  languageIds: { json: 'json', jsonc: 'jsonc' }, extensions: { '.json': 'json', '.jsonc': 'jsonc' },
  // JSONC has comments, but MCP clients read most of these files as strict JSON: a comment would
  // break them, so no suppression comment is written; `//` ones already there are honoured.
  lineComments: ['//', '/*'],
} as const satisfies LanguageEntry;

export const TOML = {
  kind: 'toml', label: 'TOML', docNames: ['toml'],
  // Only Codex's config.toml is read (by path, as an MCP config): other TOML files are not claimed.
  languageIds: {}, extensions: {}, lineComments: ['#'], suppression: hashComment,
} as const satisfies LanguageEntry;

export const DOTENV = {
  kind: 'dotenv', label: 'dotenv', docNames: ['dotenv'],
  languageIds: { dotenv: 'dotenv', properties: 'dotenv' }, extensions: {}, lineComments: ['#'], suppression: hashComment,
} as const satisfies LanguageEntry;

/** Every language, in classification order after the path-based kinds (MCP configs, dotenv, Dockerfiles). */
export const LANGUAGES: readonly LanguageEntry[] = [TYPESCRIPT, PYTHON, DOCKERFILE, YAML, JSON_LANGUAGE, TOML, DOTENV];

/** The languages whose files are matched by extension or language id (the code the rules read). */
export const CODE_LANGUAGES = [TYPESCRIPT, PYTHON] as const;

/** Every value a rule doc's `languages:` may hold (`text`: files no parser understands, known formats only). */
export const DOC_LANGUAGE_NAMES: ReadonlySet<string> = new Set([...LANGUAGES.flatMap((l) => l.docNames), 'text']);

export function languageOfKind(kind: string): LanguageEntry | undefined {
  return LANGUAGES.find((l) => l.kind === kind);
}

/** `**​/*.{ts,tsx,…}` style globs of a language's extensions (the extension's selector, scans). */
export function extensionGlobs(entry: LanguageEntry): string[] {
  return Object.keys(entry.extensions).map((ext) => `**/*${ext}`);
}
