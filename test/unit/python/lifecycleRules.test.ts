import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../../server/src/core/analyze.js';
import { applyEdits } from '../../../server/src/core/text/applyEdits.js';
import { DEFAULT_SETTINGS, type Finding } from '../../../server/src/core/types.js';
import { pythonSyntaxErrors as lezerErrors } from '../../helpers/python.js';
import { FIXTURES } from '../../helpers/fixtures.js';

/**
 * tls-verification-disabled, jwt-audience-not-verified, vault-static-token and imdsv1-request on
 * Python: every fix they offer keeps the file valid Python and removes its finding, the rules
 * survive half-typed code, and the messages and fixes say what the rule docs promise.
 */
const RULES = ['tls-verification-disabled', 'jwt-audience-not-verified', 'vault-static-token', 'imdsv1-request'];

function pyFixtures(): string[] {
  return RULES.flatMap((r) => fs.readdirSync(path.join(FIXTURES, r))
    .filter((f) => f.endsWith('.py') && !f.includes('.fixed.'))
    .map((f) => path.join(FIXTURES, r, f)));
}

function findingsOf(p: string, text: string): Finding[] {
  return analyze({ path: p, text }, DEFAULT_SETTINGS).findings.filter((f) => RULES.includes(f.ruleId));
}


const run = (text: string, p = '/work/app/server.py') => findingsOf(p, text);

describe('Python lifecycle rules: fixes', () => {
  it('every fix offered on the fixtures keeps the file parseable and removes a finding of its rule', () => {
    let applied = 0;
    for (const p of pyFixtures()) {
      const text = fs.readFileSync(p, 'utf8');
      assert.equal(lezerErrors(text), 0, `${path.basename(p)} parses`);
      const before = findingsOf(p, text);
      for (const f of before) {
        for (const fix of f.fixes) {
          const fixed = applyEdits(text, fix.edits);
          assert.equal(lezerErrors(fixed), 0, `${path.basename(p)}:${f.range.start.line + 1} "${fix.title}" breaks the syntax`);
          const count = (fs: Finding[]) => fs.filter((x) => x.ruleId === f.ruleId).length;
          assert.ok(count(findingsOf(p, fixed)) < count(before), `${path.basename(p)}:${f.range.start.line + 1} "${fix.title}" left the finding`);
          applied++;
        }
      }
    }
    assert.ok(applied >= 30, `only ${applied} fixes exercised`);
  });

  it('never throw on prefixes of their fixtures (what an editor sends while typing)', () => {
    for (const p of pyFixtures()) {
      const text = fs.readFileSync(p, 'utf8');
      const step = Math.max(3, Math.ceil(text.length / 80));
      for (let end = 0; end <= text.length; end += step) findingsOf(p, text.slice(0, end));
    }
  });

  it('marks fixes honestly: TLS safe, audience / Vault login / boto3 credentials unsafe', () => {
    const by = (rule: string) => pyFixtures().flatMap((p) => findingsOf(p, fs.readFileSync(p, 'utf8'))).filter((f) => f.ruleId === rule).flatMap((f) => f.fixes);
    assert.ok(by('tls-verification-disabled').every((f) => f.applicability === 'safe'));
    for (const rule of ['jwt-audience-not-verified', 'vault-static-token', 'imdsv1-request']) {
      const fixes = by(rule);
      assert.ok(fixes.length > 0, rule);
      assert.ok(fixes.every((f) => f.applicability === 'unsafe'), rule);
    }
  });
});

describe('Python tls-verification-disabled', () => {
  it('turns hostname checking back on together with the same context\'s verify_mode', () => {
    const text = 'import ssl\nctx = ssl.create_default_context()\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE\n';
    const [first] = run(text);
    assert.equal(first.range.start.line, 2);
    assert.equal(applyEdits(text, first.fixes[0].edits), 'import ssl\nctx = ssl.create_default_context()\nctx.check_hostname = True\nctx.verify_mode = ssl.CERT_REQUIRED\n');
  });

  it('judges verify=False on an unknown receiver only where the file silences urllib3', () => {
    const call = 'def get(session, url):\n    return session.get(url, verify=False)\n';
    assert.equal(run(`import requests\n${call}`).length, 0);
    const silenced = run(`import urllib3\nurllib3.disable_warnings()\n${call}`);
    assert.deepEqual(silenced.map((f) => f.range.start.line), [3]);
  });

  it('knows a session from its parameter annotation', () => {
    const found = run('import requests\n\ndef get(session: requests.Session, url: str):\n    return session.get(url, verify=False)\n');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /`verify=False` turns off TLS certificate verification/);
  });

  it('is silent in test files (the test role)', () => {
    assert.equal(run('import requests\nrequests.get("https://x", verify=False)\n', '/work/app/tests/test_client.py').length, 0);
  });
});

