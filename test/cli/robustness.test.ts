import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../server/src/core/types.js';
import { scanFiles } from '../../server/src/cli/scan.js';
import { NodeHost } from '../../server/src/node/nodeHost.js';
import { readTextFile } from '../../server/src/node/readText.js';
import { githubToken } from '../helpers/random.js';

/**
 * A workspace scan must finish, say what it skipped and why, exit with the right code and stay
 * within memory, whatever the tree holds: symlink loops, broken links, links to a pipe or to
 * /dev/zero, files and folders it may not read, files deleted while it runs, 10,000 files.
 *
 * Unreadable files: the tests run as root, for whom chmod 000 changes nothing, so the CLI is run
 * as the unprivileged user `nobody` (setpriv) when the tests run as root and setpriv exists; as
 * any other user chmod 000 works as is. Peak memory is the CLI process's maxRSS
 * (process.resourceUsage(), threads included), written at exit by a preloaded script.
 */
const CLI = path.resolve(__dirname, '..', '..', 'bin', 'secretzero.js');
const PEAK_RSS_LIMIT_MB = 400;
const TIMEOUT_MS = 240_000;
// No x/X: a random token with "xxxx" in it (any case) reads as a placeholder and is not reported.
const KEY_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWYZabcdefghijklmnopqrstuvwyz0123456789';
const key = (seed: number) => githubToken(7000 + seed, KEY_CHARS);

const isRoot = process.getuid?.() === 0;
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => fs.existsSync(p));
const canDropPrivileges = !isRoot || !!setpriv;

function tmpdir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755); // readable by `nobody` when the scan runs unprivileged
  return dir;
}

/** Writes the preload that records the CLI's peak RSS; returns the NODE_OPTIONS and the result file. */
function rssProbe(): { env: NodeJS.ProcessEnv; read: () => number } {
  const probeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-rss-'));
  fs.chmodSync(probeDir, 0o777);
  const out = path.join(probeDir, 'maxrss');
  const script = path.join(probeDir, 'probe.cjs');
  fs.writeFileSync(script, `process.on('exit', () => { try { require('fs').writeFileSync(${JSON.stringify(out)}, String(process.resourceUsage().maxRSS)); } catch {} });\n`);
  fs.chmodSync(script, 0o644);
  return { env: { ...process.env, NODE_OPTIONS: `--require ${script}` }, read: () => Number(fs.readFileSync(out, 'utf8')) / 1024 };
}

function command(args: string[], unprivileged: boolean): [string, string[]] {
  const cmd = [process.execPath, CLI, ...args];
  if (unprivileged && isRoot && setpriv) return [setpriv, ['--reuid=65534', '--regid=65534', '--clear-groups', ...cmd]];
  return [cmd[0], cmd.slice(1)];
}

function scan(cwd: string, args: string[], opts: { unprivileged?: boolean; env?: NodeJS.ProcessEnv; timeout?: number } = {}): SpawnSyncReturns<string> {
  const [cmd, argv] = command(['scan', '.', '--format', 'json', ...args], !!opts.unprivileged);
  return spawnSync(cmd, argv, { cwd, encoding: 'utf8', timeout: opts.timeout ?? TIMEOUT_MS, env: opts.env ?? process.env, maxBuffer: 256 * 1024 * 1024 });
}

function parseReport(r: SpawnSyncReturns<string>): { findings: { path: string; ruleId: string }[]; skipped: { path: string; reason: string }[] } {
  assert.equal(r.error, undefined, `the scan ran to the end (${r.error?.message})`);
  assert.ok(!/internal error/.test(r.stderr), r.stderr.slice(0, 2000));
  return JSON.parse(r.stdout);
}

