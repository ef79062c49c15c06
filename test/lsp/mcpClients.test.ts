import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseTOML } from 'toml-eslint-parser';
import { parseDocument } from 'yaml';
import { applyEdits } from '../../server/src/core/text/applyEdits.js';
import { editsFor, TestLspClient } from '../helpers/lspClient.js';
import { FIXTURES } from '../helpers/fixtures.js';

/**
 * MCP client configs of every format over stdio: Codex's config.toml (a TOML document, whatever
 * language id the editor sends) and a Claude Desktop file, whose fixes never write a reference
 * the client does not expand.
 */
describe('language server: MCP client configs beyond JSON', () => {
  let client: TestLspClient;
  let root: string;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-lsp-mcp-'));
    client = new TestLspClient();
    await client.initialize({ pull: true, rootPath: root });
  });
  after(() => client.shutdown());

  it('Codex config.toml: the env literal is found at its value, and its code action forwards it with env_vars', async () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'mcp-config-literal-secret', 'codex', '.codex', 'config.toml'), 'utf8');
    const file = path.join(root, '.codex', 'config.toml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    const uri = client.open(file, text, 'toml');
    const items = (await client.pull(uri)).items;
    assert.deepEqual(items.map((d: any) => d.code).sort(), ['mcp-config-literal-secret', 'mcp-config-literal-secret', 'mcp-config-literal-secret']);
    const d = items.find((x: any) => x.range.start.line === 7);
    assert.ok(d, 'the GitHub token in env');
    assert.match(d.message, /Codex does not expand/);
    const actions = await client.codeActions(uri, d.range, [d]);
    const fix = actions.find((a: any) => /forward GITHUB_PERSONAL_ACCESS_TOKEN with env_vars/.test(a.title));
    assert.ok(fix, `fix offered: ${actions.map((a: any) => a.title).join(' | ')}`);
    const fixed = applyEdits(text, editsFor(fix.edit, uri));
    assert.doesNotThrow(() => parseTOML(fixed));
    assert.match(fixed, /env_vars = \["GITHUB_PERSONAL_ACCESS_TOKEN"\]/);
    client.change(uri, [{ text: fixed }]);
    const afterFix = (await client.pull(uri)).items;
    assert.equal(afterFix.length, 2, 'the fixed finding is gone, the others stay');
  });

  it('Goose config.yaml: the envs literal is found, and its code action lists the name in env_keys', async () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'mcp-config-literal-secret', 'goose', '.config', 'goose', 'config.yaml'), 'utf8');
    const file = path.join(root, '.config', 'goose', 'config.yaml');
    const uri = client.open(file, text, 'yaml');
    const items = (await client.pull(uri)).items;
    assert.deepEqual(items.map((d: any) => [d.code, d.range.start.line]), [['mcp-config-literal-secret', 13], ['mcp-config-literal-secret', 22]]);
    assert.match(items[0].message, /Goose does not expand/);
    const actions = await client.codeActions(uri, items[0].range, [items[0]]);
    const fix = actions.find((a: any) => /list GITHUB_PERSONAL_ACCESS_TOKEN in env_keys/.test(a.title));
    assert.ok(fix, `fix offered: ${actions.map((a: any) => a.title).join(' | ')}`);
    const fixed = applyEdits(text, editsFor(fix.edit, uri));
    const doc = parseDocument(fixed);
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(doc.toJS().extensions.github.env_keys, ['GITHUB_PERSONAL_ACCESS_TOKEN']);
    client.change(uri, [{ text: fixed }]);
    assert.equal((await client.pull(uri)).items.length, 1, 'the fixed finding is gone, the other stays');
  });

  it('Claude Desktop: a literal gets advice and no ${…} rewrite; a ${NAME} is reported as unexpanded', async () => {
    const file = path.join(root, 'claude_desktop_config.json');
    const text = JSON.stringify({ mcpServers: { gh: { command: 'npx', env: { GITHUB_TOKEN: '${GITHUB_TOKEN}' } } } }, null, 2);
    const uri = client.open(file, text, 'json');
    const [d] = (await client.pull(uri)).items;
    assert.equal(d.code, 'mcp-config-unexpanded-reference');
    assert.match(d.message, /Claude Desktop does not expand \$\{GITHUB_TOKEN\}/);
    const actions = await client.codeActions(uri, d.range, [d]);
    assert.ok(!actions.some((a: any) => /write \$\{/.test(a.title)), 'no rewrite to a syntax Claude Desktop ignores');
  });
});
