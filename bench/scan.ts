/**
 * Workspace scan: the built CLI against secretlint (recommended preset) on the same folder, each
 * run as a child process under `/usr/bin/time` for peak RSS, wall time taken by this process
 * around the spawn (so start-up counts for both). secretlint is handed the exact list of files
 * secretzero analyses (`--no-glob`), after secretzero's skips (dependency and build folders,
 * .gitignore, lock, minified, binary and huge single-line files), so both read the same files.
 * (An ignore file cannot express that: secretlint looks `--secretlintignore` up by name in each
 * folder, so a file outside the scanned tree is never read.)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { classify } from '../server/src/core/classify';
import { NodeHost } from '../server/src/node/nodeHost';
import { skipByContent, walk } from '../server/src/node/walk';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'bin', 'secretzero.js');
const SECRETLINT = path.join(ROOT, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
const TIME = '/usr/bin/time';

export interface RunMeasure {
  wallMs: number;
  /** User + system CPU time of the child, all threads: less sensitive than wall time to a busy machine. */
  cpuMs: number;
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
  /** Files and bytes secretlint reads when pointed at the whole folder with its own ignores (`**\/*`). */
  folderFiles: number;
  folderBytes: number;
  /** The TS/JS subset, for the parse floor. */
  scriptFiles: string[];
  /** What secretzero analyses, relative to `dir`: secretlint's input. */
  relativeFiles: string[];
  secretlintrc: string;
}

export function hasTime(): boolean { return fs.existsSync(TIME); }

/** Runs `args` under /usr/bin/time; stdout goes to a file so printing costs the same for both tools. */
export function measure(args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): RunMeasure & { stderr: string } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-bench-run-'));
  const timeOut = path.join(tmp, 'time.txt');
  const out = fs.openSync(path.join(tmp, 'stdout.txt'), 'w');
  const cmd = hasTime() ? [TIME, '-f', '%M %U %S', '-o', timeOut, process.execPath, ...args] : [process.execPath, ...args];
  const t0 = performance.now();
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd, stdio: ['ignore', out, 'pipe'], encoding: 'utf8', env: { ...process.env, ...extraEnv }, maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - t0;
  fs.closeSync(out);
  let peakRssMb = NaN;
  let cpuMs = NaN;
  if (hasTime()) {
    const [kb, user, sys] = fs.readFileSync(timeOut, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    peakRssMb = kb / 1024;
    cpuMs = (user + sys) * 1000;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  return { wallMs, cpuMs, peakRssMb, exitCode: r.status, stderr: r.stderr };
}

/** What secretzero will analyse in `dir` (same walk and skips as the CLI), and a secretlint config. */
export function prepareTarget(dir: string): ScanTarget {
  const abs = path.resolve(dir);
  const host = new NodeHost([abs]);
  const walked = walk([abs], host);
  const files: string[] = [];
  let bytes = 0;
  const scriptFiles: string[] = [];
  for (const f of walked.files) {
    let text: string;
    try { text = fs.readFileSync(f, 'utf8'); } catch { continue; }
    if (skipByContent(text) || text.slice(0, 8000).includes('\u0000') || text.length > 4 * 1024 * 1024) continue;
    files.push(f);
    bytes += Buffer.byteLength(text);
    if (classify(f, undefined, text).kind === 'typescript') scriptFiles.push(f);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-bench-secretlint-'));
  const secretlintrc = path.join(tmp, '.secretlintrc.json');
  fs.writeFileSync(secretlintrc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }, null, 2));
  const relativeFiles = files.map((f) => path.relative(abs, f));
  const listed = chunks(relativeFiles, SECRETLINT_CHUNK).flatMap((c) => secretlintFileList(abs, secretlintArgs(secretlintrc, c, 'json')));
  const folder = folderRuns(abs, secretlintrc, 'json').flatMap((args) => secretlintFileList(abs, args));
  return {
    dir: abs, files: files.length, bytes, scriptFiles, secretlintrc, relativeFiles,
    secretlintFiles: listed.length, secretlintBytes: listed.reduce((n, f) => n + f.bytes, 0),
    folderFiles: folder.length, folderBytes: folder.reduce((n, f) => n + f.bytes, 0),
  };
}

function secretlintArgs(rc: string, files: string[], format = 'stylish'): string[] {
  return [SECRETLINT, '--secretlintrc', rc, '--format', format, '--no-color', '--no-terminalLink', '--no-glob', ...files];
}

