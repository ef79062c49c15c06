import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../../server/src/core/analyze.js';
import { applyEdits } from '../../../server/src/core/text/applyEdits.js';
import { DEFAULT_SETTINGS, type WorkspaceHost } from '../../../server/src/core/types.js';
import { FIXTURES } from '../../helpers/fixtures.js';

/**
 * credential-tool-parameter, secret-cached-without-ttl and secret-fetch-error-swallowed on Python:
 * what the annotated fixtures cannot show (a workspace host, suppression, half-typed code).
 */
const RULES = ['credential-tool-parameter', 'secret-cached-without-ttl', 'secret-fetch-error-swallowed'];

function findings(text: string, host?: WorkspaceHost, file = '/ws/app/server.py') {
  return analyze({ path: file, text }, DEFAULT_SETTINGS, { host }).findings.filter((f) => RULES.includes(f.ruleId));
}

function hostWith(files: Record<string, string>): WorkspaceHost {
  return {
    readFile: (p) => files[p],
    exists: (p) => p in files,
    isGitIgnored: () => false,
    isGitTracked: () => undefined,
    workspaceRoot: () => '/ws',
  };
}

const MEMOISED = [
  'import boto3',
  'from functools import lru_cache',
  '',
  'sm = boto3.client("secretsmanager")',
  '',
  '',
  '@lru_cache(maxsize=None)',
  'def api_key() -> str:',
  '    return sm.get_secret_value(SecretId="svc/api")["SecretString"]',
  '',
].join('\n');

describe('Python secret-cached-without-ttl fix', () => {
  it('uses cachetools.TTLCache when pyproject.toml depends on cachetools, and imports it', () => {
    const host = hostWith({ '/ws/pyproject.toml': '[project]\ndependencies = [\n  "boto3>=1.34",\n  "cachetools>=5.3",\n]\n' });
    const [f] = findings(MEMOISED, host);
    assert.equal(f?.ruleId, 'secret-cached-without-ttl');
    assert.match(f.fixes[0].title, /cachetools\.TTLCache/);
    const fixed = applyEdits(MEMOISED, f.fixes[0].edits);
    assert.match(fixed, /^import cachetools$/m);
    assert.match(fixed, /@cachetools\.cached\(cachetools\.TTLCache\(maxsize=1, ttl=5 \* 60\)\)\ndef api_key/);
    assert.deepEqual(findings(fixed, host), []);
  });

  it('writes the generated helper when no dependency file names cachetools', () => {
    const host = hostWith({ '/ws/requirements.txt': 'boto3\ncachetools-extras\n' });
    const [f] = findings(MEMOISED, host);
    const fixed = applyEdits(MEMOISED, f.fixes[0].edits);
    assert.match(fixed, /^def _cached_with_ttl\(ttl_seconds\):$/m);
    assert.match(fixed, /^import functools\nimport time$/m);
    assert.match(fixed, /@_cached_with_ttl\(5 \* 60\)\ndef api_key/);
    assert.deepEqual(findings(fixed, host), []);
  });

  it('offers no fix when cache_info() is used (the replacement has none)', () => {
    const text = `${MEMOISED}\nprint(api_key.cache_info())\n`;
    const [f] = findings(text);
    assert.equal(f?.ruleId, 'secret-cached-without-ttl');
    assert.deepEqual(f.fixes, []);
  });
});

describe('Python suppression comments', () => {
  it('silence each rule on the next line', () => {
    const text = [
      'import boto3',
      'from mcp.server.fastmcp import FastMCP',
      '',
      'mcp = FastMCP("x")',
      'sm = boto3.client("secretsmanager")',
      '# secretzero-ignore-next-line secret-cached-without-ttl -- read once by a one-shot job',
      'TOKEN = sm.get_secret_value(SecretId="job/token")["SecretString"]',
      '',
      '',
      '@mcp.tool()',
      '# secretzero-ignore-next-line credential-tool-parameter -- the user supplies their own key',
      'def ask(question: str, api_key: str) -> str:',
      '    return question',
      '',
      '',
      'def main():',
      '    try:',
      '        sm.get_secret_value(SecretId="job/other")',
      '    # secretzero-ignore-next-line secret-fetch-error-swallowed -- optional integration',
      '    except Exception:',
      '        pass',
      '',
      '',
      'main()',
      '',
    ].join('\n');
    assert.deepEqual(findings(text).map((f) => f.ruleId), []);
  });
});

describe('Python lifecycle rules on half-typed code', () => {
  it('never throw on prefixes of their fixtures (what an editor sends while typing)', () => {
    for (const rule of RULES) {
      for (const name of fs.readdirSync(path.join(FIXTURES, rule)).filter((n) => n.endsWith('.py'))) {
        const text = fs.readFileSync(path.join(FIXTURES, rule, name), 'utf8');
        const step = Math.max(3, Math.ceil(text.length / 120));
        for (let end = 0; end <= text.length; end += step) {
          const cut = text.slice(0, end);
          for (const f of findings(cut)) {
            for (const fix of f.fixes) applyEdits(cut, fix.edits); // a throw fails the test with its stack
          }
        }
      }
    }
  });
});
