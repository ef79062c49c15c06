import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { TestLspClient } from '../helpers/lspClient.js';
import { assertUploadableSarif } from '../helpers/sarifUpload.js';
import { githubToken, openAiKey } from '../helpers/random.js';
import { cleanNpmEnv, describeRun, run } from '../helpers/shell.js';

/**
 * How people install secretzero outside this checkout: the npm tarball (`npm pack`, installed
 * globally into an empty prefix without devDependencies) and the composite GitHub Action
 * (action.yml, run step by step the way the runner runs it, on a copy of the repository's files).
 */

const ROOT = path.resolve(__dirname, '..', '..');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const SECRET = githubToken(4242);
const OPENAI = openAiKey(4343);

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A small project with two credential mistakes: a literal key in code and one in an MCP config. */
function leakyWorkspace(): string {
  const ws = tmp('sz-dist-ws-');
  fs.mkdirSync(path.join(ws, 'src'));
  fs.writeFileSync(path.join(ws, 'src', 'config.ts'), `export const githubToken = "${SECRET}";\n`);
  fs.writeFileSync(path.join(ws, '.mcp.json'), JSON.stringify({ mcpServers: { ai: { command: 'npx', args: ['ai-mcp'], env: { OPENAI_API_KEY: OPENAI } } } }, null, 2));
  return ws;
}

function assertNoSecret(text: string, where: string) {
  assert.ok(!text.includes(SECRET) && !text.includes(OPENAI), `${where} never prints a secret`);
}

describe('npm pack: the tarball installs globally without devDependencies and both bins work', () => {
  let prefix: string;
  let files: string[];

  before(() => {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))) {
      const b = run(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
      assert.equal(b.code, 0, describeRun('build', b));
    }
    const out = tmp('sz-pack-');
    const packed = run('npm', ['pack', '--json', '--pack-destination', out], { cwd: ROOT, env: cleanNpmEnv() });
    assert.equal(packed.code, 0, describeRun('npm pack', packed));
    const info = JSON.parse(packed.out)[0];
    files = info.files.map((f: { path: string }) => f.path).sort();
    prefix = tmp('sz-prefix-');
    const installed = run('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', path.join(out, info.filename)], { cwd: out, env: cleanNpmEnv() });
    assert.equal(installed.code, 0, describeRun('npm install -g <tarball>', installed));
  });

  it('packs only what runs: the bins, the bundles, rule docs and grammars', () => {
    for (const f of ['bin/secretzero.js', 'bin/secretzero-language-server.js', 'dist/cli.js', 'dist/scan-core.js', 'dist/scan-worker.js', 'dist/walk-worker.js', 'dist/server.js', 'dist/code-cache.js', 'package.json', 'README.md', 'LICENSE']) {
      assert.ok(files.includes(f), `${f} is in the tarball`);
    }
    assert.ok(files.some((f) => /^rules\/.+\.md$/.test(f)), 'rule docs');
    for (const bad of [/^server\//, /^client\//, /^test\//, /^scripts\//, /\.map$/, /^examples\//, /^dist\/client\.js$/]) {
      assert.deepEqual(files.filter((f) => bad.test(f)), [], `nothing matching ${bad}`);
    }
  });

  it('installs no devDependency', () => {
    const modules = path.join(prefix, 'lib', 'node_modules', PKG.name, 'node_modules');
    const present = fs.existsSync(modules) ? fs.readdirSync(modules).flatMap((n) => (n.startsWith('@') ? fs.readdirSync(path.join(modules, n)).map((m) => `${n}/${m}`) : [n])) : [];
    // Dev-only packages are those the lock file marks `dev` (vscode-jsonrpc, say, is a devDependency
    // for the tests but also a dependency of vscode-languageserver, so it rightly installs).
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')).packages;
    assert.ok(present.length > 0, 'the runtime dependencies are installed');
    assert.deepEqual(present.filter((n) => lock[`node_modules/${n}`]?.dev === true), []);
    for (const n of ['secretlint', 'playwright-core', '@vscode/vsce', 'tsx']) assert.ok(!present.includes(n), `${n} is not installed`);
  });

  it('secretzero: --version, and a scan that finds both mistakes and exits 1', () => {
    const bin = path.join(prefix, 'bin', 'secretzero');
    const version = run(bin, ['--version']);
    assert.equal(version.out.trim(), PKG.version, describeRun('secretzero --version', version));
    const ws = leakyWorkspace();
    const scan = run(bin, ['scan', '.', '--format', 'json'], { cwd: ws });
    assert.equal(scan.code, 1, describeRun('secretzero scan', scan));
    const rules = JSON.parse(scan.out).findings.map((f: { path: string; ruleId: string }) => `${f.path} ${f.ruleId}`).sort();
    assert.deepEqual(rules, ['.mcp.json mcp-config-literal-secret', 'src/config.ts hardcoded-credential']);
    assertNoSecret(scan.out + scan.err, 'the installed CLI');
  });

  it('secretzero-language-server --stdio: initialize, then a pulled diagnostic', async () => {
    const ws = leakyWorkspace();
    const client = new TestLspClient(['--stdio'], process.env, path.join(prefix, 'bin', 'secretzero-language-server'));
    try {
      await client.initialize({ pull: true, rootPath: ws });
      const file = path.join(ws, 'src', 'config.ts');
      const uri = client.open(file, fs.readFileSync(file, 'utf8'), 'typescript');
      const report = await client.pull(uri);
      assert.deepEqual(report.items.map((d: { code: string }) => d.code), ['hardcoded-credential']);
      assert.match(report.items[0].codeDescription.href, /hardcoded-credential/);
    } finally {
      await client.shutdown();
    }
  });
});

