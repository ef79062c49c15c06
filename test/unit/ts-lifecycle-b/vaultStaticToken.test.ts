import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../../server/src/core/text/applyEdits.js';
import { analyze } from '../../../server/src/core/analyze.js';
import { assertParses, checkAll, checkFix, findings, fixture, markers, read } from './support.js';

const RULE = 'vault-static-token';

describe('vault-static-token', () => {
  it('fires on static tokens, not on auth-method logins or Vault Agent sink files (annotated fixtures)', () => {
    checkAll(RULE);
  });
});

describe('vault-static-token details', () => {
  it('shadows hardcoded-credential on a literal token and never shows it in full', () => {
    const p = fixture(RULE, 'node-vault.ts');
    const text = read(p);
    const all = findings(p, text);
    const lit = all.find((f) => f.range.start.line === 8)!;
    assert.equal(lit.ruleId, RULE);
    assert.ok(!lit.message.includes('hvs.CAESIJq3k9Zr8mT2LwXv7bN4pQ1sHdY6'));
    assert.match(lit.message, /hard-coded token \(hvs\.…\[redacted\]\)/);
    // Outside a Vault client the same literal is a hard-coded credential: the shadowing is what hides it there.
    const outside = analyze({ path: p, text: "export const token = 'hvs.CAESIJq3k9Zr8mT2LwXv7bN4pQ1sHdY6';\n" }).findings;
    assert.deepEqual(outside.map((f) => f.ruleId), ['hardcoded-credential']);
  });

  it('reports the token value precisely', () => {
    const p = fixture(RULE, 'node-vault.ts');
    const f = findings(p, read(p)).find((x) => x.range.start.line === 3)!;
    const line = read(p).split('\n')[3];
    assert.equal(line.slice(f.range.start.character, f.range.end.character), 'process.env.VAULT_TOKEN');
    assert.match(f.message, /process\.env\.VAULT_TOKEN/);
  });

  it('skips files that never mention vault', () => {
    assert.deepEqual(findings('/ws/a.ts', "fetch(u, { headers: { 'X-Api-Token': process.env.API_TOKEN } });\n"), []);
  });
});

describe('vault-static-token fix: AppRole login scaffold', () => {
  it('node-vault (ESM .ts): drops the token option and adds an AppRole login with expiry', () => {
    const { fix } = checkFix({ rule: RULE, input: 'fix-node-vault.ts', line: 3, applicability: 'unsafe', before: ['3:vault-static-token'], after: [] });
    assert.match(fix.title, /VAULT_ROLE_ID and VAULT_SECRET_ID/);
    assert.match(fix.title, /await ensureVaultToken\(\) before using vault/);
  });

  it('node-vault via require (CommonJS, no semicolons, multi-line options with a comment)', () => {
    checkFix({ rule: RULE, input: 'fix-require.cjs', line: 3, applicability: 'unsafe', before: ['3:vault-static-token'], after: [] });
  });

  it('`client.token = process.env.VAULT_TOKEN` is replaced by the login scaffold', () => {
    checkFix({ rule: RULE, input: 'fix-assignment.mjs', line: 4, applicability: 'unsafe', before: ['4:vault-static-token'], after: [] });
  });

  it('hashi-vault-js: the token argument becomes `await getVaultToken()` backed by loginWithAppRole', () => {
    checkFix({ rule: RULE, input: 'fix-hashi.mjs', line: 6, applicability: 'unsafe', before: ['6:vault-static-token'], after: [] });
  });

  it('raw fetch header (.ts): a typed HTTP AppRole login helper, inserted once however many fixes are applied', () => {
    const before = ['7:vault-static-token', '13:vault-static-token', '17:vault-static-token'];
    const first = checkFix({ rule: RULE, input: 'fix-fetch-header.ts', line: 7, applicability: 'unsafe', before, after: ['30:vault-static-token', '34:vault-static-token'] });
    assert.match(first.fix.title, /VAULT_ADDR/);
    // Second fix on the already-fixed text: the helper exists, only the value changes.
    const p = fixture(RULE, 'fix-fetch-header.fixed.ts');
    const again = findings(p, first.fixed).find((f) => f.range.start.line === 29)!;
    assert.equal(again.fixes[0].edits.length, 1);
    const twice = applyEdits(first.fixed, again.fixes[0].edits);
    assertParses(p, twice);
    assert.equal(twice.match(/async function getVaultToken/g)!.length, 1);
    assert.deepEqual(markers(findings(p, twice)), ['34:vault-static-token']);
  });

  it('a header built at start-up (not in an async function) gets no rewrite: a token fetched once would be static again', () => {
    const p = fixture(RULE, 'fix-fetch-header.ts');
    const f = findings(p, read(p)).find((x) => x.range.start.line === 16)!;
    assert.deepEqual(f.fixes, []);
  });

  it('clients that are not a top-level binding get the diagnostic without a scaffold', () => {
    const p = fixture(RULE, 'node-vault.ts');
    const found = findings(p, read(p));
    assert.equal(found.find((f) => f.range.start.line === 3)!.fixes.length, 1);
    const p2 = fixture(RULE, 'raw-http.cjs');
    assert.deepEqual(findings(p2, read(p2)).find((f) => f.range.start.line === 10)!.fixes, []); // axios.create at top level
  });
});
