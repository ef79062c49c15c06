import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseTOML } from 'toml-eslint-parser';
import { analyze } from '../../../server/src/core/analyze.js';
import { applyEdits } from '../../../server/src/core/text/applyEdits.js';
import { DEFAULT_SETTINGS } from '../../../server/src/core/types.js';
import { checkFixture, FIXTURES } from '../../helpers/fixtures.js';
import { MemoryHost } from '../../helpers/memoryHost.js';

const LITERAL = path.join(FIXTURES, 'mcp-config-literal-secret', 'codex', '.codex', 'config.toml');
const REFERENCE = path.join(FIXTURES, 'mcp-config-unexpanded-reference', 'codex', '.codex', 'config.toml');

describe('Codex config.toml', () => {
  it('literal secrets in env, args and http_headers, at the exact value (TOML parsed with positions)', () => {
    const findings = checkFixture(LITERAL, { rules: ['mcp-config-literal-secret', 'hardcoded-credential'] });
    const text = fs.readFileSync(LITERAL, 'utf8');
    const lines = text.split('\n');
    for (const f of findings) {
      const line = lines[f.range.start.line];
      const value = line.slice(f.range.start.character, f.range.end.character);
      assert.match(value, /^[A-Za-z0-9_-]{20,}$/, `the range is the value itself: ${value.slice(0, 4)}…`);
      assert.match(f.message, /Codex does not expand/);
      assert.match(f.message, /env_vars/);
    }
  });

  it('env literals and ${KEY} references become env_vars entries; the file stays valid TOML and clean', () => {
    for (const file of [LITERAL, REFERENCE]) {
      let text = fs.readFileSync(file, 'utf8');
      let applied = 0;
      for (let step = 0; step < 10; step++) {
        const fix = analyze({ path: file, text }).findings.flatMap((f) => f.fixes)[0];
        if (!fix) break;
        assert.match(fix.title, /forward [A-Z_]+ with env_vars|with env_http_headers \(X-Api-Key from [A-Z_]+\)/);
        text = applyEdits(text, fix.edits);
        assert.doesNotThrow(() => parseTOML(text), `valid TOML after "${fix.title}"`);
        applied++;
      }
      assert.ok(applied >= 1, `${path.basename(path.dirname(path.dirname(file)))}: a fix applied`);
      assert.ok(!/\$\{LINEAR_WORKSPACE\}|ghp_/.test(text), 'the literal or reference left the file');
      assert.match(text, /env_vars = \[/);
    }
  });

  it('header literals: Authorization Bearer becomes bearer_token_env_var, any other header an env_http_headers entry', () => {
    const text = [
      '[mcp_servers.remote]',
      'url = "https://mcp.acme.dev/mcp"',
      'http_headers = { Authorization = "Bearer Wq8zKr2pLm5Xv9Tn3Bc7Hd1FgQ4sYj6", X-Team = "platform" }',
      '',
      '[mcp_servers.other]',
      'url = "https://mcp.other.dev/mcp"',
      'http_headers = { X-Api-Key = "Zt5yHn8qWm2Lp7Rc4Vx9Kb3NdJ6sGf1A" }',
      '',
    ].join('\n');
    let out = text;
    for (let step = 0; step < 5; step++) {
      const fix = analyze({ path: '/ws/.codex/config.toml', text: out }).findings.flatMap((f) => f.fixes)[0];
      if (!fix) break;
      assert.equal(fix.applicability, 'unsafe', 'the variable must be set before the fix works');
      out = applyEdits(out, fix.edits);
      assert.doesNotThrow(() => parseTOML(out), `valid TOML after "${fix.title}"`);
    }
    assert.match(out, /\[mcp_servers\.remote\]\nbearer_token_env_var = "[A-Z_]+"/);
    assert.match(out, /http_headers = \{ X-Team = "platform" \}/);
    assert.match(out, /\[mcp_servers\.other\]\nenv_http_headers = \{ X-Api-Key = "[A-Z_]+" \}/);
    assert.ok(!/Wq8zKr|Zt5yHn/.test(out), 'both literals left the file');
  });

  it('a second fix keeps the value in a git-ignored .env', () => {
    const text = fs.readFileSync(LITERAL, 'utf8');
    const host = new MemoryHost('/ws', { '.env': 'A=1\n', '.gitignore': '.env\n' }, { ignored: ['.env'] });
    const f = analyze({ path: '/ws/.codex/config.toml', text }, DEFAULT_SETTINGS, { host }).findings.find((x) => x.fixes.length === 2);
    assert.ok(f, 'an env literal with two fixes');
    assert.match(f.fixes[1].title, /append GITHUB_PERSONAL_ACCESS_TOKEN=<value> to \.\.\/\.env/);
  });

  it('a TOML syntax error still yields the known-format findings (generic scan)', () => {
    const text = fs.readFileSync(LITERAL, 'utf8').replace('[mcp_servers.search]', '[mcp_servers.search');
    const { findings } = analyze({ path: '/ws/.codex/config.toml', text });
    assert.ok(findings.some((f) => f.ruleId === 'hardcoded-credential'), 'the GitHub token is still found');
  });
});
