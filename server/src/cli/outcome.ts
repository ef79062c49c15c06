import type { Finding } from '../core/types.js';

// The scan's result types and their merge, kept apart from scan.ts so that the main thread of a
// pooled scan never loads the analysis core (and TypeScript) it leaves to the workers.

export interface FileReport {
  path: string;
  findings: Finding[];
}

export interface ScanOutcome {
  reports: FileReport[];
  skipped: { path: string; reason: string }[];
  bytes: number;
  /** Set when the scan read no file: why. Every output format carries it. */
  notice?: string;
}

/** What scanning one file produced; workers send these back to the main thread. */
export interface FileScan {
  findings?: Finding[];
  skipped?: string;
  bytes: number;
}

/** Folds per-file results, in the order of `files`, into one outcome (pooled and inline scans agree). */
export function mergeScans(files: string[], scans: FileScan[]): ScanOutcome {
  const reports: FileReport[] = [];
  const skipped: ScanOutcome['skipped'] = [];
  let bytes = 0;
  files.forEach((file, i) => {
    const s = scans[i];
    bytes += s.bytes;
    if (s.skipped) skipped.push({ path: file, reason: s.skipped });
    if (s.findings) reports.push({ path: file, findings: s.findings });
  });
  return { reports, skipped, bytes };
}
