import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'secretzero.js');
const SECRET = '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';

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-cli-'));
  for (const [p, t] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), t);
  }
  return dir;
}

describe('secretzero scan (CLI)', () => {
  it('text: path:line:col severity rule-id message, sorted, exit 1 on findings', () => {
    const dir = workspace({
      'b.ts': `const token = "${SECRET}";\n`,
      'a.ts': `export const x = 1;\nconst githubToken = "${SECRET}";\n`,
    });
    const r = run(['scan', '.'], dir);
    assert.equal(r.code, 1);
    const lines = r.out.trim().split('\n');
    assert.deepEqual(lines.map((l) => l.split(' ').slice(0, 3).join(' ')), [
      'a.ts:2:22 critical hardcoded-credential',
      'b.ts:1:16 critical hardcoded-credential',
    ]);
    assert.ok(!r.out.includes(SECRET) && !r.err.includes(SECRET), 'no secret in output');
    assert.match(r.err, /2 findings \(2 critical\) in 2 files/);
  });

  it('honours .gitignore and skips node_modules, lock files, minified and binary files', () => {
    const dir = workspace({
      '.gitignore': 'generated/\n*.local.ts\n',
      'generated/x.ts': `const token = "${SECRET}";\n`,
      'a.local.ts': `const token = "${SECRET}";\n`,
      'node_modules/pkg/index.js': `const token = "${SECRET}";\n`,
      'package-lock.json': `{"token": "${SECRET}"}\n`,
      'app.min.js': `var token="${SECRET}";\n`,
      'logo.png': `\u0000PNG${SECRET}`,
      'ok.ts': 'export const fine = true;\n',
    });
    const r = run(['scan', '.', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    assert.deepEqual(json.findings, []);
    assert.deepEqual(json.skipped.map((s: any) => `${s.path}: ${s.reason}`).sort(), ['app.min.js: minified file', 'logo.png: binary file', 'package-lock.json: lock file']);
  });

  it('a folder an enclosing .gitignore excludes is scanned when named; its own ignore files still apply', () => {
    const dir = workspace({
      '.gitignore': 'vendor/\n',
      'vendor/checkout/.gitignore': 'generated/\n',
      'vendor/checkout/src/a.ts': `const token = "${SECRET}";\n`,
      'vendor/checkout/generated/b.ts': `const token = "${SECRET}";\n`,
    });
    fs.mkdirSync(path.join(dir, '.git'));
    const named = run(['scan', 'vendor/checkout', '--format', 'json'], dir);
    assert.equal(named.code, 1, named.err);
    assert.deepEqual(JSON.parse(named.out).findings.map((f: any) => f.path), ['vendor/checkout/src/a.ts']);
    assert.match(named.err, /vendor\/checkout is excluded by an enclosing \.gitignore; scanning it anyway/);
    const whole = run(['scan', '.', '--format', 'json'], dir);
    assert.equal(whole.code, 0, 'scanning the repository still honours its .gitignore');
    assert.deepEqual(JSON.parse(whole.out).findings, []);
  });

  it('a scan that reads no file says why in text, JSON and SARIF, and exits 2 unless --allow-empty', () => {
    const dir = workspace({ '.gitignore': '*.ts\n', 'src/a.ts': `const token = "${SECRET}";\n`, 'src/yarn.lock': 'x\n', 'src/node_modules/x/i.js': 'x\n' });
    fs.mkdirSync(path.join(dir, '.git'));
    const text = run(['scan', 'src'], dir);
    assert.equal(text.code, 2);
    assert.match(text.err, /warning: no file was scanned: 1 path excluded by \.gitignore; dependency, VCS and build folders passed over \(node_modules\); 1 skipped: lock file \(exit 2; pass --allow-empty/);
    const json = run(['scan', 'src', '--format', 'json', '--allow-empty'], dir);
    assert.equal(json.code, 0);
    assert.match(JSON.parse(json.out).notice, /^no file was scanned: 1 path excluded by \.gitignore/);
    const sarif = JSON.parse(run(['scan', 'src', '--format', 'sarif'], dir).out);
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications;
    assert.equal(notes[0].level, 'warning');
    assert.equal(notes[0].descriptor.id, 'no-file-scanned');
    assert.match(notes[0].message.text, /^no file was scanned/);
    // Named files that are all skipped (a pre-commit run on an image) explain themselves but pass.
    fs.writeFileSync(path.join(dir, 'src/logo.png'), '\u0000PNG\u0000');
    const files = run(['scan', 'src/logo.png'], dir);
    assert.equal(files.code, 0);
    assert.match(files.err, /no file was scanned: 1 skipped: file looks binary/);
    // A scan that reads files carries no notice.
    const ok = JSON.parse(run(['scan', '.gitignore', '--format', 'json'], dir).out);
    assert.equal(ok.notice, undefined);
  });

  it('--fail-on sets the threshold; usage errors and unreadable paths exit 2 with a clear message', () => {
    const dir = workspace({ 'a.ts': `const token = "${SECRET}";\n` });
    assert.equal(run(['scan', '.', '--fail-on', 'critical'], dir).code, 1);
    const low = workspace({ 'a.ts': `const stripeKey = "sk_test_${'4eC39HqLyjWDarjtT1zdp7dc'}";\n` });
    assert.equal(run(['scan', '.'], low).code, 0, 'a low finding does not fail at the default (high) threshold');
    assert.equal(run(['scan', '.', '--fail-on', 'low'], low).code, 1);
    const missing = run(['scan', 'nope'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read "nope"/);
    const bad = run(['scan', '.', '--format', 'xml'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--format must be text, json or sarif/);
    assert.equal(run(['lint'], dir).code, 2);
  });

  it('SARIF 2.1.0 on examples/: rule metadata, expected rule ids and locations, fingerprints', () => {
    const r = run(['scan', 'examples', '--format', 'sarif', '--fail-on', 'low']);
    assert.equal(r.code, 1, r.err);
    const sarif = JSON.parse(r.out);
    assert.equal(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    assert.equal(run0.tool.driver.name, 'secretzero');
    const ruleIds = run0.tool.driver.rules.map((x: any) => x.id);
    for (const id of ['hardcoded-credential', 'connection-string-password', 'mcp-config-literal-secret', 'dotenv-not-ignored']) assert.ok(ruleIds.includes(id));
    for (const res of run0.results) {
      assert.equal(run0.tool.driver.rules[res.ruleIndex].id, res.ruleId);
      assert.match(res.partialFingerprints['secretzero/v1'], /^[0-9a-f]{24}$/);
      const loc = res.locations[0].physicalLocation;
      assert.ok(fs.existsSync(path.join(ROOT, loc.artifactLocation.uri)), loc.artifactLocation.uri);
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
    }
    const found = new Set(run0.results.map((x: any) => `${x.ruleId} ${x.locations[0].physicalLocation.artifactLocation.uri}`));
    for (const expected of [
      'hardcoded-credential examples/weather-mcp/src/config.ts',
      'connection-string-password examples/weather-mcp/src/db.ts',
      'mcp-config-literal-secret examples/weather-mcp/.vscode/mcp.json',
      'mcp-config-literal-secret examples/weather-mcp/claude_desktop_config.json',
      'dotenv-not-ignored examples/weather-mcp/.env',
    ]) assert.ok(found.has(expected), `expected ${expected} in ${[...found].join('\n')}`);
    const firing = new Set(run0.results.map((x: any) => x.ruleId));
    assert.deepEqual(ruleIds.filter((id: string) => !firing.has(id)), [], 'the example workspace shows every rule of the catalog');
  });

  it('text output on examples/ names files and lines', () => {
    const r = run(['scan', 'examples']);
    assert.equal(r.code, 1);
    assert.match(r.out, /^examples\/weather-mcp\/src\/config\.ts:\d+:\d+ critical hardcoded-credential /m);
  });

  it('analyses .py and .pyi files with the Python analyzer, and passes over virtualenvs and Python caches', () => {
    const dir = workspace({
      'server.py': `import os\nGITHUB_TOKEN = "${SECRET}"\nclient = Client(api_key="xq7Hk2LmN9pR4sT6vW8yZ1aB3cD5eF7g")\nmax_tokens = 4096\n`,
      'typings/client.pyi': `DEFAULT_TOKEN: str = "${SECRET}"\ndef connect(api_key: str = "xq7Hk2LmN9pR4sT6vW8yZ1aB3cD5eF7g") -> None: ...\n`,
      '.venv/lib/python3.12/site-packages/pkg/a.py': `TOKEN = "${SECRET}"\n`,
      'env/lib/python3.12/site-packages/pkg/b.py': `TOKEN = "${SECRET}"\n`,
      '.tox/py312/c.py': `TOKEN = "${SECRET}"\n`,
    });
    const r = run(['scan', dir, '--format', 'json']);
    assert.equal(r.code, 1, r.err);
    const found = JSON.parse(r.out).findings.map((f: { path: string; line: number; ruleId: string }) => `${path.relative(dir, f.path)}:${f.line}:${f.ruleId}`).sort();
    // The stub's generated-looking default is a signature, not a value; its known-format token is still a leak.
    assert.deepEqual(found, ['server.py:2:hardcoded-credential', 'server.py:3:hardcoded-credential', 'typings/client.pyi:1:hardcoded-credential']);
  });
});
