import type { Severity } from '../types.js';

/** One rule's metadata, generated from its file under rules/. */
export interface RuleMeta {
  id: string;
  title: string;
  severity: Severity;
  cwe: string;
  owaspMcp: string | null;
  languages: string[];
  /** Applicability of the rule's fixes: `mixed` when some are safe and some unsafe. */
  fix: 'safe' | 'unsafe' | 'mixed' | 'none';
  /**
   * Rules this one supersedes where both report overlapping text: one problem, one diagnostic
   * (a literal in an MCP config is reported as mcp-config-literal-secret, not also as a
   * hard-coded credential). Front matter `shadows:`.
   */
  shadows: string[];
  /** One or two sentences: shown in hovers and SARIF short descriptions. */
  summary: string;
  /** The markdown body users read. */
  docs: string;
}
