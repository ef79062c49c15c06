import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../core/types.js';
import { ruleDocUri } from './ruleDocs.js';

import { DIAGNOSTIC_SOURCE } from './protocol.js';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  critical: DiagnosticSeverity.Error,
  high: DiagnosticSeverity.Error,
  medium: DiagnosticSeverity.Warning,
  low: DiagnosticSeverity.Information,
};

/**
 * What a diagnostic carries in `data`: the rule, its fingerprint and each fix's title and
 * applicability — not the edits. Edits are rebuilt from the cached analysis of the same document
 * version when a code action is asked for, so a fix that moves a secret into `.env` never puts
 * that secret on the wire until the user picks it.
 */
export interface DiagnosticData {
  ruleId: string;
  fingerprint: string;
  severity: Severity;
  version: number;
  fixes: { title: string; applicability: 'safe' | 'unsafe'; isPreferred?: boolean }[];
}

export function toDiagnostic(f: Finding, version: number): Diagnostic {
  const data: DiagnosticData = {
    ruleId: f.ruleId,
    fingerprint: f.fingerprint,
    severity: f.severity,
    version,
    fixes: f.fixes.map((x) => ({ title: x.title, applicability: x.applicability, isPreferred: x.isPreferred })),
  };
  return {
    range: f.range,
    severity: LSP_SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: ruleDocUri(f.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
    data,
  };
}
