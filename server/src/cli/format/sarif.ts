import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { findingKey } from '../../core/baseline.js';
import { RULES } from '../../core/rules/index.js';
import type { Confidence, Severity } from '../../core/types.js';
import type { ScanOutcome } from '../scan.js';
import { VERSION } from '../version.js';

const LEVEL: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub code scanning reads `security-severity` (0–10) to rank alerts. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
/** SARIF `rank` (0–100, higher = more likely a real problem) from the finding's confidence. */
const RANK: Record<Confidence, number> = { high: 90, medium: 60, low: 25 };

function ruleDescriptor(r: (typeof RULES)[number]): ReportingDescriptor {
  return {
    id: r.id,
    name: r.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: r.title },
    fullDescription: { text: r.summary },
    help: { text: r.summary, markdown: r.docs },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      tags: ['security', r.cwe, ...(r.owaspMcp ? [`OWASP-${r.owaspMcp}`] : [])],
      'security-severity': SECURITY_SEVERITY[r.severity],
      precision: 'high',
      problem: { severity: r.severity },
    },
  };
}

/** SARIF 2.1.0 for code scanning: rule metadata, results with regions, and line-independent fingerprints. */
export function formatSarif(outcome: ScanOutcome, cwd: string): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const results: Result[] = outcome.reports.flatMap((r) => {
    const rel = (path.relative(cwd, r.path) || r.path).split(path.sep).join('/');
    return r.findings.map((f): Result => ({
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId),
      level: LEVEL[f.severity],
      rank: RANK[f.confidence],
      message: { text: f.message },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: rel, uriBaseId: '%SRCROOT%' },
          region: {
            startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1,
            endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1,
          },
        },
      }],
      partialFingerprints: { 'secretzero/v1': findingKey(f, rel) },
      properties: { severity: f.severity, confidence: f.confidence, ...(f.symbolPath ? { symbolPath: f.symbolPath } : {}) },
    }));
  });
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'secretzero', version: VERSION, semanticVersion: VERSION, rules: RULES.map(ruleDescriptor) } },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd + path.sep).toString() } },
      columnKind: 'utf16CodeUnits',
      results,
      invocations: [{
        executionSuccessful: true,
        toolExecutionNotifications: [
          ...(outcome.notice ? [{ level: 'warning' as const, descriptor: { id: 'no-file-scanned' }, message: { text: outcome.notice } }] : []),
          ...outcome.skipped.map((s) => ({
            level: 'note' as const,
            message: { text: `skipped: ${s.reason}` },
            locations: [{ physicalLocation: { artifactLocation: { uri: (path.relative(cwd, s.path) || s.path).split(path.sep).join('/'), uriBaseId: '%SRCROOT%' } } }],
          })),
        ],
      }],
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
