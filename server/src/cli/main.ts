import * as fs from 'node:fs';
import * as path from 'node:path';
import { isRuleId } from '../core/rules/index.js';
import { SEVERITIES, type Settings } from '../core/types.js';
import { NodeHost } from '../node/nodeHost.js';
import { buildBaseline, BaselineError, readBaseline, subtractBaseline, writeBaseline } from './baseline.js';
import { parseScanArgs, USAGE, UsageError, type ScanArgs } from './args.js';
import { formatJson } from './format/json.js';
import { formatSarif } from './format/sarif.js';
import { formatText, summaryLine } from './format/text.js';
import { bundledScript, defaultThreads, POOL_MIN_FILES, scanInPool, startScanWorkers } from './pool.js';
import type { ScanOutcome } from './outcome.js';
import { VERSION } from './version.js';
import { explainEmptyScan } from './walk.js';
import { walkOffThread } from './walkOffThread.js';

function settingsFrom(args: ScanArgs): Settings {
  for (const id of args.disable) if (!isRuleId(id)) throw new UsageError(`--disable: unknown rule "${id}"`);
  return { enable: true, ignore: args.ignore, rules: Object.fromEntries(args.disable.map((id) => [id, 'off' as const])) };
}

function atOrAbove(outcome: ScanOutcome, threshold: ScanArgs['failOn']): number {
  const limit = SEVERITIES.indexOf(threshold);
  return outcome.reports.reduce((n, r) => n + r.findings.filter((f) => SEVERITIES.indexOf(f.severity) <= limit).length, 0);
}

/** A report file, its folder created when missing (CI paths such as `reports/secretzero.sarif`). */
function writeReport(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

export async function runCli(argv: string[], io = { out: process.stdout, err: process.stderr, cwd: process.cwd() }): Promise<number> {
  let args;
  try {
    args = parseScanArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) { io.err.write(`secretzero: ${e.message}\n\n${USAGE}\n`); return 2; }
    throw e;
  }
  if (args === 'help') { io.out.write(USAGE + '\n'); return 0; }
  if (args === 'version') { io.out.write(VERSION + '\n'); return 0; }

  for (const p of args.paths) {
    const abs = path.resolve(io.cwd, p);
    try { fs.accessSync(abs, fs.constants.R_OK); } catch {
      io.err.write(`secretzero: cannot read "${p}" (${fs.existsSync(abs) ? 'permission denied' : 'no such file or directory'})\n`);
      return 2;
    }
  }
  let settings: Settings;
  try { settings = settingsFrom(args); } catch (e) { io.err.write(`secretzero: ${(e as Error).message}\n`); return 2; }

  const started = Date.now();
  const targets = args.paths.map((p) => path.resolve(io.cwd, p));
  const isFolder = targets.map((p) => fs.statSync(p).isDirectory());
  const namesFolder = isFolder.includes(true);
  const roots = targets.map((p, i) => (isFolder[i] ? p : path.dirname(p)));
  const host = new NodeHost(roots);
  const workerPath = bundledScript('scan-worker.js');
  const wantedThreads = args.jobs ?? defaultThreads();
  // A folder usually holds enough files for the pool: its threads load their code during the walk.
  // Named files (a pre-commit hook's list) start none they would not use.
  const early = workerPath && wantedThreads >= 1 && namesFolder
    ? startScanWorkers(wantedThreads, { settings, roots }, workerPath)
    : undefined;
  let walked;
  try {
    walked = await walkOffThread(targets, roots, host);
  } catch (e) {
    early?.stop(); // live threads would keep the process from exiting
    throw e;
  }
  // The baseline holds fingerprints, not secrets: never scan the file this run reads or writes.
  const own = new Set([args.baseline, args.writeBaseline, args.sarif, args.output].filter((f): f is string => !!f).map((f) => path.resolve(io.cwd, f)));
  walked.files = walked.files.filter((f) => !own.has(f));
  const threads = Math.min(wantedThreads, walked.files.length);
  // A scan of one thread runs in a worker too: the worker's heap is capped, where the main
  // thread's would grow to several times what the scan keeps alive (bench/README.md, memory).
  const pooled = threads >= 1 && workerPath && walked.files.length >= POOL_MIN_FILES;
  if (!pooled) early?.stop();
  const scanned = pooled
    ? await scanInPool(walked.files, settings, host, { threads, roots, workerPath, started: early })
    // Loaded on demand: a pooled scan leaves the analysis core (and TypeScript) to its workers.
    : (await import('./scan.js')).scanFiles(walked.files, settings, host);
  let outcome: ScanOutcome = { ...scanned, skipped: [...walked.skipped, ...scanned.skipped] };
  const read = walked.files.length - scanned.skipped.length;
  outcome.notice = explainEmptyScan({ excluded: walked.excluded, skipped: outcome.skipped }, read);
  // Nothing read under a named folder is an error, not a pass (a typo, an ignored or emptied folder),
  // unless asked for; named files that were all skipped (a pre-commit run on lock files) are not.
  const emptyFails = !!outcome.notice && !args.allowEmpty && namesFolder;
  for (const root of walked.ignoredRoots) {
    if (!args.quiet) io.err.write(`secretzero: ${path.relative(io.cwd, root) || '.'} is excluded by an enclosing .gitignore; scanning it anyway, with only the ignore files inside it\n`);
  }

  if (args.writeBaseline) {
    const file = path.resolve(io.cwd, args.writeBaseline);
    const baseline = buildBaseline(outcome.reports, io.cwd);
    writeBaseline(file, baseline);
    if (!args.quiet) io.err.write(`secretzero: baseline of ${baseline.entries.reduce((n, e) => n + e.count, 0)} findings written to ${args.writeBaseline}\n`);
    return 0;
  }
  let known = 0;
  if (args.baseline) {
    try {
      const subtracted = subtractBaseline(outcome.reports, readBaseline(path.resolve(io.cwd, args.baseline)), io.cwd);
      outcome = { ...outcome, reports: subtracted.reports };
      known = subtracted.known;
    } catch (e) {
      if (e instanceof BaselineError) { io.err.write(`secretzero: ${e.message}\n`); return 2; }
      throw e;
    }
  }

  const report = args.format === 'json' ? formatJson(outcome, io.cwd) : args.format === 'sarif' ? formatSarif(outcome, io.cwd) : formatText(outcome, io.cwd);
  if (args.output) writeReport(path.resolve(io.cwd, args.output), report);
  else io.out.write(report);
  if (args.sarif) writeReport(path.resolve(io.cwd, args.sarif), args.format === 'sarif' ? report : formatSarif(outcome, io.cwd));
  if (!args.quiet) io.err.write(summaryLine(outcome, read, Date.now() - started) + (known ? ` (${known} known from the baseline)` : '') + '\n');
  if (outcome.notice) io.err.write(`secretzero: warning: ${outcome.notice}${emptyFails ? ' (exit 2; pass --allow-empty to accept an empty scan)' : ''}\n`);
  if (emptyFails) return 2;
  return atOrAbove(outcome, args.failOn) > 0 ? 1 : 0;
}
