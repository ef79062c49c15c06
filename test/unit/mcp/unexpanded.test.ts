import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { analyze } from '../../../server/src/core/analyze.js';
import { expandsAt, mcpClientForFile, type ReferenceSyntax, type ServerField } from '../../../server/src/core/mcpClients.js';
import { applyEdits } from '../../../server/src/core/text/applyEdits.js';
import { checkFixture, FIXTURES } from '../../helpers/fixtures.js';

const RULE = 'mcp-config-unexpanded-reference';
const DIR = path.join(FIXTURES, RULE);

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Which syntax each reference in a text is (the forms mcpClients.ts names). */
function syntaxesIn(text: string): ReferenceSyntax[] {
  return [...text.matchAll(/\$\{\{\s*(?:secrets|inputs)\.[\w-]+\s*\}\}|\$\{env:[A-Za-z_]\w*\}|\$\{input:[^}\s]+\}|\$\{[A-Za-z_]\w*(:-[^}]*)?\}|\$[A-Za-z_]\w*/g)].map((m) =>
    m[0].startsWith('${{') ? 'secrets-template' : m[0].startsWith('${env:') ? 'env-colon' : m[0].startsWith('${input:') ? 'input' : m[0].startsWith('${') ? (m[1] ? 'dollar-brace-default' : 'dollar-brace') : 'dollar');
}

describe('mcp-config-unexpanded-reference: fixtures per client', () => {
  for (const file of filesUnder(DIR)) {
    it(path.relative(DIR, file), () => {
      const findings = checkFixture(file, { rules: [RULE] });
      assert.ok(findings.length > 0, 'the fixture has positives');
      const client = mcpClientForFile(file)!;
      for (const f of findings) {
        assert.equal(f.severity, 'medium');
        assert.match(f.message, new RegExp(`^${client.label} does not expand`));
        // A client with a working syntax gets a rewrite to it; one without gets advice instead.
        assert.equal(f.fixes.length > 0 || /secret injector|env_vars|env_keys|Use a form it expands|only in env of a JSON file/.test(f.message), true, f.message);
      }
    });
  }
});

describe('every fix writes only syntax its client expands', () => {
  const fixtureDirs = ['mcp-config-literal-secret', RULE].map((d) => path.join(FIXTURES, d));
  const files = fixtureDirs.flatMap(filesUnder).filter((f) => /\.(json|toml|ya?ml)$/.test(f) && !f.includes('.fixed.') && mcpClientForFile(f));
  it('covers every client of both rules\' fixtures', () => {
    const clients = new Set(files.map((f) => mcpClientForFile(f)!.id));
    for (const id of ['vscode', 'cursor', 'claude-code', 'claude-desktop', 'windsurf', 'cline', 'zed', 'gemini-cli', 'copilot-cli', 'codex', 'continue', 'continue-json', 'goose']) assert.ok(clients.has(id as never), `a fixture for ${id}`);
  });
  for (const file of files) {
    it(path.relative(FIXTURES, file), () => {
      const client = mcpClientForFile(file)!;
      const text = fs.readFileSync(file, 'utf8');
      const before = new Set(syntaxesIn(text));
      for (const f of analyze({ path: file, text }).findings) {
        for (const fix of f.fixes) {
          const out = applyEdits(text, fix.edits);
          // What the fix added: references present after it that the file did not have before.
          const added = syntaxesIn(out).filter((s) => !before.has(s) || syntaxesIn(out).filter((x) => x === s).length > syntaxesIn(text).filter((x) => x === s).length);
          const field = fieldOfSymbol(f.symbolPath ?? '');
          for (const s of added) assert.ok(expandsAt(client, field).includes(s), `${client.label}: "${fix.title}" writes ${s} in ${field ?? 'the server'}, which it does not expand there`);
        }
      }
    });
  }
});

/** The server field a finding sits in, from its symbol path (`mcpServers.x.env.KEY`, `….args[1]`). */
function fieldOfSymbol(symbolPath: string): ServerField | undefined {
  if (/\.envs?\./.test(symbolPath)) return 'env';
  if (/\.args\[/.test(symbolPath)) return 'args';
  if (/\.(http_)?headers\./.test(symbolPath)) return 'headers';
  if (/\.(url|serverUrl|httpUrl|uri)$/.test(symbolPath)) return 'url';
  return undefined;
}

describe('Continue JSON files (.continue/mcpServers/*.json)', () => {
  const literal = path.join(FIXTURES, 'mcp-config-literal-secret', 'continue', '.continue', 'mcpServers', 'search.json');
  const reference = path.join(FIXTURES, RULE, 'continue', '.continue', 'mcpServers', 'linear.json');
  it('a literal in env becomes ${NAME}, which Continue turns into a secret; a literal in args gets no rewrite, only advice', () => {
    const findings = checkFixture(literal, { rules: ['mcp-config-literal-secret', 'hardcoded-credential'] });
    const env = findings.find((f) => f.symbolPath?.endsWith('env.GITHUB_PERSONAL_ACCESS_TOKEN'))!;
    const args = findings.find((f) => f.symbolPath?.includes('args'))!;
    assert.equal(applyEdits(fs.readFileSync(literal, 'utf8'), env.fixes[0].edits).includes('"${GITHUB_PERSONAL_ACCESS_TOKEN}"'), true);
    assert.match(env.fixes[0].title, /~\/\.continue\/\.env/);
    assert.deepEqual(args.fixes, [], 'Continue expands nothing in args of a JSON file');
    assert.match(args.message, /only in env of a JSON file/);
  });
  it('${env:NAME} in env is fixed to ${NAME}; a reference in args or headers is reported without a rewrite', () => {
    const findings = checkFixture(reference, { rules: [RULE] });
    assert.equal(findings.length, 3);
    const withFix = findings.filter((f) => f.fixes.length);
    assert.equal(withFix.length, 1);
    assert.match(withFix[0].fixes[0].title, /write \$\{LINEAR_TEAM\}/);
    for (const f of findings.filter((x) => !x.fixes.length)) assert.match(f.message, /Continue expands nothing in (args|header Authorization) here/);
  });
});

describe('Continue block files (YAML, a list of servers)', () => {
  const file = path.join(FIXTURES, 'mcp-config-literal-secret', 'continue', '.continue', 'mcpServers', 'github.yaml');
  it('a literal secret in a list-shaped server is found at its value and becomes ${{ secrets.NAME }}; the YAML stays valid', () => {
    const [f] = checkFixture(file, { rules: ['mcp-config-literal-secret', 'hardcoded-credential'] });
    assert.equal(f.symbolPath, 'mcpServers[0].env.GITHUB_PERSONAL_ACCESS_TOKEN');
    const text = fs.readFileSync(file, 'utf8');
    const out = applyEdits(text, f.fixes[0].edits);
    const doc = parseDocument(out);
    assert.deepEqual(doc.errors, []);
    assert.equal(doc.toJS().mcpServers[0].env.GITHUB_PERSONAL_ACCESS_TOKEN, '${{ secrets.GITHUB_PERSONAL_ACCESS_TOKEN }}');
    assert.deepEqual(analyze({ path: file, text: out }).findings, []);
  });
});
