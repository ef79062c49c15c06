import * as path from 'node:path';
import type { ScanOutcome } from '../scan.js';

/** `path:line:col severity rule-id message`, one finding a line, 1-based positions. */
export function formatText(outcome: ScanOutcome, cwd: string): string {
  const lines: string[] = [];
  for (const r of outcome.reports) {
    const rel = path.relative(cwd, r.path) || r.path;
    for (const f of r.findings) {
      lines.push(`${rel}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.ruleId} ${f.message}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

export function summaryLine(outcome: ScanOutcome, files: number, ms: number): string {
  const count = outcome.reports.reduce((n, r) => n + r.findings.length, 0);
  const bySeverity = new Map<string, number>();
  for (const r of outcome.reports) for (const f of r.findings) bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
  const detail = ['critical', 'high', 'medium', 'low'].filter((s) => bySeverity.get(s)).map((s) => `${bySeverity.get(s)} ${s}`).join(', ');
  const skipped = outcome.skipped.length ? `, ${outcome.skipped.length} skipped` : '';
  return `secretzero: ${count} finding${count === 1 ? '' : 's'}${detail ? ` (${detail})` : ''} in ${files} file${files === 1 ? '' : 's'}${skipped}, ${(outcome.bytes / 1e6).toFixed(2)} MB in ${ms} ms`;
}
