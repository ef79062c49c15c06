// The analysis core's public shapes. Nothing here knows about LSP or the terminal: the
// language server and the CLI translate these into their own wire formats.

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** Zero-based line and UTF-16 character, the same convention as LSP. */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

export interface TextEdit { range: Range; newText: string }

/** An edit to a file other than the analysed document (`.gitignore`, `.env`, `.dockerignore`). */
export interface ExternalEdit {
  /** Absolute file path. */
  path: string;
  /** True when the file does not exist yet and the edit creates it. */
  create: boolean;
  edits: TextEdit[];
}

/** `safe` fixes keep behaviour and may be applied by fix-all / fix-on-save; `unsafe` ones need a human. */
export type Applicability = 'safe' | 'unsafe';

export interface Fix {
  title: string;
  applicability: Applicability;
  /** The fix the editor should offer first. */
  isPreferred?: boolean;
  /** Edits to the analysed document. */
  edits: TextEdit[];
  externalEdits?: ExternalEdit[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  range: Range;
  /** Never contains a secret in full: see secrets/mask.ts. */
  message: string;
  fixes: Fix[];
  /**
   * What the finding is about, independent of its line: a hash of the secret or of the matched
   * construct. With the rule id, the path and the symbol path it keys baselines and SARIF fingerprints.
   */
  fingerprint: string;
  /** Enclosing symbol path (`createServer > handler`, `services.api.environment.API_KEY`), when known. */
  symbolPath?: string;
  /** How sure the finding is (see secrets/index.ts `Confidence`): shown in hovers, JSON and SARIF. */
  confidence: Confidence;
}

export type Confidence = 'high' | 'medium' | 'low';

export type RuleSetting = 'off' | Severity;

export interface Settings {
  enable: boolean;
  /** Per-rule override: `off` or a severity. */
  rules: Record<string, RuleSetting>;
  /** Globs (workspace-relative or absolute) of paths never analysed. */
  ignore: string[];
}

export const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, ignore: [] };

/** What the core needs from the file system; the node host implements it, tests stub it. */
export interface WorkspaceHost {
  readFile(path: string): string | undefined;
  exists(path: string): boolean;
  /** Whether git would ignore the path (its `.gitignore` files up to the repository root). */
  isGitIgnored(path: string): boolean;
  /** Whether the path is in the git index; undefined outside a git repository. */
  isGitTracked(path: string): boolean | undefined;
  /** The workspace folder that contains the path, for relative globs; undefined when unknown. */
  workspaceRoot(path: string): string | undefined;
}

export interface DocumentInput {
  /** Absolute path of the document (the LSP layer converts file URIs). */
  path: string;
  languageId?: string;
  text: string;
}

export interface AnalysisResult {
  findings: Finding[];
  /** Set when the document was not analysed (too large, binary, ignored by settings). */
  skipped?: string;
}
