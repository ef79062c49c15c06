import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { analyze } from '../../../server/src/core/analyze.js';
import { applyEdits } from '../../../server/src/core/text/applyEdits.js';
import { DEFAULT_SETTINGS, type Finding, type WorkspaceHost } from '../../../server/src/core/types.js';
import { FIXTURES } from '../../helpers/fixtures.js';

export { FIXTURES };

export function fixture(rel: string): string {
  return path.join(FIXTURES, rel);
}

export function read(rel: string): string {
  return fs.readFileSync(fixture(rel), 'utf8');
}

export function findings(docPath: string, text: string, host?: WorkspaceHost): Finding[] {
  return analyze({ path: docPath, text }, DEFAULT_SETTINGS, { host }).findings;
}

/** The text a finding's range covers. */
export function rangeText(text: string, f: Finding): string {
  const lines = text.split('\n');
  if (f.range.start.line === f.range.end.line) return lines[f.range.start.line].slice(f.range.start.character, f.range.end.character);
  return [lines[f.range.start.line].slice(f.range.start.character), ...lines.slice(f.range.start.line + 1, f.range.end.line), lines[f.range.end.line].slice(0, f.range.end.character)].join('\n');
}

/**
 * Applies the fixes of one rule one at a time, re-analysing after each (the way a user clicks
 * through them), until no finding of the rule offers one. Returns the final text.
 */
export function applyAllFixes(docPath: string, text: string, ruleId: string, opts: { titleIncludes?: string; host?: WorkspaceHost } = {}): string {
  let current = text;
  for (let round = 0; round < 50; round++) {
    const f = findings(docPath, current, opts.host).find((x) => x.ruleId === ruleId && x.fixes.length > 0);
    if (!f) return current;
    const fix = (opts.titleIncludes && f.fixes.find((x) => x.title.includes(opts.titleIncludes!))) || f.fixes[0];
    const next = applyEdits(current, fix.edits);
    assert.notEqual(next, current, `fix "${fix.title}" changed nothing`);
    current = next;
  }
  assert.fail(`fixes for ${ruleId} did not converge`);
}

/** The fixed text equals the expected file, parses without errors, and the rule is gone. */
export function assertFixedFile(docPath: string, actual: string, expectedRel: string, ruleId: string): void {
  assert.equal(actual, read(expectedRel));
  for (const doc of parseAllDocuments(actual)) assert.deepEqual(doc.errors.map((e) => e.message), [], `${expectedRel} does not parse`);
  const left = findings(docPath, actual).filter((f) => f.ruleId === ruleId);
  assert.deepEqual(left.map((f) => `${f.range.start.line + 1}: ${f.message}`), [], `${ruleId} still reported after the fixes`);
}
