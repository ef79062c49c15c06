import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { analyze } from '../../../server/src/core/analyze.js';
import { applyEdits } from '../../../server/src/core/text/applyEdits.js';
import { DEFAULT_SETTINGS } from '../../../server/src/core/types.js';
import { assertFixed, checkFixture, FIXTURES } from '../../helpers/fixtures.js';
import { MemoryHost } from '../../helpers/memoryHost.js';

const HC = path.join(FIXTURES, 'hardcoded-credential');
const CS = path.join(FIXTURES, 'connection-string-password');

function secretsIn(text: string): string[] {
  return [...text.matchAll(/(sk-proj-[A-Za-z0-9]{48,}|ghp_[A-Za-z0-9]{36}|sk-ant-api03-[A-Za-z0-9]{95}|xoxb-[0-9-]+[A-Za-z0-9]{24}|sk_(?:live|test)_[A-Za-z0-9]{24}|hf_[A-Za-z0-9]{34}|AKIA[A-Z0-9]{16})/g)].map((m) => m[1]);
}

describe('hardcoded-credential fixtures', () => {
  for (const file of ['typescript.ts', 'commonjs.cjs', 'config.json', 'settings.yaml', 'notes.txt', 'service.py', 'openapi.json']) {
    it(file, () => {
      const findings = checkFixture(path.join(HC, file));
      const text = fs.readFileSync(path.join(HC, file), 'utf8');
      for (const f of findings) for (const s of secretsIn(text)) assert.ok(!f.message.includes(s), 'message masks the secret');
    });
  }

  it('in an API specification only a verified known format is reported, and low', () => {
    const findings = checkFixture(path.join(HC, 'openapi.json'));
    assert.deepEqual(findings.map((f) => [f.severity, f.confidence]), [['low', 'low']]);
    assert.match(findings[0].message, /an API specification/);
  });

  it('a private key file is one finding, not a header and a block', () => {
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const { findings } = analyze({ path: '/ws/deploy/server-key.pem', text: pem }, DEFAULT_SETTINGS);
    assert.deepEqual(findings.map((f) => [f.ruleId, f.range.start.line, f.confidence]), [['hardcoded-credential', 0, 'high']]);
  });

  it('never fires inside a .env file', () => {
    const text = fs.readFileSync(path.join(HC, 'dotenv-sample.env.fixture'), 'utf8');
    const host = new MemoryHost('/ws', {}, { ignored: ['.env'] });
    const { findings } = analyze({ path: '/ws/.env', text }, DEFAULT_SETTINGS, { host });
    assert.deepEqual(findings, []);
  });

  it('the Stripe test key is reported at low severity', () => {
    const findings = checkFixture(path.join(HC, 'typescript.ts'));
    const stripe = findings.find((f) => f.message.includes('Stripe test key'));
    assert.equal(stripe?.severity, 'low');
  });

  it('ranges cover exactly the secret', () => {
    const text = fs.readFileSync(path.join(HC, 'typescript.ts'), 'utf8');
    const { findings } = analyze({ path: path.join(HC, 'typescript.ts'), text });
    const lines = text.split('\n');
    for (const f of findings) {
      const covered = lines[f.range.start.line].slice(f.range.start.character, f.range.end.character);
      assert.ok(secretsIn(covered).length === 1 || f.message.startsWith('Hard-coded Secret'), `range covers one secret: ${f.range.start.line + 1}`);
    }
  });
});

describe('connection-string-password fixtures', () => {
  for (const file of ['typescript.ts', 'database.yaml']) it(file, () => void checkFixture(path.join(CS, file)));
});

describe('TS/JS literal fixes', () => {
  const input = path.join(HC, 'fix-input.ts');
  const text = fs.readFileSync(input, 'utf8');

  it('replace each literal with process.env.NAME, giving the expected file', () => {
    let current = text;
    // Apply the preferred fix of each finding, one at a time, re-analysing in between.
    for (let i = 0; i < 10; i++) {
      const { findings } = analyze({ path: input, text: current });
      const next = findings.find((f) => f.fixes.length);
      if (!next) break;
      const fix = next.fixes.find((f) => f.isPreferred)!;
      assert.equal(fix.applicability, 'unsafe');
      assert.match(fix.title, /^secretzero \((hardcoded-credential|connection-string-password)\): replace with process\.env\.[A-Z_]+$/);
      current = applyEdits(current, fix.edits);
      assertFixed(input, current, next.ruleId, next.range.start.line);
    }
    assert.equal(current, fs.readFileSync(path.join(HC, 'fix-input.fixed.ts'), 'utf8'));
    const sf = ts.createSourceFile('x.ts', current, ts.ScriptTarget.Latest, true);
    assert.deepEqual((sf as any).parseDiagnostics, [], 'the fixed file parses');
  });

  it('offers "…and append NAME=<value> to .env" only when a git-ignored .env exists; the value is kept there', () => {
    const none = analyze({ path: '/ws/src/a.ts', text }, DEFAULT_SETTINGS, { host: new MemoryHost('/ws', {}) });
    assert.ok(none.findings.every((f) => f.fixes.length === 1));
    const unignored = new MemoryHost('/ws', { '.env': 'A=1\n' });
    assert.ok(analyze({ path: '/ws/src/a.ts', text }, DEFAULT_SETTINGS, { host: unignored }).findings.every((f) => f.fixes.length === 1), 'never into an un-ignored .env');
    const host = new MemoryHost('/ws', { '.env': 'EXISTING=1' }, { ignored: ['.env'] });
    const { findings } = analyze({ path: '/ws/src/a.ts', text }, DEFAULT_SETTINGS, { host });
    const f = findings.find((x) => x.ruleId === 'hardcoded-credential')!;
    const withEnv = f.fixes.find((x) => x.title.includes('append API_KEY=<value> to .env'))!;
    assert.ok(withEnv, f.fixes.map((x) => x.title).join(' | '));
    const [ext] = withEnv.externalEdits!;
    assert.equal(ext.path, '/ws/.env');
    const after = applyEdits('EXISTING=1', ext.edits);
    const secret = secretsIn(text)[0];
    assert.equal(after, `EXISTING=1\nAPI_KEY=${secret}\n`, 'appended on a new line, value recoverable');
    assert.ok(!withEnv.title.includes(secret));
  });

  it('a literal in a JSX attribute becomes an expression container', () => {
    const src = `export const A = () => <Widget apiKey="${secretsIn(text)[0]}" />;\n`;
    const { findings } = analyze({ path: '/ws/a.tsx', text: src });
    const out = applyEdits(src, findings[0].fixes[0].edits);
    assert.equal(out, 'export const A = () => <Widget apiKey={process.env.API_KEY} />;\n');
  });
});

