import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze.js';
import { AnalysisContext, type FindingDraft } from '../../server/src/core/analyzers/context.js';
import { message } from '../../server/src/core/secrets/message.js';
import { DEFAULT_SETTINGS } from '../../server/src/core/types.js';
import { expectedMarkers, FIXTURES } from '../helpers/fixtures.js';

/**
 * Redaction masks what a message quotes from the user's file, never the rule's own wording. Every
 * fixture of every rule is analysed while the drafts the rules report are recorded; each finding's
 * final text must still hold every word of its rule's template, in order.
 */

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

interface Seen { file: string; ruleId: string; words: readonly string[]; text: string }

describe('messages keep their own words', () => {
  const seen: Seen[] = [];
  const expectedRules = new Set<string>();
  const original = AnalysisContext.prototype.report;

  before(() => {
    AnalysisContext.prototype.report = function (this: AnalysisContext, d: FindingDraft) {
      seen.push({ file: this.path, ruleId: d.ruleId, words: d.message.words, text: '' });
      original.call(this, d);
      const finding = this.results().at(-1)!;
      seen.at(-1)!.text = finding.message;
    };
    for (const file of filesUnder(FIXTURES)) {
      const text = fs.readFileSync(file, 'utf8');
      if (text.includes('\u0000')) continue;
      for (const m of expectedMarkers(text)) expectedRules.add(m.split(':')[1]);
      analyze({ path: file, text }, DEFAULT_SETTINGS);
    }
  });
  after(() => { AnalysisContext.prototype.report = original; });

  it('every rule that has an annotated fixture was seen reporting', () => {
    const reported = new Set(seen.map((s) => s.ruleId));
    const missing = [...expectedRules].filter((id) => !reported.has(id));
    assert.deepEqual(missing, [], 'rules with expect: markers but no recorded message');
    assert.ok(reported.size >= 20, `only ${reported.size} rules reported over the fixtures`);
  });

  it("each finding's message holds its rule's words, unmasked and in order", () => {
    const broken: string[] = [];
    for (const s of seen) {
      let from = 0;
      for (const w of s.words) {
        const at = s.text.indexOf(w, from);
        if (at < 0) { broken.push(`${s.ruleId} in ${path.relative(FIXTURES, s.file)}: lost "${w.slice(0, 60)}" from "${s.text.slice(0, 160)}"`); break; }
        from = at + w.length;
      }
    }
    assert.deepEqual(broken, []);
  });

  it('the IMDSv1 message names the header it asks for', () => {
    const imds = seen.filter((s) => s.ruleId === 'imdsv1-request');
    assert.ok(imds.length > 0, 'imdsv1-request reported over its fixtures');
    for (const s of imds) {
      assert.match(s.text, /without an X-aws-ec2-metadata-token header/);
      assert.ok(!s.text.includes('[redacted]'), s.text);
    }
  });

  it('text a message quotes from the source is still masked', () => {
    const key = 'ghp_' + 'R2d9Xk4LmQ7vT1pZ8sW3yB6nC0fH5jE2aK9u';
    const m = message`Build arg ${key} gets a secret: an X-aws-ec2-metadata-token header stays`;
    assert.ok(!m.text.includes(key), m.text);
    assert.match(m.text, /Build arg ghp_…\[redacted\] gets a secret: an X-aws-ec2-metadata-token header stays/);
    const nested = message`outer ${message`own X-aws-ec2-metadata-token words`} and ${key}`;
    assert.match(nested.text, /^outer own X-aws-ec2-metadata-token words and ghp_…\[redacted\]$/);
  });
});
