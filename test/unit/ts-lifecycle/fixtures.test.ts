import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../../server/src/core/analyze.js';
import { FIXTURES } from '../../helpers/fixtures.js';
import { LIFECYCLE_RULES, checkLifecycleFixture, fixtureFiles } from './kit.js';

describe('lifecycle rules: annotated fixtures (positives and near misses)', () => {
  for (const rule of LIFECYCLE_RULES) {
    describe(rule, () => {
      const files = fixtureFiles(rule);
      it('has TypeScript and CommonJS/JavaScript fixtures', () => {
        assert.ok(files.some((f) => f.endsWith('.ts')), 'a .ts fixture');
        assert.ok(files.some((f) => /\.(c?js)$/.test(f)), 'a .js/.cjs fixture');
      });
      for (const file of files) it(path.basename(file), () => { checkLifecycleFixture(file, rule); });
    });
  }
});

describe('lifecycle findings', () => {
  const all = LIFECYCLE_RULES.flatMap((rule) => fixtureFiles(rule).map((file) => ({ rule, file })));

  it('messages and fix titles never contain a credential literal of the fixture', () => {
    for (const { file } of all) {
      const text = fs.readFileSync(file, 'utf8');
      const literals = [...text.matchAll(/(ghp_[A-Za-z0-9]{36}|AIza[0-9A-Za-z_-]{35})/g)].map((m) => m[1]);
      for (const f of analyze({ path: file, text }).findings) {
        for (const lit of literals) {
          assert.ok(!f.message.includes(lit), `${path.basename(file)}: message of ${f.ruleId} repeats a secret`);
          for (const fix of f.fixes) assert.ok(!fix.title.includes(lit), `${path.basename(file)}: fix title of ${f.ruleId} repeats a secret`);
        }
      }
    }
  });

  it('fix titles start with the rule id, and fingerprints do not depend on the line', () => {
    const file = path.join(FIXTURES, 'secret-logged', 'logging.ts');
    const text = fs.readFileSync(file, 'utf8');
    const before = analyze({ path: file, text }).findings.filter((f) => f.ruleId === 'secret-logged');
    const after = analyze({ path: file, text: `\n\n${text}` }).findings.filter((f) => f.ruleId === 'secret-logged');
    assert.deepEqual(after.map((f) => f.fingerprint).sort(), before.map((f) => f.fingerprint).sort());
    for (const f of before) for (const fix of f.fixes) assert.ok(fix.title.startsWith('secretzero (secret-logged): '), fix.title);
  });

  it('ranges are the secret expression, not the whole line', () => {
    const file = path.join(FIXTURES, 'secret-logged', 'logging.ts');
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const f = analyze({ path: file, text }).findings.find((x) => x.ruleId === 'secret-logged' && lines[x.range.start.line].startsWith("console.log('OpenAI key:'"));
    assert.ok(f);
    assert.equal(lines[f.range.start.line].slice(f.range.start.character, f.range.end.character), 'apiKey');
  });

  it('severities follow the catalog', () => {
    const sev: Record<string, string> = {
      'secret-logged': 'high', 'secret-in-tool-output': 'high', 'secret-cached-without-ttl': 'medium', 'secret-fetch-error-swallowed': 'medium',
      'credential-tool-parameter': 'medium', 'token-passthrough': 'medium', 'secret-in-url': 'medium',
    };
    for (const { rule, file } of all) {
      for (const f of analyze({ path: file, text: fs.readFileSync(file, 'utf8') }).findings) {
        if (f.ruleId === rule) assert.equal(f.severity, sev[rule], `${f.ruleId} in ${path.basename(file)}`);
      }
    }
  });

  it('suppression comments silence a lifecycle finding', () => {
    const text = "const apiKey = process.env.API_KEY;\n// secretzero-ignore-next-line secret-logged -- debugging a local key\nconsole.log(apiKey);\nconsole.log(apiKey);\n";
    const found = analyze({ path: '/w/a.ts', text }).findings.filter((f) => f.ruleId === 'secret-logged');
    assert.deepEqual(found.map((f) => f.range.start.line), [3]);
  });
});
