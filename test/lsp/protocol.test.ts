import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { applyEdits } from '../../server/src/core/text/applyEdits.js';
import { editsFor, TestLspClient } from '../helpers/lspClient.js';

const SECRET = 'sk-proj-Qm9vX3tZ8rL2wN5pK7jHT3BlbkFJ4gF6dS1aY0uE9iO3bV8cT2xR';
const SOURCE = `import OpenAI from "openai";\n\nconst apiKey = "${SECRET}";\nexport const client = new OpenAI({ apiKey });\n`;

function tmpWorkspace(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sz-lsp-'));
}

describe('language server over stdio: pull client', () => {
  let client: TestLspClient;
  let root: string;
  before(async () => {
    root = tmpWorkspace();
    client = new TestLspClient();
    const init = await client.initialize({ pull: true, rootPath: root });
    assert.ok(init.capabilities.diagnosticProvider, 'pull diagnostics are advertised to a pull client');
    assert.equal(init.capabilities.textDocumentSync.change, 2, 'incremental sync');
  });
  after(() => client.shutdown());

  it('pulls diagnostics with rule code, source and documentation link, message masked', async () => {
    const uri = client.open(path.join(root, 'src', 'index.ts'), SOURCE, 'typescript');
    const report = await client.pull(uri);
    assert.equal(report.kind, 'full');
    const d = report.items.find((x: any) => x.code === 'hardcoded-credential');
    assert.ok(d, 'hardcoded-credential reported');
    assert.equal(d.source, 'secretzero');
    assert.equal(d.severity, 1);
    assert.match(d.codeDescription.href, /^file:.*rules\/hardcoded-credential\.md$/);
    assert.ok(fs.existsSync(new URL(d.codeDescription.href)), 'the linked doc exists');
    assert.deepEqual(d.range, { start: { line: 2, character: 16 }, end: { line: 2, character: 16 + SECRET.length } });
    assert.ok(!d.message.includes(SECRET) && !JSON.stringify(d.data).includes(SECRET), 'no secret in message or data');
    assert.equal(client.published.size, 0, 'nothing is pushed to a pull client');
  });

  it('didChange (incremental) updates the diagnostics', async () => {
    const uri = client.open(path.join(root, 'src', 'change.ts'), 'const name = "x";\n', 'typescript');
    assert.equal((await client.pull(uri)).items.length, 0);
    client.change(uri, [{ range: { start: { line: 0, character: 13 }, end: { line: 0, character: 16 } }, text: `"${SECRET}"` }]);
    client.change(uri, [{ range: { start: { line: 0, character: 6 }, end: { line: 0, character: 10 } }, text: 'apiKey' }]);
    const items = (await client.pull(uri)).items;
    assert.deepEqual(items.map((d: any) => [d.code, d.range.start.line, d.range.start.character]), [['hardcoded-credential', 0, 16]]);
  });

  it('code action returns the fix; applying it and re-pulling removes the diagnostic', async () => {
    const file = path.join(root, 'src', 'fix.ts');
    const uri = client.open(file, SOURCE, 'typescript');
    const [d] = (await client.pull(uri)).items.filter((x: any) => x.code === 'hardcoded-credential');
    const actions = await client.codeActions(uri, d.range, [d]);
    const fix = actions.find((a: any) => a.title === 'secretzero (hardcoded-credential): replace with process.env.API_KEY');
    assert.ok(fix, `fix offered: ${actions.map((a: any) => a.title).join(' | ')}`);
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.ok(actions.some((a: any) => a.title === 'secretzero: Suppress hardcoded-credential on this line'));
    const fixed = applyEdits(SOURCE, editsFor(fix.edit, uri));
    assert.ok(fixed.includes('const apiKey = process.env.API_KEY;'));
    client.change(uri, [{ text: fixed }]);
    const after = (await client.pull(uri)).items;
    assert.ok(!after.some((x: any) => x.code === 'hardcoded-credential'), 'diagnostic gone after the fix');
  });

  it('hover over a finding explains the rule and lists the fixes', async () => {
    const uri = client.open(path.join(root, 'src', 'hover.ts'), SOURCE, 'typescript');
    await client.pull(uri);
    const hover = await client.hover(uri, { line: 2, character: 20 });
    assert.match(hover.contents.value, /Hard-coded credential/);
    assert.match(hover.contents.value, /replace with process\.env\.API_KEY/);
    assert.ok(!hover.contents.value.includes(SECRET));
    assert.equal(await client.hover(uri, { line: 0, character: 1 }), null);
  });

  it('turning a rule off in settings removes its diagnostics without a restart', async () => {
    const uri = client.open(path.join(root, 'src', 'settings.ts'), SOURCE, 'typescript');
    assert.ok((await client.pull(uri)).items.length > 0);
    const refreshes = client.refreshes;
    await client.changeConfiguration({ rules: { 'hardcoded-credential': 'off' } });
    await client.waitFor(() => client.refreshes > refreshes, 5000, 'workspace/diagnostic/refresh');
    assert.deepEqual((await client.pull(uri)).items, []);
    await client.changeConfiguration({ rules: { 'hardcoded-credential': 'medium' } });
    const items = (await client.pull(uri)).items;
    assert.equal(items[0].severity, 2, 'severity override applies (medium → Warning)');
    await client.changeConfiguration({});
  });

  it('a document that fails to parse still gets the findings that can be found', async () => {
    const uri = client.open(path.join(root, 'src', 'broken.ts'), `const = = {{ "${SECRET}" ((\n`, 'typescript');
    const items = (await client.pull(uri)).items;
    assert.ok(items.some((d: any) => d.code === 'hardcoded-credential'));
    const next = client.open(path.join(root, 'src', 'after.ts'), SOURCE, 'typescript');
    assert.ok((await client.pull(next)).items.length > 0, 'the server still answers');
  });
});

