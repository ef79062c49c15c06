import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAll, checkEveryFix, findings, fixture, read } from './support.js';

const RULE = 'tls-verification-disabled';

describe('tls-verification-disabled', () => {
  it('fires on disabled verification, not on secure or dynamic values (annotated fixtures)', () => {
    checkAll(RULE);
  });

  it('reports the property, not the line', () => {
    const p = fixture(RULE, 'options.ts');
    const f = findings(p, read(p)).find((x) => x.range.start.line === 6)!;
    assert.deepEqual(f.range, { start: { line: 6, character: 39 }, end: { line: 6, character: 64 } });
    assert.equal(f.severity, 'high');
  });

  it('skips files without any of the keys', () => {
    assert.deepEqual(findings('/ws/a.ts', 'const o = { reject: false };\n'), []);
  });
});

describe('tls-verification-disabled fix: the secure value', () => {
  it('sets each key to its secure value, keeping literal kinds and quotes (safe, preferred)', () => {
    const { fixes } = checkEveryFix({
      rule: RULE, input: 'fix-all.mjs', applicability: 'safe',
      before: ['4:tls-verification-disabled', '5:tls-verification-disabled', '6:tls-verification-disabled', '8:tls-verification-disabled',
        '9:tls-verification-disabled', '9:tls-verification-disabled', '10:tls-verification-disabled', '11:tls-verification-disabled'],
      after: [],
    });
    assert.ok(fixes.every((f) => f.isPreferred));
    assert.ok(fixes.some((f) => f.title === 'secretzero (tls-verification-disabled): set NODE_TLS_REJECT_UNAUTHORIZED to \'1\''));
  });
});
