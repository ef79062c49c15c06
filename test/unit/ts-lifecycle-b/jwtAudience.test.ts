import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAll, checkEveryFix, checkFix, findings, fixture, read } from './support.js';

const RULE = 'jwt-audience-not-verified';

describe('jwt-audience-not-verified', () => {
  it('fires on jose/jsonwebtoken verification without audience, not with it (annotated fixtures)', () => {
    checkAll(RULE);
  });

  it('reports the whole call, from its first line', () => {
    const p = fixture(RULE, 'jose.ts');
    const f = findings(p, read(p)).find((x) => x.range.start.line === 12)!;
    assert.equal(f.range.end.line, 16);
    assert.equal(f.severity, 'high');
    assert.match(f.message, /without an `audience` option/);
  });

  it('skips files that never say verify', () => {
    assert.deepEqual(findings('/ws/a.ts', "import { jwtDecrypt } from 'jose';\nawait jwtDecrypt(t, k);\n"), []);
  });
});

describe('jwt-audience-not-verified fix: audience placeholder', () => {
  it('jose: new third argument, inline and multi-line objects, a same-file const, an empty object (unsafe)', () => {
    const { fixes } = checkEveryFix({
      rule: RULE, input: 'fix-jose.ts', applicability: 'unsafe',
      before: ['10:jwt-audience-not-verified', '14:jwt-audience-not-verified', '18:jwt-audience-not-verified', '25:jwt-audience-not-verified', '29:jwt-audience-not-verified'],
      after: [],
    });
    assert.ok(fixes.every((f) => f.title.includes("audience: '<your-server-id>'") && f.isPreferred));
  });

  it('jsonwebtoken: options go before a callback, after the key otherwise; the file\'s double quotes are kept', () => {
    checkEveryFix({
      rule: RULE, input: 'fix-jsonwebtoken.cjs', applicability: 'unsafe',
      before: ['4:jwt-audience-not-verified', '8:jwt-audience-not-verified', '12:jwt-audience-not-verified'],
      after: [],
    });
  });

  it('one fix at a time leaves the other calls alone', () => {
    checkFix({
      rule: RULE, input: 'fix-jsonwebtoken.cjs', expected: 'fix-jsonwebtoken.fixed-one.cjs', line: 8,
      before: ['4:jwt-audience-not-verified', '8:jwt-audience-not-verified', '12:jwt-audience-not-verified'],
      after: ['4:jwt-audience-not-verified', '12:jwt-audience-not-verified'],
    });
  });
});