describe('language server over stdio: push-only client', () => {
  let client: TestLspClient;
  let root: string;
  before(async () => {
    root = tmpWorkspace();
    client = new TestLspClient();
    const init = await client.initialize({ pull: false, configuration: false, rootPath: root });
    assert.equal(init.capabilities.diagnosticProvider, undefined, 'pull is not advertised to a push-only client');
    await client.changeConfiguration({ debounceMs: 0 });
  });
  after(() => client.shutdown());

  it('publishes diagnostics on open and on change, with the document version', async () => {
    const uri = client.open(path.join(root, 'index.js'), 'const token = "nothing";\n', 'javascript');
    await client.waitFor(() => client.published.get(uri), 5000, 'first publish');
    assert.deepEqual(client.published.get(uri)!.diagnostics, []);
    const version = client.change(uri, [{ text: `const token = "${SECRET}";\n` }]);
    const p = await client.waitFor(() => { const x = client.published.get(uri); return x && x.version === version && x; }, 5000, 'publish after change');
    assert.deepEqual(p.diagnostics.map((d: any) => d.code), ['hardcoded-credential']);
  });

  it('a settings change (didChangeConfiguration) re-publishes without the rule', async () => {
    const uri = client.open(path.join(root, 'cfg.js'), `const token = "${SECRET}";\n`, 'javascript');
    await client.waitFor(() => client.published.get(uri)?.diagnostics.length, 5000, 'diagnostic');
    await client.changeConfiguration({ debounceMs: 0, rules: { 'hardcoded-credential': 'off' } });
    await client.waitFor(() => client.published.get(uri)?.diagnostics.length === 0, 5000, 'empty publish');
    await client.changeConfiguration({ debounceMs: 0 });
  });

  it('clears diagnostics when the document closes', async () => {
    const uri = client.open(path.join(root, 'close.js'), `const token = "${SECRET}";\n`, 'javascript');
    await client.waitFor(() => client.published.get(uri)?.diagnostics.length, 5000, 'diagnostic');
    client.close(uri);
    await client.waitFor(() => client.published.get(uri)?.diagnostics.length === 0, 5000, 'cleared');
  });
});
