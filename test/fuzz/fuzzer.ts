/**
 * The fuzzer shared by `npm run fuzz` (long runs, test/fuzz/run.ts) and test/fuzz/fuzz.test.ts
 * (a short run inside `npm test`). Inputs are fixtures and examples mutated by byte flips,
 * truncation, duplication, splicing, inserted secrets, references and control characters; each is
 * a pure function of (run seed, input index), so any failure is reproduced from its index alone.
 *
 * For every input, `analyze()` must return without throwing within the CPU budget, every finding's
 * range must lie inside the document, and every fix's edits (and external edits) must lie inside
 * their file, not overlap, and apply. Time is CPU time of this process: on a shared machine the
 * wall clock also counts time spent waiting for a core.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyze } from '../../server/src/core/analyze.js';
import { DEFAULT_SETTINGS, type AnalysisResult, type WorkspaceHost } from '../../server/src/core/types.js';
import { MemoryHost } from '../helpers/memoryHost.js';
import { checkResult, type Violation } from './check.js';
import { analyzerOf, loadCorpus, TARGET_NAMES, TARGETS, type Corpus, type Target } from './corpus.js';
import { inputSeed, mutate, Rand, SECRETS } from './mutate.js';

export interface FuzzInput {
  seed: number;
  index: number;
  target: Target;
  path: string;
  text: string;
  /** Which workspace the input is analysed in (see HOSTS). */
  host: number;
  seedFile: string;
  mutations: string[];
  /** Secrets the mutations inserted: no message or fix title may repeat them. */
  inserted: string[];
}

/** Workspaces an input is analysed in: none, a tidy one, one whose .env is tracked and CRLF. */
export const HOSTS: (() => WorkspaceHost | undefined)[] = [
  () => undefined,
  () => new MemoryHost('/ws', {}),
  () => new MemoryHost('/ws', { '.gitignore': 'node_modules/\n.env\n', '.env': 'EXISTING=1\n', '.dockerignore': 'node_modules\n' }, { ignored: ['.env'] }),
  () => new MemoryHost('/ws', { '.gitignore': 'dist', '.env': 'A=1\r\nB=2', '.env.local': '', '.dockerignore': '' }, { tracked: ['.env', '.gitignore'] }),
];
const hostCache = new Map<number, WorkspaceHost | undefined>();
export function hostOf(n: number): WorkspaceHost | undefined {
  if (!hostCache.has(n)) hostCache.set(n, HOSTS[n]());
  return hostCache.get(n);
}

export function generateInput(corpus: Corpus, seed: number, index: number, targets: readonly Target[] = TARGET_NAMES): FuzzInput {
  const r = new Rand(inputSeed(seed, index));
  const target = targets[index % targets.length];
  const base = r.chance(0.85) ? r.pick(corpus.byTarget[target]) : r.pick(corpus.seeds);
  const inserted: string[] = [];
  const ctx = { target, inserted, other: () => r.pick(r.chance(0.7) ? corpus.byTarget[target] : corpus.seeds).text };
  let text = base.text;
  let mutations: string[] = [];
  if (r.chance(0.03)) mutations = ['none'];
  else if (r.chance(0.02)) { text = Array.from({ length: r.range(0, 400) }, () => String.fromCharCode(r.int(0x3000))).join(''); mutations = ['random']; }
  else ({ text, applied: mutations } = mutate(text, r, ctx));
  return { seed, index, target, path: r.pick(TARGETS[target]), text, host: r.int(HOSTS.length), seedFile: base.file, mutations, inserted };
}

export interface CaseOutcome {
  analyzer: string;
  violations: Violation[];
  cpuMs: number;
  wallMs: number;
  findings: number;
  fixes: number;
  edits: number;
  skipped?: string;
  /** `analyzer: ErrorName at file:line` when an analyzer threw and the generic scan stood in. */
  fallback?: string;
}

export type AnalyzeFn = typeof analyze;

function where(error: unknown): string {
  const stack = error instanceof Error ? error.stack ?? '' : '';
  const frame = /server\/src\/(core\/[^):]+):(\d+)/.exec(stack);
  // A RangeError's message ("Maximum call stack size exceeded") is safe to show; others may quote source text.
  const detail = error instanceof RangeError ? ` (${error.message.slice(0, 60)})` : '';
  return `${error instanceof Error ? error.name : typeof error}${detail}${frame ? ` at ${frame[1]}:${frame[2]}` : ''}`;
}

