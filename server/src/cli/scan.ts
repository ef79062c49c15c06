import * as fs from 'node:fs';
import { analyze } from '../core/analyze.js';
import type { Settings } from '../core/types.js';
import type { NodeHost } from '../node/nodeHost.js';
import { skipByContent } from '../node/walk.js';
import { mergeScans, type FileScan, type ScanOutcome } from './outcome.js';

export { skipByContent };

export type { FileReport, FileScan, ScanOutcome } from './outcome.js';

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

/** Reads and analyses files one by one in this thread. */
export function scanFiles(files: string[], settings: Settings, host: NodeHost): ScanOutcome {
  return mergeScans(files, files.map((f) => scanFile(f, settings, host)));
}
