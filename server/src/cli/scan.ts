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

/** Reads and analyses files one by one; files that vanish or cannot be read are reported as skipped. */
export function scanFiles(files: string[], settings: Settings, host: NodeHost): ScanOutcome {
  const reports: FileReport[] = [];
  const skipped: ScanOutcome['skipped'] = [];
  let bytes = 0;
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      skipped.push({ path: file, reason: `unreadable (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      continue;
    }
    bytes += text.length;
    const contentSkip = skipByContent(text);
    if (contentSkip) { skipped.push({ path: file, reason: contentSkip }); continue; }
    const result = analyze({ path: file, text }, settings, { host });
    if (result.skipped) skipped.push({ path: file, reason: result.skipped });
    if (result.findings.length) reports.push({ path: file, findings: result.findings });
  }
  return { reports, skipped, bytes };
}
