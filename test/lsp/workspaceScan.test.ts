import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { TestLspClient } from '../helpers/lspClient.js';

const SECRET = 'sk-proj-Qm9vX3tZ8rL2wN5pK7jHT3BlbkFJ4gF6dS1aY0uE9iO3bV8cT2xR';
const LEAK = `export const apiKey = "${SECRET}";\n`;

function write(root: string, rel: string, text: string): string {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
}

const uriOf = (p: string) => pathToFileURL(p).toString();
const codes = (client: TestLspClient, p: string) => client.published.get(uriOf(p))?.diagnostics.map((d: any) => d.code);

describe('secretzero/scanWorkspace', () => {
  let client: TestLspClient;
  let root: string;
  const progress: any[] = [];
  const files: Record<string, string> = {};

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-scan-'));
    files.config = write(root, 'src/config.ts', LEAK);
    files.clean = write(root, 'src/clean.ts', 'export const region = process.env.AWS_REGION;\n');
    files.open = write(root, 'src/open.ts', LEAK);
    files.mcp = write(root, '.vscode/mcp.json', `{ "servers": { "w": { "type": "stdio", "command": "node", "env": { "OPENAI_API_KEY": "${SECRET}" } } } }\n`);
    files.ignored = write(root, 'generated/leak.ts', LEAK);
    files.deps = write(root, 'node_modules/pkg/index.js', LEAK);
    files.lock = write(root, 'package-lock.json', `{ "token": "${SECRET}" }\n`);
    write(root, '.gitignore', 'generated/\n');
    client = new TestLspClient();
    client.connection.onNotification('$/progress', (p: any) => progress.push(p));
    await client.initialize({ pull: true, rootPath: root });
  });
  after(() => client.shutdown());

  it('publishes diagnostics for unopened files with the CLI walk rules, and reports progress', async () => {
    const openUri = client.open(files.open, LEAK, 'typescript');
    const result: any = await client.connection.sendRequest('secretzero/scanWorkspace', { workDoneToken: 'scan-1' });
    assert.equal(result.cancelled, false);
    assert.ok(result.files >= 4, `files walked: ${result.files}`);
    assert.equal(result.filesWithFindings, 3, `config.ts, mcp.json and the open document: ${JSON.stringify(result)}`);
    await client.waitFor(() => client.published.has(uriOf(files.mcp)), 5000, 'mcp.json published');
    assert.deepEqual(codes(client, files.config), ['hardcoded-credential']);
    assert.ok(codes(client, files.mcp)!.length >= 1);
    const d = client.published.get(uriOf(files.config))!.diagnostics[0];
    assert.equal(d.source, 'secretzero');
    assert.ok(!d.message.includes(SECRET));
    for (const skipped of [files.ignored, files.deps, files.lock, files.clean]) {
      assert.equal(client.published.has(uriOf(skipped)), false, `${path.relative(root, skipped)} not published`);
    }
    assert.equal(client.published.has(openUri), false, 'an open document keeps its pulled diagnostics only');
    const kinds = progress.filter((p) => p.token === 'scan-1').map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
  });

  it('withdraws a file\'s scan diagnostics when it opens and restores them when it closes', async () => {
    const uri = client.open(files.config, LEAK, 'typescript');
    await client.waitFor(() => client.published.get(uri)?.diagnostics.length === 0, 5000, 'withdrawn on open');
    client.close(uri);
    await client.waitFor(() => client.published.get(uri)?.diagnostics.length === 1, 5000, 'restored on close');
  });

  it('re-runs after a settings change, so a rule turned off disappears everywhere', async () => {
    await client.changeConfiguration({ rules: { 'hardcoded-credential': 'off' } });
    await client.waitFor(() => client.published.get(uriOf(files.config))?.diagnostics.length === 0, 5000, 'rescan withdrew the finding');
    await client.changeConfiguration({});
    await client.waitFor(() => client.published.get(uriOf(files.config))?.diagnostics.length === 1, 5000, 'rescan restored the finding');
  });

  it('stops when the request is cancelled', async () => {
    for (let i = 0; i < 400; i++) write(root, `bulk/f${i}.ts`, i % 2 ? LEAK : 'export {};\n');
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest('secretzero/scanWorkspace', {}, source.token);
    source.cancel();
    const outcome: any = await pending.then((r) => r, (e) => ({ error: e }));
    assert.ok(outcome.error || outcome.cancelled === true, `cancelled: ${JSON.stringify(outcome)}`);
    // The server is still responsive and a full scan afterwards sees everything.
    const full: any = await client.connection.sendRequest('secretzero/scanWorkspace', {});
    assert.equal(full.cancelled, false);
    assert.equal(full.filesWithFindings, 3 + 200);
  });

  it('a workspace folder that an enclosing .gitignore excludes is scanned; an empty one is explained', async () => {
    const outer = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-scan-outer-'));
    fs.mkdirSync(path.join(outer, '.git'));
    write(outer, '.gitignore', 'vendor/\nempty/\n');
    const folder = path.join(outer, 'vendor', 'checkout');
    const leak = write(folder, 'src/leak.ts', LEAK);
    write(folder, '.gitignore', 'generated/\n');
    const hidden = write(folder, 'generated/leak.ts', LEAK);
    const other = new TestLspClient();
    try {
      await other.initialize({ pull: true, rootPath: folder });
      const result: any = await other.connection.sendRequest('secretzero/scanWorkspace', {});
      assert.equal(result.filesWithFindings, 1, JSON.stringify(result));
      assert.equal(result.note, undefined);
      await other.waitFor(() => other.published.has(uriOf(leak)), 5000, 'the ignored folder\'s file is published');
      assert.equal(other.published.has(uriOf(hidden)), false, 'the folder\'s own .gitignore still applies');
    } finally {
      await other.shutdown();
    }
    const emptyFolder = path.join(outer, 'empty');
    write(emptyFolder, 'node_modules/x/index.js', LEAK);
    const third = new TestLspClient();
    try {
      await third.initialize({ pull: true, rootPath: emptyFolder });
      const result: any = await third.connection.sendRequest('secretzero/scanWorkspace', {});
      assert.equal(result.files, 0);
      assert.match(result.note, /^no file was scanned: dependency, VCS and build folders passed over \(node_modules\)/);
    } finally {
      await third.shutdown();
    }
  });
});
