import * as fs from 'node:fs';
import { analyze } from '../core/analyze.js';
import type { Finding, Settings } from '../core/types.js';
import type { NodeHost } from '../node/nodeHost.js';
import { skipByContent } from '../node/walk.js';

export { skipByContent };

export interface FileReport {
  path: string;
  findings: Finding[];
}

export interface ScanOutcome {
  reports: FileReport[];
  skipped: { path: string; reason: string }[];
  bytes: number;
}

/** What scanning one file produced; the worker pool sends these back to the main thread. */
export interface FileScan {
  findings?: Finding[];
  skipped?: string;
  bytes: number;
}

/** Reads and analyses one file; a file that vanished or cannot be read is reported as skipped. */
export function scanFile(file: string, settings: Settings, host: NodeHost): FileScan {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { skipped: `unreadable (${(e as NodeJS.ErrnoException).code ?? 'error'})`, bytes: 0 };
  }
  const contentSkip = skipByContent(text);
  if (contentSkip) return { skipped: contentSkip, bytes: text.length };
  const result = analyze({ path: file, text }, settings, { host });
  return { findings: result.findings.length ? result.findings : undefined, skipped: result.skipped, bytes: text.length };
}

/** Folds per-file results, in the order of `files`, into one outcome (the pool and the inline scan agree). */
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

/** Reads and analyses files one by one in this thread. */
export function scanFiles(files: string[], settings: Settings, host: NodeHost): ScanOutcome {
  return mergeScans(files, files.map((f) => scanFile(f, settings, host)));
}
