import * as fs from 'node:fs';
import * as path from 'node:path';
import { isRuleId } from '../core/rules/index.js';
import { SEVERITIES, type Settings } from '../core/types.js';
import { NodeHost } from '../node/nodeHost.js';
import { parseScanArgs, USAGE, UsageError, type ScanArgs } from './args.js';
import { formatJson } from './format/json.js';
import { formatSarif } from './format/sarif.js';
import { formatText, summaryLine } from './format/text.js';
import { scanFiles, type ScanOutcome } from './scan.js';
import { VERSION } from './version.js';
import { walk } from './walk.js';

function settingsFrom(args: ScanArgs): Settings {
  for (const id of args.disable) if (!isRuleId(id)) throw new UsageError(`--disable: unknown rule "${id}"`);
  return { enable: true, ignore: args.ignore, rules: Object.fromEntries(args.disable.map((id) => [id, 'off' as const])) };
}

function atOrAbove(outcome: ScanOutcome, threshold: ScanArgs['failOn']): number {
  const limit = SEVERITIES.indexOf(threshold);
  return outcome.reports.reduce((n, r) => n + r.findings.filter((f) => SEVERITIES.indexOf(f.severity) <= limit).length, 0);
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
  const roots = args.paths.map((p) => path.resolve(io.cwd, p)).map((p) => (fs.statSync(p).isDirectory() ? p : path.dirname(p)));
  const host = new NodeHost(roots);
  const walked = walk(args.paths.map((p) => path.resolve(io.cwd, p)), host);
  const scanned = scanFiles(walked.files, settings, host);
  const outcome: ScanOutcome = { ...scanned, skipped: [...walked.skipped, ...scanned.skipped] };

  const report = args.format === 'json' ? formatJson(outcome, io.cwd) : args.format === 'sarif' ? formatSarif(outcome, io.cwd) : formatText(outcome, io.cwd);
  if (args.output) fs.writeFileSync(path.resolve(io.cwd, args.output), report);
  else io.out.write(report);
  if (!args.quiet) io.err.write(summaryLine(outcome, walked.files.length, Date.now() - started) + '\n');
  return atOrAbove(outcome, args.failOn) > 0 ? 1 : 0;
}