describe('workspace scan robustness (CLI)', { skip: process.platform === 'win32' ? 'POSIX links, pipes and permissions' : false }, () => {
  it('symlink loops, broken links, links to a pipe and to /dev/zero, unreadable files and folders: completes, reports each skip, exits 1 on the finding', { skip: canDropPrivileges ? false : 'running as root without setpriv: chmod 000 cannot make a file unreadable' }, () => {
    const ws = tmpdir('sz-robust-');
    const w = (rel: string, text: string, mode = 0o644) => { fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true, mode: 0o755 }); fs.writeFileSync(path.join(ws, rel), text); fs.chmodSync(path.join(ws, rel), mode); };
    w('src/app.ts', `export const apiKey = "${key(1)}";\n`);
    w('src/locked.ts', `export const apiKey = "${key(2)}";\n`, 0o000);
    w('private/keys.ts', `export const apiKey = "${key(3)}";\n`);
    fs.chmodSync(path.join(ws, 'private'), 0o000);
    fs.mkdirSync(path.join(ws, 'deep', 'a', 'b'), { recursive: true });
    for (const d of ['deep', 'deep/a', 'deep/a/b']) fs.chmodSync(path.join(ws, d), 0o755);
    fs.symlinkSync('..', path.join(ws, 'src', 'loop'));                  // a folder link to its parent
    fs.symlinkSync('../../..', path.join(ws, 'deep', 'a', 'b', 'up'));   // … and to an ancestor three levels up
    fs.symlinkSync('missing.ts', path.join(ws, 'src', 'broken.ts'));     // a link to nothing
    spawnSync('mkfifo', [path.join(ws, 'named.pipe')]);
    fs.symlinkSync('../named.pipe', path.join(ws, 'src', 'pipe.env'));   // reading it would wait for a writer forever
    fs.symlinkSync('/dev/zero', path.join(ws, 'src', 'zero.txt'));       // reading it would never end
    const probe = rssProbe();

    const started = Date.now();
    // A handful of files: a minute is plenty, unless a pipe or /dev/zero is read (then it never ends).
    const r = scan(ws, ['--jobs', '1'], { unprivileged: true, env: probe.env, timeout: 90_000 });
    const report = parseReport(r);
    const seconds = (Date.now() - started) / 1000;
    assert.equal(r.status, 1, `exit 1: a critical finding remains (stderr: ${r.stderr.slice(0, 500)})`);
    assert.deepEqual(report.findings.map((f) => `${f.path} ${f.ruleId}`), ['src/app.ts hardcoded-credential']);
    const skipped = Object.fromEntries(report.skipped.map((s) => [s.path, s.reason]));
    assert.deepEqual(skipped, {
      'deep/a/b/up': 'link to a directory (not followed)',
      'private': 'unreadable folder (EACCES)',
      'src/broken.ts': 'unreadable (ENOENT)',
      'src/locked.ts': 'unreadable (EACCES)',
      'src/loop': 'link to a directory (not followed)',
      'src/pipe.env': 'not a regular file (pipe, socket or device)',
      'src/zero.txt': 'link to a file outside the scanned folder (not followed)',
    });
    // Were it read, the device would never end: the read itself refuses anything but a regular file.
    assert.deepEqual(readTextFile(path.join(ws, 'src', 'zero.txt')), { skipped: 'not a regular file (pipe, socket or device)' });
    assert.match(r.stderr, /7 skipped/);
    const peak = probe.read();
    console.log(`hazards: ${seconds.toFixed(1)} s, peak RSS ${peak.toFixed(0)} MB, ${report.skipped.length} skipped`);
    assert.ok(peak < PEAK_RSS_LIMIT_MB, `peak RSS ${peak.toFixed(0)} MB`);
  });

  it('a link to a file outside the scanned folder is not read (it could be any file on the machine); one inside is', () => {
    const outside = tmpdir('sz-robust-outside-');
    fs.writeFileSync(path.join(outside, 'id_secret.ts'), `export const apiKey = "${key(5)}";\n`);
    const ws = tmpdir('sz-robust-links-');
    fs.mkdirSync(path.join(ws, 'src'));
    fs.writeFileSync(path.join(ws, 'src', 'real.ts'), `export const apiKey = "${key(6)}";\n`);
    fs.symlinkSync(path.join(outside, 'id_secret.ts'), path.join(ws, 'src', 'notes.ts'));
    fs.symlinkSync('real.ts', path.join(ws, 'src', 'alias.ts'));
    const report = parseReport(scan(ws, ['--jobs', '1'], {}));
    assert.deepEqual(report.findings.map((f) => f.path).sort(), ['src/alias.ts', 'src/real.ts']);
    assert.deepEqual(report.skipped, [{ path: 'src/notes.ts', reason: 'link to a file outside the scanned folder (not followed)' }]);
  });

  it('a scanned path that cannot be read at all is a usage error (exit 2)', { skip: canDropPrivileges ? false : 'needs an unprivileged user' }, () => {
    const ws = tmpdir('sz-robust-root-');
    fs.mkdirSync(path.join(ws, 'closed'));
    fs.chmodSync(path.join(ws, 'closed'), 0o000);
    const [cmd, argv] = command(['scan', 'closed'], true);
    const r = spawnSync(cmd, argv, { cwd: ws, encoding: 'utf8', timeout: TIMEOUT_MS });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /cannot read "closed" \(permission denied\)/);
  });

  it('a file that vanished between the walk and the read is skipped as unreadable, the rest is scanned', () => {
    const ws = tmpdir('sz-robust-vanish-');
    const a = path.join(ws, 'a.ts');
    const gone = path.join(ws, 'gone.ts');
    fs.writeFileSync(a, `export const apiKey = "${key(4)}";\n`);
    const outcome = scanFiles([a, gone], DEFAULT_SETTINGS, new NodeHost([ws]));
    assert.deepEqual(outcome.skipped, [{ path: gone, reason: 'unreadable (ENOENT)' }]);
    assert.deepEqual(outcome.reports.map((r) => r.path), [a]);
  });

  /** `folders` folders of 100 small files (TypeScript, JSON, YAML), one key in every tenth file. */
  function generate(ws: string, folders = 100): number {
    let keys = 0;
    for (let d = 0; d < folders; d++) {
      const dir = path.join(ws, `pkg${d}`, 'src');
      fs.mkdirSync(dir, { recursive: true });
      for (let f = 0; f < 100; f++) {
        const n = d * 100 + f;
        const secret = n % 10 === 0;
        if (secret) keys++;
        const kind = n % 3;
        const body = kind === 0
          ? `import { z } from 'zod';\nexport const schema${n} = z.object({ id: z.number(), name: z.string() });\nexport const ${secret ? `apiKey = "${key(n)}"` : `label = "item ${n}"`};\n`
          : kind === 1
            ? `{\n  "name": "pkg-${n}",\n  "version": "1.0.${n}",\n  "config": { ${secret ? `"api_key": "${key(n)}"` : `"timeout": ${n}`} }\n}\n`
            : `service: svc-${n}\nreplicas: 2\n${secret ? `api_key: "${key(n)}"` : `log_level: info`}\n`;
        fs.writeFileSync(path.join(dir, `file${n}.${['ts', 'json', 'yaml'][kind]}`), body);
      }
    }
    return keys;
  }

  it('10,000 files: completes, finds every planted key once, exits 1, peak RSS under 400 MB', () => {
    const ws = tmpdir('sz-robust-10k-');
    const keys = generate(ws);
    const probe = rssProbe();
    const started = Date.now();
    const r = scan(ws, [], { env: probe.env });
    const seconds = (Date.now() - started) / 1000;
    const report = parseReport(r);
    assert.equal(r.status, 1, r.stderr.slice(0, 500));
    assert.equal(report.findings.length, keys, `${report.findings.length} findings for ${keys} planted keys`);
    assert.equal(new Set(report.findings.map((f) => f.path)).size, keys, 'one finding per planted file');
    assert.deepEqual(report.skipped, []);
    assert.match(r.stderr, new RegExp(`${keys} findings .* in 10000 files`));
    const peak = probe.read();
    console.log(`10,000 files: ${seconds.toFixed(1)} s, peak RSS ${peak.toFixed(0)} MB, ${report.findings.length} findings`);
    assert.ok(peak < PEAK_RSS_LIMIT_MB, `peak RSS ${peak.toFixed(0)} MB (limit ${PEAK_RSS_LIMIT_MB} MB)`);
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('4,000 files, half deleted by another process while the scan runs: still completes with a consistent report', async () => {
    const ws = tmpdir('sz-robust-race-');
    generate(ws, 40);
    const files = fs.readdirSync(ws).flatMap((d) => fs.readdirSync(path.join(ws, d, 'src')).map((f) => path.join(ws, d, 'src', f)));
    const doomed = files.filter((_, i) => i % 2 === 1);
    const list = path.join(ws, '..', `${path.basename(ws)}-doomed.txt`);
    fs.writeFileSync(list, doomed.join('\n'));

    const cli = spawn(process.execPath, [CLI, 'scan', '.', '--format', 'json'], { cwd: ws });
    let stdout = '';
    let stderr = '';
    cli.stdout.on('data', (d) => { stdout += d; });
    cli.stderr.on('data', (d) => { stderr += d; });
    // The deleter starts with the scan and removes files one by one, so some vanish after the
    // walk listed them and before they are read.
    const deleter = spawn(process.execPath, ['-e', `const fs = require('fs'); for (const f of fs.readFileSync(${JSON.stringify(list)}, 'utf8').split('\\n')) { try { fs.unlinkSync(f); } catch {} }`]);
    const [code] = await Promise.all([
      new Promise<number | null>((resolve) => cli.on('close', resolve)),
      new Promise((resolve) => deleter.on('close', resolve)),
    ]);
    assert.ok(code === 0 || code === 1, `exit ${code}: ${stderr.slice(0, 1000)}`);
    assert.ok(!/internal error/.test(stderr), stderr.slice(0, 1000));
    const report = JSON.parse(stdout);
    const doomedRel = new Set(doomed.map((f) => path.relative(ws, f)));
    for (const s of report.skipped) {
      assert.equal(s.reason, 'unreadable (ENOENT)', `${s.path}: ${s.reason}`);
      assert.ok(doomedRel.has(s.path), `${s.path} was skipped but never deleted`);
    }
    // Every surviving file with a key is reported; a deleted one may or may not have been read first.
    const reported = new Set(report.findings.map((f: { path: string }) => f.path));
    for (const f of files) {
      const rel = path.relative(ws, f);
      if (doomedRel.has(rel) || !fs.readFileSync(f, 'utf8').includes('ghp_')) continue;
      assert.ok(reported.has(rel), `${rel} survived and holds a key, but was not reported`);
    }
    console.log(`race: ${report.skipped.length} files vanished between walk and read, ${report.findings.length} findings, exit ${code}`);
    fs.rmSync(ws, { recursive: true, force: true });
    fs.rmSync(list, { force: true });
  });
});
