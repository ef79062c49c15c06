import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TestLspClient } from '../helpers/lspClient.js';

const ROOT = path.resolve(__dirname, '..', '..');
const GUARD = path.join(ROOT, 'test', 'helpers', 'netGuard.cjs');

function guardEnv(): { env: NodeJS.ProcessEnv; log: string } {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sz-net-')), 'violations.log');
  fs.writeFileSync(log, '');
  return { log, env: { ...process.env, NODE_OPTIONS: `--require ${GUARD}`, SZ_NET_GUARD_LOG: log } };
}

function copyTree(src: string, dest: string) { fs.cpSync(src, dest, { recursive: true }); }

describe('no network: the server and the CLI never open a socket or resolve a name', () => {
  it('the guard itself catches DNS, sockets and fetch (so a silent pass means something)', () => {
    const { env, log } = guardEnv();
    for (const code of ["require('dns').lookup('example.org', () => {})", "require('net').connect(80, '127.0.0.1')", "fetch('http://127.0.0.1:9/')"]) {
      spawnSync(process.execPath, ['-e', code], { env, encoding: 'utf8' });
    }
    const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
    assert.equal(lines.length, 3, lines.join('\n'));
  });

  it('CLI: text, json and sarif scans of the examples and every fixture', () => {
    const { env, log } = guardEnv();
    for (const format of ['text', 'json', 'sarif']) {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'secretzero.js'), 'scan', 'examples', 'test/fixtures', '--format', format], { cwd: ROOT, env, encoding: 'utf8' });
      assert.ok(r.status === 0 || r.status === 1, `scan ran (${format}): ${r.stderr.slice(0, 500)}`);
    }
    assert.equal(fs.readFileSync(log, 'utf8'), '', 'no network access');
  });

  it('language server: a full session over stdio (open files of every kind, pull, code actions, hover)', async () => {
    const { env, log } = guardEnv();
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-net-ws-'));
    copyTree(path.join(ROOT, 'examples', 'weather-mcp'), ws);
    const client = new TestLspClient(['--stdio'], env);
    try {
      await client.initialize({ pull: true, rootPath: ws });
      const files: string[] = [];
      const walkDir = (d: string) => { for (const n of fs.readdirSync(d)) { const p = path.join(d, n); fs.statSync(p).isDirectory() ? walkDir(p) : files.push(p); } };
      walkDir(ws);
      for (const file of files) {
        const uri = client.open(file, fs.readFileSync(file, 'utf8'));
        const report = await client.pull(uri);
        for (const d of report.items) {
          await client.codeActions(uri, d.range, [d]);
          await client.hover(uri, d.range.start);
        }
      }
    } finally {
      await client.shutdown();
    }
    assert.equal(fs.readFileSync(log, 'utf8'), '', 'no network access');
  });
});
