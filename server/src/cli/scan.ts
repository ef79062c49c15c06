import { analyze } from '../core/analyze.js';
import type { Settings } from '../core/types.js';
import type { NodeHost } from '../node/nodeHost.js';
import { readTextFile } from '../node/readText.js';
import { skipByContent } from '../node/walk.js';
import { mergeScans, type FileScan, type ScanOutcome } from './outcome.js';

export { skipByContent };
// For the build's code-cache warm-up (scripts/code-cache.mjs), which analyses the example workspace.
export { analyze };

export type { FileReport, FileScan, ScanOutcome } from './outcome.js';

/**
 * Reads and analyses one file; a file that vanished, cannot be read, is too large or is not a
 * regular file (a link to a pipe or to /dev/zero) is reported as skipped.
 */
export function scanFile(file: string, settings: Settings, host: NodeHost): FileScan {
  const read = readTextFile(file);
  if ('skipped' in read) return { skipped: read.skipped, bytes: 0 };
  const text = read.text;
  const contentSkip = skipByContent(text);
  if (contentSkip) return { skipped: contentSkip, bytes: text.length };
  const result = analyze({ path: file, text }, settings, { host });
  return { findings: result.findings.length ? result.findings : undefined, skipped: result.skipped, bytes: text.length };
}

/** Reads and analyses files one by one in this thread. */
export function scanFiles(files: string[], settings: Settings, host: NodeHost): ScanOutcome {
  return mergeScans(files, files.map((f) => scanFile(f, settings, host)));
}