/** Analyses one input and checks every invariant. */
export function runCase(input: FuzzInput, analyzeFn: AnalyzeFn = analyze, budgetMs = 1000): CaseOutcome {
  const host = hostOf(input.host);
  let fallback: string | undefined;
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  let result: AnalysisResult | undefined;
  let thrown: unknown;
  try {
    result = analyzeFn({ path: input.path, text: input.text }, DEFAULT_SETTINGS, { host, onError: (e, a) => { fallback ??= `${a}: ${where(e)}`; } });
  } catch (e) {
    thrown = e;
  }
  const c = process.cpuUsage(c0);
  const wallMs = performance.now() - w0;
  const cpuMs = (c.user + c.system) / 1000;
  const analyzer = analyzerOf(input.path, input.text);
  const violations: Violation[] = [];
  if (thrown !== undefined || !result) violations.push({ kind: 'threw', detail: `analyze() threw ${where(thrown)}` });
  if (cpuMs > budgetMs) violations.push({ kind: 'slow', detail: `analysis took ${cpuMs.toFixed(0)} ms of CPU (budget ${budgetMs} ms), ${wallMs.toFixed(0)} ms wall` });
  if (result) violations.push(...checkResult(input.text, result, { host, secrets: input.inserted }));
  const fixes = result?.findings.reduce((n, f) => n + f.fixes.length, 0) ?? 0;
  const edits = result?.findings.reduce((n, f) => n + f.fixes.reduce((m, x) => m + x.edits.length + (x.externalEdits?.length ?? 0), 0), 0) ?? 0;
  return { analyzer, violations, cpuMs, wallMs, findings: result?.findings.length ?? 0, fixes, edits, skipped: result?.skipped, fallback };
}

export interface AnalyzerStats { inputs: number; findings: number; fixes: number; edits: number; skipped: number; fallbacks: number; cpuMs: number; maxCpuMs: number }

export interface FuzzFailure { input: FuzzInput; outcome: CaseOutcome; file?: string }

export interface FuzzReport {
  seed: number;
  inputs: number;
  /** Next index to run (a resumed run starts there). */
  nextIndex: number;
  elapsedMs: number;
  /** By the analyzer that really ran (classification of the mutated text), not the one aimed at. */
  byAnalyzer: Record<string, AnalyzerStats>;
  /** Inputs aimed at each target. */
  byTarget: Record<string, number>;
  /** Distinct analyzer failures the generic scan stood in for, with counts. */
  fallbacks: Record<string, number>;
  failures: FuzzFailure[];
}

export interface FuzzOptions {
  seed: number;
  /** Stop starting new inputs after this many seconds… */
  seconds?: number;
  /** …but not before every target had this many inputs. */
  minPerTarget?: number;
  maxInputs?: number;
  startIndex?: number;
  targets?: readonly Target[];
  corpus?: Corpus;
  analyzeFn?: AnalyzeFn;
  budgetMs?: number;
  /** Where failing inputs are saved (one JSON file each); not saved when undefined. */
  failureDir?: string;
  /** Failures kept per distinct signature (the rest are counted, not kept). */
  keepPerSignature?: number;
  onInput?: (index: number) => void;
  onProgress?: (report: FuzzReport) => void;
  progressEveryMs?: number;
}

export function emptyReport(seed: number, startIndex = 0): FuzzReport {
  return { seed, inputs: 0, nextIndex: startIndex, elapsedMs: 0, byAnalyzer: {}, byTarget: {}, fallbacks: {}, failures: [] };
}

/** Folds one outcome into a report; returns true when the outcome is a failure worth keeping. */
export function record(report: FuzzReport, input: FuzzInput, outcome: CaseOutcome, signatures: Map<string, number>, keep: number): boolean {
  report.inputs++;
  report.byTarget[input.target] = (report.byTarget[input.target] ?? 0) + 1;
  const s = (report.byAnalyzer[outcome.analyzer] ??= { inputs: 0, findings: 0, fixes: 0, edits: 0, skipped: 0, fallbacks: 0, cpuMs: 0, maxCpuMs: 0 });
  s.inputs++;
  s.findings += outcome.findings;
  s.fixes += outcome.fixes;
  s.edits += outcome.edits;
  if (outcome.skipped) s.skipped++;
  if (outcome.fallback) { s.fallbacks++; report.fallbacks[outcome.fallback] = (report.fallbacks[outcome.fallback] ?? 0) + 1; }
  s.cpuMs += outcome.cpuMs;
  s.maxCpuMs = Math.max(s.maxCpuMs, outcome.cpuMs);
  if (!outcome.violations.length) return false;
  const sig = `${outcome.analyzer} ${outcome.violations.map((v) => `${v.kind}:${v.detail.replace(/\d+/g, 'N').slice(0, 80)}`).sort()[0]}`;
  const n = (signatures.get(sig) ?? 0) + 1;
  signatures.set(sig, n);
  return n <= keep;
}