describe('action.yml: the composite action installs runtime dependencies, scans, writes uploadable SARIF', () => {
  let actionPath: string;
  let action: any;

  /** The files a checkout of this repository holds (tracked, plus new files not ignored). */
  function copyCheckout(): string {
    const dest = tmp('sz-action-');
    const listed = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT });
    assert.equal(listed.code, 0, describeRun('git ls-files', listed));
    for (const rel of listed.out.split('\0').filter(Boolean)) {
      const from = path.join(ROOT, rel);
      if (!fs.existsSync(from)) continue; // deleted in the work tree
      fs.mkdirSync(path.dirname(path.join(dest, rel)), { recursive: true });
      fs.copyFileSync(from, path.join(dest, rel));
    }
    return dest;
  }

  /** `${{ github.action_path }}` and `${{ inputs.name }}`, as the runner expands them. */
  function expand(text: string, inputs: Record<string, string>): string {
    return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
      if (expr === 'github.action_path') return actionPath;
      const input = /^inputs\.([\w-]+)$/.exec(expr);
      if (input) return inputs[input[1]] ?? action.inputs[input[1]]?.default ?? '';
      throw new Error(`unsupported expression in action.yml: ${expr}`);
    });
  }

  /** Runs every step as a runner would (bash --noprofile --norc -eo pipefail); stops at the first failure. */
  function runAction(workspace: string, inputs: Record<string, string>) {
    const outputFile = path.join(tmp('sz-gh-'), 'output');
    fs.writeFileSync(outputFile, '');
    let last = { code: 0 as number | null, out: '', err: '' };
    for (const step of action.runs.steps) {
      const env = cleanNpmEnv({ GITHUB_OUTPUT: outputFile, GITHUB_ACTION_PATH: actionPath, GITHUB_WORKSPACE: workspace });
      for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(String(v), inputs);
      const cwd = step['working-directory'] ? expand(step['working-directory'], inputs) : workspace;
      last = run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { cwd, env });
      if (last.code !== 0) return { step: step.name as string, ...last, outputs: readOutputs(outputFile) };
    }
    return { step: undefined, ...last, outputs: readOutputs(outputFile) };
  }

  const readOutputs = (file: string) => Object.fromEntries(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

  before(() => {
    actionPath = copyCheckout();
    action = parseYaml(fs.readFileSync(path.join(actionPath, 'action.yml'), 'utf8'));
  });

  it('is a composite action whose inputs reach the scripts through env only', () => {
    assert.equal(action.runs.using, 'composite');
    for (const name of ['paths', 'fail-on', 'baseline', 'sarif']) assert.ok(action.inputs[name], `input ${name}`);
    for (const step of action.runs.steps) {
      assert.equal(step.shell, 'bash');
      assert.ok(!/\$\{\{/.test(step.run), `step "${step.name}" splices no expression into its script`);
    }
  });

  it('fails on findings at or above fail-on, prints them, and writes SARIF that upload-sarif accepts', () => {
    const ws = leakyWorkspace();
    const r = runAction(ws, {});
    assert.equal(r.step, 'Scan', describeRun(`action (stopped at ${r.step})`, r));
    assert.equal(r.code, 1, describeRun('action', r));
    assert.match(r.err, /src\/config\.ts:1:\d+ critical hardcoded-credential/);
    assert.equal(r.outputs.findings, '2');
    assert.equal(r.outputs.sarif, 'secretzero.sarif');
    const sarif = JSON.parse(fs.readFileSync(path.join(ws, 'secretzero.sarif'), 'utf8'));
    assertUploadableSarif(sarif);
    assert.deepEqual(sarif.runs[0].results.map((x: any) => x.ruleId).sort(), ['hardcoded-credential', 'mcp-config-literal-secret']);
    assertNoSecret(r.out + r.err + fs.readFileSync(path.join(ws, 'secretzero.sarif'), 'utf8'), 'the action');
  });

  it('fail-on: never reports without failing; a baseline hides known findings; paths narrow the scan', () => {
    const ws = leakyWorkspace();
    const never = runAction(ws, { 'fail-on': 'never', paths: 'src\n.mcp.json' });
    assert.equal(never.code, 0, describeRun('action fail-on never', never));
    assert.equal(never.outputs.findings, '2');
    const baseline = run(process.execPath, [path.join(actionPath, 'bin', 'secretzero.js'), 'scan', '.', '--write-baseline', '.secretzero-baseline.json'], { cwd: ws });
    assert.equal(baseline.code, 0, describeRun('write baseline', baseline));
    const known = runAction(ws, { baseline: '.secretzero-baseline.json', sarif: 'out/sz.sarif', paths: 'src' });
    assert.equal(known.code, 0, describeRun('action with baseline', known));
    assert.equal(known.outputs.findings, '0');
    assertUploadableSarif(JSON.parse(fs.readFileSync(path.join(ws, 'out', 'sz.sarif'), 'utf8')));
  });
});