/**
 * secretlint opens every input at once (its walker is one `Promise.all`): past ~20,000 files it
 * fails with EMFILE on this machine's open-file limit. Larger inputs run in several processes, one
 * after another; the report gives their count and secretlint's start-up time so the reader can
 * take the extra start-ups off (`bench/README.md`).
 */
export const SECRETLINT_CHUNK = 4000;

function chunks<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out.length ? out : [[]];
}

/** The folder's top-level entries as globs (one per sub-folder, plus the files at the top), for folders too large for one secretlint run. */
function folderGlobs(dir: string): string[][] {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => !['.git', 'node_modules'].includes(e.name));
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => [`${e.name}/**/*`]);
  return [['*'], ...dirs];
}

/**
 * secretlint as a user points it at a folder: every file, minus its built-in ignores (`.git`,
 * `node_modules`) and the folder's `.gitignore` files. The issue's comparison is on the same
 * folder; the file-list run above is the stricter one (no credit for what secretzero skips).
 */
function secretlintFolderArgs(rc: string, format = 'stylish', globs = ['**/*']): string[] {
  return [SECRETLINT, '--secretlintrc', rc, '--format', format, '--no-color', '--no-terminalLink', ...globs];
}

/** Whole-folder argument lists: one run over everything, or one per top-level entry when the folder is large. */
function folderRuns(dir: string, rc: string, format = 'stylish'): string[][] {
  const large = countFiles(dir, SECRETLINT_CHUNK * 4) > SECRETLINT_CHUNK * 4;
  return large ? folderGlobs(dir).map((g) => secretlintFolderArgs(rc, format, g)) : [secretlintFolderArgs(rc, format)];
}

/** Files under `dir` (outside .git and node_modules), counting no further than `limit`. */
function countFiles(dir: string, limit: number): number {
  let n = 0;
  const stack = [dir];
  while (stack.length && n <= limit) {
    for (const e of fs.readdirSync(stack.pop()!, { withFileTypes: true })) {
      if (e.name === '.git' || e.name === 'node_modules') continue;
      if (e.isDirectory()) stack.push(path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)); else n++;
    }
  }
  return n;
}

/** One untimed secretlint run with the JSON formatter, which lists every file it read. */
function secretlintFileList(dir: string, args: string[]): { path: string; bytes: number }[] {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sz-bench-sl-')), 'out.json');
  spawnSync(process.execPath, [...args, '--output', out], { cwd: dir, stdio: 'ignore' });
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

function checkedSecretlint(args: string[], dir: string): RunMeasure {
  const m = measure(args, dir);
  if (m.exitCode !== 0 && m.exitCode !== 1) throw new Error(`secretlint exited ${m.exitCode}: ${m.stderr.slice(0, 2000)}`);
  return m;
}

/** Several secretlint processes run one after another, measured as one: times add up, RSS is the peak. */
function sequential(runs: string[][], dir: string): RunMeasure & { processes: number } {
  const ms = runs.map((args) => checkedSecretlint(args, dir));
  return {
    wallMs: ms.reduce((n, m) => n + m.wallMs, 0), cpuMs: ms.reduce((n, m) => n + m.cpuMs, 0),
    peakRssMb: Math.max(...ms.map((m) => m.peakRssMb)), exitCode: Math.max(...ms.map((m) => m.exitCode ?? 0)), processes: ms.length,
  };
}

/** secretlint's own start-up: a run over one empty file (what each extra process costs). */
export function secretlintStartup(target: ScanTarget): RunMeasure {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-bench-empty-'));
  fs.writeFileSync(path.join(tmp, 'empty.txt'), '');
  try { return checkedSecretlint(secretlintArgs(target.secretlintrc, ['empty.txt']), tmp); } finally { fs.rmSync(tmp, { recursive: true, force: true }); }
}

/** secretlint on exactly the files secretzero analyses. */
export function runSecretlint(target: ScanTarget): RunMeasure & { processes: number } {
  return sequential(chunks(target.relativeFiles, SECRETLINT_CHUNK).map((c) => secretlintArgs(target.secretlintrc, c)), target.dir);
}

/** secretlint on the whole folder with its own ignores. */
export function runSecretlintFolder(target: ScanTarget): RunMeasure & { processes: number } {
  return sequential(folderRuns(target.dir, target.secretlintrc), target.dir);
}
