import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { analyze } from '../../../server/src/core/analyze.js';
import { applyEdits } from '../../../server/src/core/text/applyEdits.js';
import type { Finding } from '../../../server/src/core/types.js';
import { FIXTURES, checkFixture, expectedMarkers } from '../../helpers/fixtures.js';

/** The rules of the TS credential-lifecycle family, part A. */
export const LIFECYCLE_RULES = [
  'secret-logged', 'secret-in-tool-output', 'secret-cached-without-ttl', 'secret-fetch-error-swallowed',
  'credential-tool-parameter', 'token-passthrough', 'secret-in-url',
] as const;

export function fixtureFiles(ruleId: string): string[] {
  const dir = path.join(FIXTURES, ruleId);
  return fs.readdirSync(dir).filter((f) => !f.includes('.fixed.') && fs.statSync(path.join(dir, f)).isFile()).sort().map((f) => path.join(dir, f));
}

/**
 * Checks a fixture against its markers for the rule of its directory, hardcoded-credential (so a
 * literal is never reported twice) and any other lifecycle rule its markers name. Other engineers'
 * rules are ignored.
 */
export function checkLifecycleFixture(file: string, ruleId: string): Finding[] {
  const text = fs.readFileSync(file, 'utf8');
  const named = expectedMarkers(text).map((m) => m.split(':')[1]);
  const rules = [...new Set([ruleId, 'hardcoded-credential', ...named])];
  return checkFixture(file, { rules });
}

export function parseErrors(file: string, text: string): string[] {
  const kind = /\.[cm]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  return ((sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics ?? [])
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/**
 * Applies the rule's first fix again and again (re-analysing in between, as an editor would)
 * until no finding of the rule offers one; returns the final text and how many fixes ran.
 */
export function applyAllFixes(file: string, ruleId: string): { text: string; applied: number } {
  let text = fs.readFileSync(file, 'utf8');
  let applied = 0;
  for (; applied < 50; applied++) {
    const f = analyze({ path: file, text }).findings.find((x) => x.ruleId === ruleId && x.fixes.length);
    if (!f) break;
    text = applyEdits(text, f.fixes[0].edits);
  }
  return { text, applied };
}

/** Fix test: the rewritten file equals `<name>.fixed.<ext>`, still parses, and the rule no longer fires. */
export function assertFixesMatch(relative: string, ruleId: string, expectedFixes: number): void {
  const file = path.join(FIXTURES, relative);
  const before = analyze({ path: file, text: fs.readFileSync(file, 'utf8') }).findings.filter((f) => f.ruleId === ruleId);
  assert.equal(before.length, expectedFixes, `${relative}: findings before fixing`);
  for (const f of before) assert.ok(f.fixes.length > 0, `${relative}:${f.range.start.line + 1} has no fix`);
  const { text, applied } = applyAllFixes(file, ruleId);
  assert.equal(applied, expectedFixes, `${relative}: fixes applied`);
  const expectedPath = file.replace(/\.([cm]?[jt]s)$/, '.fixed.$1');
  assert.equal(text, fs.readFileSync(expectedPath, 'utf8'), `${relative}: rewritten file differs from ${path.basename(expectedPath)}`);
  assert.deepEqual(parseErrors(file, text), [], `${relative}: fixed file has syntax errors`);
  const after = analyze({ path: file, text }).findings.filter((f) => f.ruleId === ruleId);
  assert.deepEqual(after.map((f) => f.range.start.line + 1), [], `${relative}: ${ruleId} still reported after the fixes`);
}
