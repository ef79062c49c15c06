import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../server/src/core/analyze.js';
import { classify } from '../../../server/src/core/classify.js';
import { parseTypeScript } from '../../../server/src/core/analyzers/typescript/parse.js';
import { applyEdits } from '../../../server/src/core/text/applyEdits.js';
import { DEFAULT_SETTINGS, type Finding, type Fix } from '../../../server/src/core/types.js';
import { FIXTURES, actualMarkers, checkFixture } from '../../helpers/fixtures.js';

/** The rules of this family plus the one they shadow: other rules' findings never make these tests flaky. */
export const RULES = ['imdsv1-request', 'vault-static-token', 'tls-verification-disabled', 'jwt-audience-not-verified', 'hardcoded-credential'];

export function fixture(rule: string, name: string): string {
  return path.join(FIXTURES, rule, name);
}

export function read(p: string): string {
  return fs.readFileSync(p, 'utf8');
}

export function findings(p: string, text: string): Finding[] {
  return analyze({ path: p, text }, DEFAULT_SETTINGS).findings.filter((f) => RULES.includes(f.ruleId));
}

/** Every fixture of a rule's directory that is not an expected fix output. */
export function detectionFixtures(rule: string): string[] {
  return fs.readdirSync(path.join(FIXTURES, rule)).filter((f) => !f.includes('.fixed.') && !f.startsWith('fix-')).map((f) => fixture(rule, f));
}

export function checkAll(rule: string): void {
  const files = detectionFixtures(rule);
  assert.ok(files.length > 0, `no fixtures for ${rule}`);
  for (const f of files) {
    const found = checkFixture(f, { rules: RULES });
    assert.ok(found.some((x) => x.ruleId === rule), `${path.basename(f)} has no ${rule} positive`);
  }
}

export function assertParses(p: string, text: string): void {
  const kind = classify(p);
  assert.equal(kind.kind, 'typescript');
  const sf = parseTypeScript(p, text, (kind as { scriptKind: 'ts' | 'tsx' | 'js' | 'jsx' }).scriptKind);
  const diags = (sf as unknown as { parseDiagnostics: { messageText: unknown; start: number }[] }).parseDiagnostics;
  assert.deepEqual(diags.map((d) => `${d.start}: ${String(d.messageText)}`), [], `${path.basename(p)}: the fixed text has syntax errors`);
}

export function markers(fs: Finding[]): string[] {
  return actualMarkers(fs);
}

export interface FixCase {
  rule: string;
  input: string;
  /** Expected output file; `<name>.fixed.<ext>` beside the input by default. */
  expected?: string;
  /** 1-based line where the finding to fix starts. */
  line: number;
  titleIncludes?: string;
  applicability?: Fix['applicability'];
  /** line:rule findings expected in the input and in the output (only RULES count). */
  before: string[];
  after: string[];
}

/**
 * Applies one fix and checks the result byte for byte against the expected file, that it still
 * parses, that the finding it fixed is gone, and which findings remain.
 */
export function checkFix(c: FixCase): { fix: Fix; fixed: string } {
  const input = fixture(c.rule, c.input);
  const text = read(input);
  const before = findings(input, text);
  assert.deepEqual(markers(before), [...c.before].sort(), `${c.input}: findings before the fix`);
  const target = before.find((f) => f.ruleId === c.rule && f.range.start.line === c.line - 1);
  assert.ok(target, `${c.input}: no ${c.rule} on line ${c.line}`);
  const fix = c.titleIncludes ? target.fixes.find((f) => f.title.includes(c.titleIncludes!)) : target.fixes[0];
  assert.ok(fix, `${c.input}: no fix${c.titleIncludes ? ` titled …${c.titleIncludes}…` : ''}`);
  assert.ok(fix.title.startsWith(`secretzero (${c.rule}): `), fix.title);
  if (c.applicability) assert.equal(fix.applicability, c.applicability, fix.title);
  const fixed = applyEdits(text, fix.edits);
  const expectedPath = fixture(c.rule, c.expected ?? c.input.replace(/(\.[cm]?[jt]sx?)$/, '.fixed$1'));
  if (process.env.UPDATE_FIXED) fs.writeFileSync(expectedPath, fixed);
  assert.equal(fixed, read(expectedPath), `${c.input}: fixed text differs from ${path.basename(expectedPath)}`);
  assertParses(input, fixed);
  const after = findings(input, fixed);
  assert.deepEqual(markers(after), [...c.after].sort(), `${c.input}: findings after the fix`);
  return { fix, fixed };
}

/**
 * Applies the first fix of every finding of `rule` at once (their edits must not overlap) and
 * checks the result like checkFix: for files that exercise several independent rewrites.
 */
export function checkEveryFix(c: Omit<FixCase, 'line' | 'titleIncludes'>): { fixes: Fix[]; fixed: string } {
  const input = fixture(c.rule, c.input);
  const text = read(input);
  const before = findings(input, text);
  assert.deepEqual(markers(before), [...c.before].sort(), `${c.input}: findings before the fixes`);
  const fixes = before.filter((f) => f.ruleId === c.rule).map((f) => {
    assert.ok(f.fixes[0], `${c.input}: no fix on line ${f.range.start.line + 1}`);
    return f.fixes[0];
  });
  for (const fix of fixes) {
    assert.ok(fix.title.startsWith(`secretzero (${c.rule}): `), fix.title);
    if (c.applicability) assert.equal(fix.applicability, c.applicability, fix.title);
  }
  const fixed = applyEdits(text, fixes.flatMap((f) => f.edits));
  const expectedPath = fixture(c.rule, c.expected ?? c.input.replace(/(\.[cm]?[jt]sx?)$/, '.fixed$1'));
  if (process.env.UPDATE_FIXED) fs.writeFileSync(expectedPath, fixed);
  assert.equal(fixed, read(expectedPath), `${c.input}: fixed text differs from ${path.basename(expectedPath)}`);
  assertParses(input, fixed);
  assert.deepEqual(markers(findings(input, fixed)), [...c.after].sort(), `${c.input}: findings after the fixes`);
  return { fixes, fixed };
}