/** Never print a secret: long token-like runs are cut to their first four characters. */
export function redact(s: string): string {
  let out = s;
  for (const secret of SECRETS) if (secret.length >= 8) out = out.split(secret).join(`${secret.slice(0, 4)}…`);
  return out.replace(/[A-Za-z0-9_\-+/=.]{16,}/g, (m) => (/[A-Z0-9]/.test(m) ? `${m.slice(0, 4)}…` : m));
}

export function saveFailure(dir: string, f: FuzzFailure): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${f.outcome.analyzer}-seed${f.input.seed}-${f.input.index}.json`);
  fs.writeFileSync(file, JSON.stringify({ ...f.input, violations: f.outcome.violations, cpuMs: f.outcome.cpuMs }, null, 2) + '\n');
  return file;
}

export function loadFailure(file: string): FuzzInput {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as FuzzInput;
}

/** Runs inputs from `startIndex` until the time, input or per-target limits say stop. */
export function fuzz(opts: FuzzOptions): FuzzReport {
  const corpus = opts.corpus ?? loadCorpus();
  const targets = opts.targets ?? TARGET_NAMES;
  const report = emptyReport(opts.seed, opts.startIndex ?? 0);
  const signatures = new Map<string, number>();
  const started = performance.now();
  const deadline = started + (opts.seconds ?? Infinity) * 1000;
  const minIndex = (opts.startIndex ?? 0) + (opts.minPerTarget ?? 0) * targets.length;
  let lastProgress = started;
  for (let index = opts.startIndex ?? 0; ; index++) {
    const now = performance.now();
    if (index >= minIndex && now >= deadline) break;
    if (opts.maxInputs !== undefined && report.inputs >= opts.maxInputs) break;
    opts.onInput?.(index);
    const input = generateInput(corpus, opts.seed, index, targets);
    let outcome = runCase(input, opts.analyzeFn, opts.budgetMs);
    // On a shared machine a garbage collection or a busy neighbour can push one run over budget:
    // only an input that is slow twice counts.
    if (outcome.violations.some((v) => v.kind === 'slow')) {
      const again = runCase(input, opts.analyzeFn, opts.budgetMs);
      if (!again.violations.some((v) => v.kind === 'slow')) outcome = { ...outcome, violations: outcome.violations.filter((v) => v.kind !== 'slow') };
    }
    report.nextIndex = index + 1;
    if (record(report, input, outcome, signatures, opts.keepPerSignature ?? 3)) {
      const failure: FuzzFailure = { input, outcome };
      if (opts.failureDir) failure.file = saveFailure(opts.failureDir, failure);
      report.failures.push(failure);
    }
    if (opts.onProgress && now - lastProgress >= (opts.progressEveryMs ?? 10_000)) {
      lastProgress = now;
      report.elapsedMs = now - started;
      opts.onProgress(report);
    }
  }
  report.elapsedMs = performance.now() - started;
  return report;
}

/** A table of counts per analyzer, inputs per second, and fallbacks. */
export function formatReport(report: FuzzReport): string {
  const secs = report.elapsedMs / 1000;
  const lines = [`seed ${report.seed}: ${report.inputs} inputs in ${secs.toFixed(1)} s (${(report.inputs / Math.max(secs, 0.001)).toFixed(0)} inputs/s), next index ${report.nextIndex}, ${report.failures.length} failure(s) kept`];
  lines.push('analyzer               inputs   findings     fixes   skipped  fallbacks   cpu ms/input   max cpu ms');
  for (const [name, s] of Object.entries(report.byAnalyzer).sort()) {
    lines.push(`${name.padEnd(20)} ${String(s.inputs).padStart(8)} ${String(s.findings).padStart(10)} ${String(s.fixes).padStart(9)} ${String(s.skipped).padStart(9)} ${String(s.fallbacks).padStart(10)} ${(s.cpuMs / s.inputs).toFixed(2).padStart(14)} ${s.maxCpuMs.toFixed(0).padStart(12)}`);
  }
  const fb = Object.entries(report.fallbacks).sort((a, b) => b[1] - a[1]);
  if (fb.length) {
    lines.push('analyzer failures the generic scan stood in for:');
    for (const [sig, n] of fb) lines.push(`  ${String(n).padStart(7)}  ${sig}`);
  }
  for (const f of report.failures) {
    lines.push(`FAIL ${f.outcome.analyzer} index ${f.input.index} (${f.input.path}, seed file ${f.input.seedFile}, mutations ${f.input.mutations.join('+')})${f.file ? ` saved to ${f.file}` : ''}`);
    for (const v of f.outcome.violations.slice(0, 5)) lines.push(`    ${v.kind}: ${redact(v.detail)}`);
  }
  return lines.join('\n');
}
