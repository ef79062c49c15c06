import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { TestLspClient } from '../helpers/lspClient.js';
import { echoSamples } from '../helpers/secretSamples.js';

const ROOT = path.resolve(__dirname, '..', '..');
const SAMPLES = echoSamples();
const oneLine = SAMPLES.filter((s) => !s.secret.includes('\n'));

/** A workspace holding every sample secret in several file kinds. */
function buildWorkspace(): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-echo-'));
  const write = (rel: string, text: string) => { fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true }); fs.writeFileSync(path.join(ws, rel), text); };
  write('.gitignore', '.env\n');
  write('.env', 'EXISTING=1\n');
  write('src/secrets.ts', SAMPLES.map((s) => `export const ${s.holder.replace(/[^A-Za-z0-9_]/g, '_')} = ${JSON.stringify(s.secret)};`).join('\n') + '\n');
  write('src/logging.ts', oneLine.slice(0, 10).map((s, i) => `console.log("key ${i}", ${JSON.stringify(s.secret)});`).join('\n') + '\n');
  write('.vscode/mcp.json', JSON.stringify({ servers: { demo: { command: 'node', args: ['server.js'], env: Object.fromEntries(oneLine.map((s) => [s.holder, s.secret])) } } }, null, 2));
  write('.mcp.json', JSON.stringify({ mcpServers: { demo: { command: 'node', args: ['--api-key', oneLine[0].secret], env: Object.fromEntries(oneLine.map((s) => [s.holder, s.secret])) } } }, null, 2));
  write('compose.yaml', `services:\n  app:\n    image: app\n    environment:\n${oneLine.map((s) => `      ${s.holder}: "${s.secret}"`).join('\n')}\n`);
  write('Dockerfile', `FROM node:22\n${oneLine.map((s) => `ENV ${s.holder}=${s.secret}`).join('\n')}\n`);
  write('notes.txt', oneLine.map((s) => `${s.holder} = ${s.secret}`).join('\n') + '\n');
  return ws;
}

/** Fails naming the sample when an output holds a secret in full, or a long run of its hidden part. */
function assertNoSecret(output: string, where: string) {
  for (const s of SAMPLES) {
    assert.ok(!output.includes(s.secret), `${where} contains the full ${s.id} secret`);
    const hidden = s.secret.replace(/^-----BEGIN [A-Z ]+-----\n?/, '').slice(4, 20);
    if (hidden.length >= 12) assert.ok(!output.includes(hidden), `${where} contains the hidden part of the ${s.id} secret`);
  }
}

describe('never echo a secret', () => {
  let ws: string;
  before(() => { ws = buildWorkspace(); });

  it('the workspace really holds at least 30 distinct known-format secrets that are detected', () => {
    assert.ok(new Set(SAMPLES.map((s) => s.secret)).size >= 30);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'secretzero.js'), 'scan', 'src/secrets.ts', '--format', 'json'], { cwd: ws, encoding: 'utf8' });
    const findings = JSON.parse(r.stdout).findings;
    assert.ok(findings.length >= 30, `${findings.length} findings in src/secrets.ts`);
  });

  it('LSP: diagnostics (message and data), hover, code action titles, log messages and stderr', async () => {
    const client = new TestLspClient();
    const outputs: string[] = [];
    client.connection.onNotification('$/logTrace', (p: unknown) => outputs.push(JSON.stringify(p)));
    try {
      await client.initialize({ pull: true, rootPath: ws });
      await client.connection.sendNotification('$/setTrace', { value: 'verbose' });
      let diagnostics = 0;
      for (const rel of ['src/secrets.ts', 'src/logging.ts', '.vscode/mcp.json', '.mcp.json', 'compose.yaml', 'Dockerfile', 'notes.txt']) {
        const uri = client.open(path.join(ws, rel), fs.readFileSync(path.join(ws, rel), 'utf8'));
        const report = await client.pull(uri);
        diagnostics += report.items.length;
        outputs.push(JSON.stringify(report.items.map((d: any) => ({ message: d.message, data: d.data, code: d.code }))));
        for (const d of report.items) {
          const hover = await client.hover(uri, d.range.start);
          outputs.push(JSON.stringify(hover));
          const actions = await client.codeActions(uri, d.range, [d]);
          outputs.push(actions.map((a: any) => a.title).join('\n'));
        }
      }
      assert.ok(diagnostics >= 100, `${diagnostics} diagnostics seen`);
    } finally {
      await client.shutdown();
    }
    outputs.push(client.logs.join('\n'), client.stderr);
    assertNoSecret(outputs.join('\n'), 'LSP output');
  });

  for (const format of ['text', 'json', 'sarif']) {
    it(`CLI --format ${format} (stdout and stderr)`, () => {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'secretzero.js'), 'scan', '.', '--format', format], { cwd: ws, encoding: 'utf8' });
      assert.equal(r.status, 1);
      assert.ok(r.stdout.length > 1000);
      assertNoSecret(r.stdout + r.stderr, `CLI ${format}`);
    });
  }

  it('the baseline file holds fingerprints only', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'secretzero.js'), 'scan', '.', '--write-baseline', 'baseline.json'], { cwd: ws, encoding: 'utf8' });
    assert.equal(r.status, 0);
    assertNoSecret(fs.readFileSync(path.join(ws, 'baseline.json'), 'utf8'), 'baseline');
  });
});

describe('symbol paths never carry a secret', () => {
  it('a secret used as a call label is left out of the symbol path', async () => {
    const { analyze } = await import('../../server/src/core/analyze.js');
    const secret = SAMPLES.find((s) => s.id === 'github-token')!.secret;
    const text = `register("${secret}", () => { const apiKey = "${SAMPLES.find((s) => s.id === 'openai-api-key')!.secret}"; });\nserver.tool("forecast", async () => { const token = "${secret}"; });\n`;
    const { findings } = analyze({ path: '/ws/a.ts', text });
    const paths = findings.map((f) => f.symbolPath ?? '');
    assert.ok(paths.includes('register > apiKey'), paths.join(' | '));
    assert.ok(paths.includes('tool(forecast) > token'), paths.join(' | '));
    assertNoSecret(paths.join('\n'), 'symbol paths');
  });
});
