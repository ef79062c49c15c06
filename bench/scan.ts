/**
 * Workspace scan: the built CLI against secretlint (recommended preset) on the same folder, each
 * run as a child process under `/usr/bin/time` for peak RSS, wall time taken by this process
 * around the spawn (so start-up counts for both). secretlint is given an ignore file mirroring
 * secretzero's skips (dependency and build folders, lock, minified, binary and huge single-line
 * files), so both read the same files.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { classify } from '../server/src/core/classify';
import { NodeHost } from '../server/src/node/nodeHost';
import { skipByContent, SKIPPED_DIRS, walk } from '../server/src/node/walk';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'bin', 'secretzero.js');
const SECRETLINT = path.join(ROOT, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
const TIME = '/usr/bin/time';

export interface RunMeasure {
  wallMs: number;
  /** Peak resident set size of the child (threads included), in MB. */
  peakRssMb: number;
  exitCode: number | null;
}

export interface ScanTarget {
  dir: string;
  /** Files and bytes secretzero analyses (after its skips). */
  files: number;
  bytes: number;
  /** Files secretlint reads with the mirrored ignore file, and their bytes. */
  secretlintFiles: number;
  secretlintBytes: number;
  /** The TS/JS subset, for the parse floor. */
  scriptFiles: string[];
  secretlintIgnore: string;
  secretlintrc: string;
}

export function hasTime(): boolean { return fs.existsSync(TIME); }

/** Runs `args` under /usr/bin/time; stdout goes to a file so printing costs the same for both tools. */
export function measure(args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): RunMeasure & { stderr: string } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-bench-run-'));
  const timeOut = path.join(tmp, 'time.txt');
  const out = fs.openSync(path.join(tmp, 'stdout.txt'), 'w');
  const cmd = hasTime() ? [TIME, '-f', '%M', '-o', timeOut, process.execPath, ...args] : [process.execPath, ...args];
  const t0 = performance.now();
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd, stdio: ['ignore', out, 'pipe'], encoding: 'utf8', env: { ...process.env, ...extraEnv }, maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - t0;
  fs.closeSync(out);
  let peakRssMb = NaN;
  if (hasTime()) {
    const kb = Number(fs.readFileSync(timeOut, 'utf8').trim().split('\n').pop());
    peakRssMb = kb / 1024;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  return { wallMs, peakRssMb, exitCode: r.status, stderr: r.stderr };
}

/** What secretzero will analyse in `dir`, and a secretlint config/ignore pair that reads the same files. */
export function prepareTarget(dir: string): ScanTarget {
  const abs = path.resolve(dir);
  const host = new NodeHost([abs]);
  const walked = walk([abs], host);
  const files: string[] = [];
  const contentSkipped: string[] = [];
  let bytes = 0;
  const scriptFiles: string[] = [];
  for (const f of walked.files) {
    let text: string;
    try { text = fs.readFileSync(f, 'utf8'); } catch { continue; }
    if (skipByContent(text) || text.slice(0, 8000).includes('\u0000') || text.length > 4 * 1024 * 1024) { contentSkipped.push(f); continue; }
    files.push(f);
    bytes += Buffer.byteLength(text);
    if (classify(f, undefined, text).kind === 'typescript') scriptFiles.push(f);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-bench-secretlint-'));
  const secretlintrc = path.join(tmp, '.secretlintrc.json');
  fs.writeFileSync(secretlintrc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }, null, 2));
  // Mirror secretzero's skips: every file the walk or the content check skipped, by exact path,
  // plus its folder rules (secretlint already skips node_modules and honours .gitignore).
  const lines = [...[...SKIPPED_DIRS].map((d) => `${d}/`), ...[...walked.skipped.map((s) => s.path), ...contentSkipped].map((p) => '/' + path.relative(abs, p).split(path.sep).join('/'))];
  const secretlintIgnore = path.join(tmp, '.secretlintignore');
  fs.writeFileSync(secretlintIgnore, lines.join('\n') + '\n');
  const listed = secretlintFileList(abs, secretlintrc, secretlintIgnore);
  return {
    dir: abs, files: files.length, bytes, scriptFiles, secretlintrc, secretlintIgnore,
    secretlintFiles: listed.length, secretlintBytes: listed.reduce((n, f) => n + f.bytes, 0),
  };
}

function secretlintArgs(rc: string, ignore: string, format = 'stylish'): string[] {
  return [SECRETLINT, '**/*', '--secretlintrc', rc, '--secretlintignore', ignore, '--format', format, '--no-color', '--no-terminalLink'];
}

/** One untimed secretlint run with the JSON formatter, which lists every file it read. */
function secretlintFileList(dir: string, rc: string, ignore: string): { path: string; bytes: number }[] {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sz-bench-sl-')), 'out.json');
  spawnSync(process.execPath, [...secretlintArgs(rc, ignore, 'json'), '--output', out], { cwd: dir, stdio: 'ignore' });
  try {
    const results = JSON.parse(fs.readFileSync(out, 'utf8')) as { filePath: string; sourceContent: string }[];
    return results.map((r) => ({ path: r.filePath, bytes: Buffer.byteLength(r.sourceContent) }));
  } catch {
    return [];
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

export function runSecretzero(target: ScanTarget): RunMeasure & { findings: number; summary: string } {
  const m = measure([CLI, 'scan', '.', '--format', 'text'], target.dir);
  const summary = m.stderr.trim().split('\n').pop() ?? '';
  if (m.exitCode !== 0 && m.exitCode !== 1) throw new Error(`secretzero exited ${m.exitCode}: ${m.stderr.slice(0, 2000)}`);
  const found = /^secretzero: (\d+) finding/.exec(summary);
  return { ...m, findings: found ? Number(found[1]) : NaN, summary };
}

export function runSecretlint(target: ScanTarget): RunMeasure {
  const m = measure(secretlintArgs(target.secretlintrc, target.secretlintIgnore), target.dir);
  if (m.exitCode !== 0 && m.exitCode !== 1) throw new Error(`secretlint exited ${m.exitCode}: ${m.stderr.slice(0, 2000)}`);
  return m;
}
