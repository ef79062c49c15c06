import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core/analyze.js';
import { applyEdits } from '../../server/src/core/text/applyEdits.js';
import { DEFAULT_SETTINGS, type Finding, type Settings, type WorkspaceHost } from '../../server/src/core/types.js';

export const FIXTURES = path.resolve(__dirname, '..', 'fixtures');

/**
 * Annotated fixtures: a finding is expected wherever the file says so, nowhere else.
 *   `expect: rule-a, rule-b`        a finding of each rule starts on this line
 *   `expect-next-line: rule-a`      … on the next line (for languages without trailing comments)
 *   `# ruleid: rule-a`              … on the next line (Semgrep's spelling, used by the Python fixtures)
 *   `# ok: rule-a`                  the next line is a near miss of rule-a (documentation: it is
 *                                   checked like every other unmarked line)
 * Every other line is a near-miss negative: any finding there fails the test.
 */
export function expectedMarkers(text: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    for (const m of line.matchAll(/(?:expect(-next-line)?|#\s*(ruleid)):\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/g)) {
      for (const id of m[3].split(/\s*,\s*/)) out.push(`${i + (m[1] || m[2] ? 1 : 0) + 1}:${id}`);
    }
  });
  return out.sort();
}

export function actualMarkers(findings: Finding[]): string[] {
  return findings.map((f) => `${f.range.start.line + 1}:${f.ruleId}`).sort();
}

export interface FixtureOptions {
  /** Path the document is analysed under (decides its kind); defaults to the fixture's own path. */
  asPath?: string;
  host?: WorkspaceHost;
  settings?: Settings;
  /** Only compare findings of these rules (other rules' findings are ignored). */
  rules?: string[];
}

/** Analyses a fixture and asserts its findings are exactly its `expect:` markers. Returns the findings. */
export function checkFixture(fixturePath: string, opts: FixtureOptions = {}): Finding[] {
  const text = fs.readFileSync(fixturePath, 'utf8');
  const { findings } = analyze({ path: opts.asPath ?? fixturePath, text }, opts.settings ?? DEFAULT_SETTINGS, { host: opts.host });
  const relevant = opts.rules ? findings.filter((f) => opts.rules!.includes(f.ruleId)) : findings;
  const expected = expectedMarkers(text).filter((m) => !opts.rules || opts.rules.includes(m.split(':')[1]));
  assert.deepEqual(actualMarkers(relevant), expected, `${path.relative(FIXTURES, fixturePath)}: findings (line:rule) differ from the expect: markers`);
  return findings;
}

/** The text after applying one fix's in-document edits. */
export function applyFix(text: string, finding: Finding, titleIncludes?: string): string {
  const fix = titleIncludes ? finding.fixes.find((f) => f.title.includes(titleIncludes)) : finding.fixes[0];
  assert.ok(fix, `no fix${titleIncludes ? ` titled …${titleIncludes}…` : ''} on ${finding.ruleId} at line ${finding.range.start.line + 1}`);
  return applyEdits(text, fix.edits);
}

/** Re-analyses after a fix and asserts the targeted finding is gone. */
export function assertFixed(pathName: string, fixedText: string, ruleId: string, line: number, host?: WorkspaceHost): void {
  const after = analyze({ path: pathName, text: fixedText }, DEFAULT_SETTINGS, { host }).findings;
  assert.ok(!after.some((f) => f.ruleId === ruleId && f.range.start.line === line), `${ruleId} still reported on line ${line + 1} after the fix`);
}
