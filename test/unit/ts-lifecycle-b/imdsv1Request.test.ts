import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAll, checkFix, findings, fixture, read } from './support.js';

const RULE = 'imdsv1-request';

describe('imdsv1-request', () => {
  it('fires on IMDSv1 GETs and not on IMDSv2 or other hosts (annotated fixtures)', () => {
    checkAll(RULE);
  });

  it('reports the call expression precisely, without the token in the message', () => {
    const p = fixture(RULE, 'fetch.ts');
    const f = findings(p, read(p)).find((x) => x.ruleId === RULE && x.range.start.line === 7)!;
    assert.deepEqual(f.range, { start: { line: 7, character: 20 }, end: { line: 7, character: 86 } });
    assert.equal(f.severity, 'high');
    assert.match(f.message, /\/latest\/meta-data\/iam\/security-credentials\/…/);
    assert.equal(f.symbolPath, 'roleCredentials > res');
  });

  it('skips files without the metadata address', () => {
    const p = '/ws/a.ts';
    assert.deepEqual(findings(p, "fetch('http://example.com/latest/meta-data/instance-id');"), []);
  });
});

describe('imdsv1-request fix: fromInstanceMetadata()', () => {
  it('two-step lookup (ESM .ts): adds the import, renames the credential fields, safe', () => {
    const { fix } = checkFix({
      rule: RULE, input: 'fix-two-step.ts', line: 7, applicability: 'safe',
      before: ['6:imdsv1-request', '7:imdsv1-request'],
      after: ['7:imdsv1-request'], // the role listing stays until it is removed (next test)
    });
    assert.match(fix.title, /adding the import/);
    assert.match(fix.title, /AccessKeyId\/SecretAccessKey\/Token to accessKeyId\/secretAccessKey\/sessionToken/);
    assert.equal(fix.isPreferred, true);
  });

  it('then offers to remove the role listing nothing uses any more', () => {
    checkFix({
      rule: RULE, input: 'fix-two-step.fixed.ts', expected: 'fix-two-step.fixed2.ts', line: 7,
      titleIncludes: 'remove the unused metadata lookup', applicability: 'unsafe',
      before: ['7:imdsv1-request'], after: [],
    });
  });

  it('the role listing gets no removal while its result is still used', () => {
    const p = fixture(RULE, 'fix-two-step.ts');
    const listing = findings(p, read(p)).find((f) => f.range.start.line === 5)!;
    assert.deepEqual(listing.fixes, []);
  });

  it('destructured fields (CommonJS .cjs): adds a require after the last one, renames keys, safe', () => {
    checkFix({ rule: RULE, input: 'fix-destructured.cjs', line: 7, applicability: 'safe', before: ['7:imdsv1-request'], after: [] });
  });

  it('extends an existing import from @aws-sdk/credential-providers instead of duplicating it; other uses make it unsafe', () => {
    const { fix, fixed } = checkFix({ rule: RULE, input: 'fix-existing-import.ts', line: 6, applicability: 'unsafe', before: ['6:imdsv1-request'], after: [] });
    assert.equal(fixed.match(/@aws-sdk\/credential-providers/g)!.length, 1);
    assert.match(fix.title, /check its other uses/);
  });

  it('reuses a module-object require (axios `{ data }`), renames element access too; Expiration makes it unsafe', () => {
    const { fixed } = checkFix({ rule: RULE, input: 'fix-existing-require.cjs', line: 5, applicability: 'unsafe', before: ['5:imdsv1-request'], after: [] });
    assert.equal(fixed.match(/require\('@aws-sdk\/credential-providers'\)/g)!.length, 1);
  });

  it('reuses an aliased import (got().json() passed as credentials): no new import, safe', () => {
    const { fix } = checkFix({ rule: RULE, input: 'fix-already-imported.mjs', line: 8, applicability: 'safe', before: ['8:imdsv1-request'], after: [] });
    assert.equal(fix.edits.length, 1);
    assert.doesNotMatch(fix.title, /adding the import/);
  });

  it("a script with 'use strict' and no imports gets a require after the directive", () => {
    checkFix({ rule: RULE, input: 'fix-no-imports.js', line: 6, applicability: 'safe', before: ['6:imdsv1-request'], after: [] });
  });

  it('non-credential metadata and unrecognised response handling get no automatic rewrite', () => {
    const p = fixture(RULE, 'clients.cjs');
    const byLine = new Map(findings(p, read(p)).map((f) => [f.range.start.line + 1, f]));
    assert.deepEqual(byLine.get(11)!.fixes, []); // axios({ url: …/instance-id })
    assert.deepEqual(byLine.get(15)!.fixes, []); // http.get with a callback
    const p2 = fixture(RULE, 'fetch.ts');
    const f2 = findings(p2, read(p2)).find((f) => f.range.start.line === 7)!; // the parsed credentials are returned to callers
    assert.deepEqual(f2.fixes.map((f) => f.applicability), ['unsafe']);
  });
});