describe('Python jwt-audience-not-verified', () => {
  it('needs the import: a local `jwt` object is not PyJWT', () => {
    assert.equal(run('def f(jwt, token, key):\n    return jwt.decode(token, key)\n').length, 0);
    assert.equal(run('import jwt\ndef f(token, key):\n    return jwt.decode(token, key, algorithms=["RS256"])\n').length, 1);
  });

  it('says why a missing audience matters for PyJWT and python-jose', () => {
    const [f] = run('from jose import jwt\ndef f(token, key):\n    return jwt.decode(token, key, algorithms=["RS256"])\n');
    assert.match(f.message, /a token without an `aud` claim is accepted/);
    assert.match(f.fixes[0].title, /add audience="<your-server-id>"/);
  });

  it('follows the file\'s quotes in the placeholder', () => {
    const [f] = run("import jwt\nALG = ['RS256']\ndef f(token, key):\n    return jwt.decode(token, key, algorithms=ALG, issuer='https://auth')\n");
    assert.equal(f.fixes[0].edits[0].newText, ", audience='<your-server-id>'");
  });
});

describe('Python vault-static-token', () => {
  it('names the env var in Python terms and never repeats a literal token', () => {
    const env = run('import os, hvac\nc = hvac.Client(url="https://v:8200", token=os.getenv("VAULT_TOKEN"))\n');
    assert.match(env[0].message, /a long-lived static token from os\.environ\["VAULT_TOKEN"\]/);
    const token = 'hvs.CAESIJlWh7dkTq0dAbJ6ZcM3vF9xQyP2RmS8kL4nT1uW5eYzGh4KHGh2cy5BcU9mS0pTT3JZUWZUS3BXWWdXbEdGYTc';
    const lit = run(`import hvac\nc = hvac.Client(url="https://v:8200", token="${token}")\n`);
    assert.equal(lit.length, 1);
    assert.ok(!lit[0].message.includes(token.slice(8)), lit[0].message);
  });

  it('offers AppRole first and Kubernetes second, with unique helper names', () => {
    const text = 'import hvac\nimport os\n\n\ndef vault_login():\n    pass\n\n\nc = hvac.Client(url=os.environ["VAULT_ADDR"], token=os.environ["VAULT_TOKEN"])\n';
    const [f] = run(text);
    assert.equal(f.fixes.length, 2);
    assert.match(f.fixes[0].title, /AppRole/);
    assert.ok(f.fixes[0].isPreferred);
    assert.match(f.fixes[1].title, /Kubernetes/);
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.match(fixed, /def vault_login_2\(\):/);
    assert.match(fixed, /^import time$/m);
    assert.equal(lezerErrors(fixed), 0);
  });
});

describe('Python imdsv1-request', () => {
  it('follows a constant and an f-string; the token PUT and the ECS endpoint are not IMDSv1', () => {
    const text = [
      'import requests',
      'BASE = "http://169.254.169.254"',
      'META = f"{BASE}/latest/meta-data"',
      'def a():',
      '    return requests.get(f"{META}/instance-id").text',
      'def b():',
      '    return requests.put(f"{BASE}/latest/api/token", headers={"X-aws-ec2-metadata-token-ttl-seconds": "60"}).text',
      'def c():',
      '    return requests.get("http://169.254.170.2/v2/credentials/x").json()',
      '',
    ].join('\n');
    const found = run(text);
    assert.deepEqual(found.map((f) => f.range.start.line), [4]);
    assert.match(found[0].message, /\(\/latest\/meta-data\/instance-id\) without an X-aws-ec2-metadata-token header/);
  });
});
