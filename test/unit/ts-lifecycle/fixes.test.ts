import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../../server/src/core/analyze.js';
import { FIXTURES } from '../../helpers/fixtures.js';
import { assertFixesMatch } from './kit.js';

describe('lifecycle fixes rewrite to the expected file, keep it parseable and clear the finding', () => {
  it('secret-logged: redaction in arguments, template spans, shorthand properties, concatenation and Error messages', () => {
    assertFixesMatch('secret-logged/fix-redact.ts', 'secret-logged', 6);
  });
  it('secret-in-tool-output: redaction in a text item and in a stringified object', () => {
    assertFixesMatch('secret-in-tool-output/fix-redact.ts', 'secret-in-tool-output', 2);
  });
  it('secret-cached-without-ttl: guarded module let in a function → TTL loader', () => {
    assertFixesMatch('secret-cached-without-ttl/fix-function.ts', 'secret-cached-without-ttl', 1);
  });
  it('secret-cached-without-ttl: top-level await read in async functions → TTL loader and awaited reads', () => {
    assertFixesMatch('secret-cached-without-ttl/fix-module.ts', 'secret-cached-without-ttl', 1);
  });
  it('secret-cached-without-ttl: JavaScript gets an untyped helper', () => {
    assertFixesMatch('secret-cached-without-ttl/fix-commonjs.js', 'secret-cached-without-ttl', 1);
  });
  it('secret-fetch-error-swallowed: rethrow naming the secret (catch binding added where missing, .catch handlers)', () => {
    assertFixesMatch('secret-fetch-error-swallowed/fix-rethrow.ts', 'secret-fetch-error-swallowed', 5);
  });
  it('secret-in-url: parameter removed from the URL, header added to fetch/axios options', () => {
    assertFixesMatch('secret-in-url/fix-header.ts', 'secret-in-url', 5);
  });
});

describe('fix applicability and availability', () => {
  const findings = (rel: string) => {
    const file = path.join(FIXTURES, rel);
    return analyze({ path: file, text: fs.readFileSync(file, 'utf8') }).findings;
  };

  it('secret-logged fixes are safe and preferred; the others are unsafe', () => {
    for (const f of findings('secret-logged/fix-redact.ts').filter((x) => x.ruleId === 'secret-logged')) {
      assert.equal(f.fixes[0].applicability, 'safe');
      assert.equal(f.fixes[0].isPreferred, true);
    }
    for (const [rel, rule] of [['secret-in-tool-output/fix-redact.ts', 'secret-in-tool-output'], ['secret-in-url/fix-header.ts', 'secret-in-url'],
      ['secret-cached-without-ttl/fix-function.ts', 'secret-cached-without-ttl'], ['secret-fetch-error-swallowed/fix-rethrow.ts', 'secret-fetch-error-swallowed']]) {
      for (const f of findings(rel).filter((x) => x.ruleId === rule)) assert.equal(f.fixes[0].applicability, 'unsafe', `${rule}`);
    }
  });

  it('rules without an automatic fix offer none', () => {
    for (const rel of ['credential-tool-parameter/zod-shapes.ts', 'token-passthrough/express.ts']) {
      for (const f of findings(rel).filter((x) => x.ruleId === 'credential-tool-parameter' || x.ruleId === 'token-passthrough')) assert.deepEqual(f.fixes, []);
    }
  });

  it('no fix where a rewrite would break callers: exported caches, URLSearchParams, spread of process.env', () => {
    const cached = findings('secret-cached-without-ttl/caches.ts').find((f) => f.ruleId === 'secret-cached-without-ttl' && f.range.start.line === 11);
    assert.ok(cached, 'exported top-level await cache is reported');
    assert.deepEqual(cached.fixes, []);
    for (const f of findings('secret-in-url/urls.ts').filter((x) => x.ruleId === 'secret-in-url' && x.range.start.line >= 14)) assert.deepEqual(f.fixes, []);
    const spread = findings('secret-in-tool-output/server-tool.ts').filter((f) => f.ruleId === 'secret-in-tool-output');
    assert.ok(spread.length >= 5);
  });

  it('the fetch-error fix names the secret, never its value', () => {
    for (const f of findings('secret-fetch-error-swallowed/bootstrap.ts').filter((x) => x.ruleId === 'secret-fetch-error-swallowed')) {
      const text = f.fixes[0].edits.map((e) => e.newText).join('');
      assert.match(text, /throw new Error\('Failed to load [^']+', \{ cause: \w+ \}\);/);
    }
  });

  it('a second helper is not inserted when the file already has cachedWithTtl', () => {
    const file = path.join(FIXTURES, 'secret-cached-without-ttl/fix-function.fixed.ts');
    const text = fs.readFileSync(file, 'utf8') + `
let other: string | undefined;
export async function getOther() {
  if (!other) other = (await sm.send(new GetSecretValueCommand({ SecretId: 'mcp/other' }))).SecretString;
  return other;
}
`;
    const f = analyze({ path: file, text }).findings.find((x) => x.ruleId === 'secret-cached-without-ttl');
    assert.ok(f);
    const inserted = f.fixes[0].edits.map((e) => e.newText).join('');
    assert.ok(!inserted.includes('function cachedWithTtl'), 'helper inserted twice');
    assert.ok(inserted.includes('const loadOther = cachedWithTtl('));
  });
});

describe('secret-logged fix applicability', () => {
  it('is unsafe when the replaced expression also does something (a call, an await, an assignment)', () => {
    const text = [
      "declare const vault: { read(p: string): Promise<string> };",
      "declare function getApiKey(): string;",
      "let token = '';",
      "const apiKey = process.env.API_KEY ?? '';",
      "console.log(apiKey);",
      "console.log(apiKey.slice(0, 4));",
      "console.log(await vault.read('secret/data/x'));",
      "console.log(getApiKey());",
      "console.log(token = process.env.GITHUB_TOKEN ?? '');",
    ].join('\n');
    const found = analyze({ path: '/w/a.ts', text }).findings.filter((f) => f.ruleId === 'secret-logged');
    assert.deepEqual(found.map((f) => [f.range.start.line + 1, f.fixes[0].applicability]),
      // `getApiKey()` is a name, not a source the file shows: secret-logged judges values only.
      [[5, 'safe'], [6, 'safe'], [7, 'unsafe'], [9, 'unsafe']]);
  });
});