describe('post-processing', () => {
  it('suppression comment silences only the named rule on the next line', () => {
    const secret = secretsIn(fs.readFileSync(path.join(HC, 'typescript.ts'), 'utf8'))[0];
    const src = `// secretzero-ignore-next-line secret-logged -- other rule\nconst apiKey = "${secret}";\n// secretzero-ignore-next-line hardcoded-credential -- rotated\nconst apiKey2 = "${secret}";\n`;
    const { findings } = analyze({ path: '/ws/a.ts', text: src });
    assert.deepEqual(findings.map((f) => f.range.start.line), [1]);
  });

  it('settings: rule off, severity override, ignore globs, disable', () => {
    const secret = secretsIn(fs.readFileSync(path.join(HC, 'typescript.ts'), 'utf8'))[0];
    const doc = { path: '/ws/test/fixtures/a.ts', text: `const apiKey = "${secret}";\n` };
    assert.equal(analyze(doc, { ...DEFAULT_SETTINGS, rules: { 'hardcoded-credential': 'off' } }).findings.length, 0);
    assert.equal(analyze(doc, { ...DEFAULT_SETTINGS, rules: { 'hardcoded-credential': 'low' } }).findings[0].severity, 'low');
    const host = new MemoryHost('/ws');
    assert.equal(analyze(doc, { ...DEFAULT_SETTINGS, ignore: ['test/fixtures/**'] }, { host }).skipped, 'path matches secretzero.ignore');
    assert.equal(analyze(doc, { ...DEFAULT_SETTINGS, enable: false }).findings.length, 0);
  });

  it('binary and oversized documents are skipped with a reason', () => {
    assert.equal(analyze({ path: '/ws/a.bin', text: 'PK\u0000\u0003' }).skipped, 'file looks binary');
    assert.match(analyze({ path: '/ws/big.txt', text: 'a'.repeat(5 * 1024 * 1024) }).skipped!, /larger than/);
  });
});

describe('one diagnostic per problem, and settings', () => {
  it('the specific rule shadows the general one; turning the specific one off brings the general one back', () => {
    const token = `ghp_${'Q8w3Xk5Tz1Lm9Rv2Bn7Yc4Hs6Jd0Fa3Ue8Pq'}`;
    const doc = { path: '/ws/.mcp.json', text: JSON.stringify({ mcpServers: { gh: { command: 'x', env: { GITHUB_TOKEN: token } } } }, null, 2) };
    assert.deepEqual(analyze(doc).findings.map((f) => f.ruleId), ['mcp-config-literal-secret']);
    const off = analyze(doc, { ...DEFAULT_SETTINGS, rules: { 'mcp-config-literal-secret': 'off' } });
    assert.deepEqual(off.findings.map((f) => f.ruleId), ['hardcoded-credential']);
  });
});

describe('deeply nested syntax', () => {
  it('a 20,000-term concatenation is analysed by the TS analyzer, not the fallback scan', () => {
    const parts = Array.from({ length: 20000 }, (_, i) => `v${i}`);
    const text = `const x = ${parts.join(' + ')};\nconst apiKey = "sk-proj-${'Wn4Xq8Lr2Tz6Yb1Kc9Mv3Hd7Fs5Gj0Pa2Ue4Rw8Ty6Io1Nq'}";\n`;
    const failures: unknown[] = [];
    const { findings } = analyze({ path: '/ws/deep.ts', text }, DEFAULT_SETTINGS, { onError: (e) => failures.push(e) });
    assert.deepEqual(failures, []);
    assert.deepEqual(findings.map((f) => [f.ruleId, f.symbolPath]), [['hardcoded-credential', 'apiKey']]);
  });
});
