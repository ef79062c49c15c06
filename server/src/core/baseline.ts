import { fingerprintOf } from './secrets/index.js';
import type { Finding } from './types.js';

/**
 * The line-independent identity of a finding: rule, workspace-relative path, the hash of the
 * secret or construct, and the enclosing symbol path. Inserting lines, reformatting or moving a
 * function within its file leaves it unchanged. Used by baselines and SARIF partialFingerprints.
 */
export function findingKey(f: Finding, relativePath: string): string {
  return fingerprintOf(f.ruleId, relativePath.replace(/\\/g, '/'), f.fingerprint, f.symbolPath ?? '');
}
