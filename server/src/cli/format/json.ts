import * as path from 'node:path';
import { findingKey } from '../../core/baseline.js';
import type { ScanOutcome } from '../scan.js';

/** Machine-readable findings: stable keys, fix titles and applicability (edits are not printed: they may carry a secret). */
export function formatJson(outcome: ScanOutcome, cwd: string): string {
  const findings = outcome.reports.flatMap((r) => {
    const rel = (path.relative(cwd, r.path) || r.path).split(path.sep).join('/');
    return r.findings.map((f) => ({
      path: rel,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      severity: f.severity,
      confidence: f.confidence,
      ruleId: f.ruleId,
      message: f.message,
      symbolPath: f.symbolPath ?? null,
      key: findingKey(f, rel),
      fixes: f.fixes.map((x) => ({ title: x.title, applicability: x.applicability })),
    }));
  });
  const skipped = outcome.skipped.map((s) => ({ path: path.relative(cwd, s.path) || s.path, reason: s.reason }));
  return JSON.stringify({ version: 1, findings, skipped, ...(outcome.notice ? { notice: outcome.notice } : {}) }, null, 2) + '\n';
}
