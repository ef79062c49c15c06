/**
 * `npm run fuzz -- [--seconds N] [--seed S] [--start I] [--budget-ms M] [--out DIR] [--target NAME…]`
 * `npm run fuzz -- --repro FILE…` re-runs saved failing inputs.
 *
 * The long run of the fuzzer in fuzzer.ts. The inputs run on a worker thread; the main thread is
 * a watchdog: when the worker makes no progress for --hang-seconds of CPU time (an analysis that
 * never returns), it is stopped, the input it was on is regenerated from (seed, index) and saved, and a
 * new worker resumes after it. Prints inputs/s and counts per analyzer every --progress seconds
 * and at the end; exits 1 when any input failed. Failing inputs go to test-results/fuzz/ (git-ignored).
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { REPO_ROOT, TARGET_NAMES, type Target } from './corpus.js';
import { emptyReport, formatReport, fuzz, generateInput, loadFailure, redact, runCase, saveFailure, type FuzzReport } from './fuzzer.js';
import { loadCorpus } from './corpus.js';

interface WorkerJob { seed: number; start: number; seconds: number; budgetMs: number; out: string; targets: Target[]; progressMs: number; heartbeat: SharedArrayBuffer }
type FromWorker = { type: 'progress' | 'done'; report: FuzzReport };

function merge(total: FuzzReport, part: FuzzReport): void {
  total.inputs += part.inputs;
  total.nextIndex = Math.max(total.nextIndex, part.nextIndex);
  for (const [k, v] of Object.entries(part.byTarget)) total.byTarget[k] = (total.byTarget[k] ?? 0) + v;
  for (const [k, v] of Object.entries(part.fallbacks)) total.fallbacks[k] = (total.fallbacks[k] ?? 0) + v;
  for (const [k, s] of Object.entries(part.byAnalyzer)) {
    const t = (total.byAnalyzer[k] ??= { inputs: 0, findings: 0, fixes: 0, edits: 0, skipped: 0, fallbacks: 0, cpuMs: 0, maxCpuMs: 0 });
    t.inputs += s.inputs; t.findings += s.findings; t.fixes += s.fixes; t.edits += s.edits; t.skipped += s.skipped;
    t.fallbacks += s.fallbacks; t.cpuMs += s.cpuMs; t.maxCpuMs = Math.max(t.maxCpuMs, s.maxCpuMs);
  }
  total.failures.push(...part.failures);
}

function workerMain(job: WorkerJob): void {
  const beat = new Int32Array(job.heartbeat);
  const report = fuzz({
    seed: job.seed, startIndex: job.start, seconds: job.seconds, budgetMs: job.budgetMs, targets: job.targets,
    corpus: loadCorpus(REPO_ROOT), failureDir: job.out, progressEveryMs: job.progressMs,
    onInput: (i) => { Atomics.store(beat, 0, i); Atomics.add(beat, 1, 1); },
    onProgress: (r) => parentPort!.postMessage({ type: 'progress', report: r } satisfies FromWorker),
  });
  parentPort!.postMessage({ type: 'done', report } satisfies FromWorker);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      seconds: { type: 'string', default: '60' },
      seed: { type: 'string', default: String(Date.now() % 1_000_000) },
      start: { type: 'string', default: '0' },
      'budget-ms': { type: 'string', default: '1000' },
      'hang-seconds': { type: 'string', default: '30' },
      progress: { type: 'string', default: '30' },
      out: { type: 'string', default: path.join(REPO_ROOT, 'test-results', 'fuzz') },
      target: { type: 'string', multiple: true, default: [] },
      repro: { type: 'boolean', default: false },
    },
  });
  if (values.repro) {
    let failed = 0;
    for (const file of positionals) {
      const input = loadFailure(file);
      const outcome = runCase(input, undefined, Number(values['budget-ms']));
      console.log(`${file}: ${outcome.analyzer}, ${outcome.findings} findings, ${outcome.cpuMs.toFixed(0)} ms CPU${outcome.fallback ? `, fallback ${outcome.fallback}` : ''}`);
      for (const v of outcome.violations) console.log(`  ${v.kind}: ${redact(v.detail)}`);
      if (outcome.violations.length) failed++;
    }
    return failed ? 1 : 0;
  }
  const targets = (values.target!.length ? values.target! : TARGET_NAMES) as Target[];
  for (const t of targets) if (!TARGET_NAMES.includes(t)) throw new Error(`unknown target ${t} (${TARGET_NAMES.join(', ')})`);
  const seed = Number(values.seed);
  const seconds = Number(values.seconds);
  const hangMs = Number(values['hang-seconds']) * 1000;
  const progressMs = Number(values.progress) * 1000;
  let deadline = Date.now() + seconds * 1000;
  const total = emptyReport(seed, Number(values.start));
  const started = Date.now();
  const cpu0 = process.cpuUsage();
  console.log(`fuzzing seed ${seed} for ${seconds} s from index ${total.nextIndex} (targets: ${targets.join(', ')}); failures go to ${values.out}`);

  while (Date.now() < deadline) {
    const heartbeat = new SharedArrayBuffer(8);
    const beat = new Int32Array(heartbeat);
    Atomics.store(beat, 0, total.nextIndex);
    // The worker reports every few seconds (kept in case it must be stopped); the main thread prints every --progress seconds.
    const job: WorkerJob = { seed, start: total.nextIndex, seconds: (deadline - Date.now()) / 1000, budgetMs: Number(values['budget-ms']), out: values.out!, targets, progressMs: 5000, heartbeat };
    // Source files need tsx in the worker too (workers do not inherit the main thread's loader hooks).
    const worker = __filename.endsWith('.ts')
      ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(__filename)});`, { eval: true, workerData: job })
      : new Worker(__filename, { workerData: job });
    let latest: FuzzReport | undefined; // the worker's last progress report, kept if it has to be stopped
    let lastPrinted = Date.now();
    const part = await new Promise<FuzzReport | undefined>((resolve) => {
      // A hang is measured in CPU time (this process: the main thread only waits), so a busy
      // shared machine that gives the worker little time does not look like a hung analysis.
      let lastCount = -1;
      let cpuAtChange = process.cpuUsage();
      let wallAtChange = Date.now();
      const watchdog = setInterval(() => {
        const count = Atomics.load(beat, 1);
        if (count !== lastCount) { lastCount = count; cpuAtChange = process.cpuUsage(); wallAtChange = Date.now(); return; }
        const spent = process.cpuUsage(cpuAtChange);
        if ((spent.user + spent.system) / 1000 < hangMs && Date.now() - wallAtChange < 20 * hangMs) return;
        clearInterval(watchdog);
        const index = Atomics.load(beat, 0);
        const input = generateInput(loadCorpus(REPO_ROOT), seed, index, targets);
        const file = saveFailure(values.out!, { input, outcome: { analyzer: `${input.target}-hang`, violations: [{ kind: 'slow', detail: `no result after ${hangMs / 1000} s` }], cpuMs: NaN, wallMs: NaN, findings: 0, fixes: 0, edits: 0 } });
        console.log(`HANG at index ${index} (${input.path}); saved to ${file}; restarting after it`);
        if (latest) merge(total, latest);
        total.failures.push({ input, outcome: { analyzer: input.target, violations: [{ kind: 'slow', detail: 'hang' }], cpuMs: NaN, wallMs: NaN, findings: 0, fixes: 0, edits: 0 }, file });
        total.nextIndex = index + 1;
        void worker.terminate().then(() => resolve(undefined));
      }, 1000);
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'progress') {
          latest = m.report;
          if (Date.now() - lastPrinted < progressMs) return;
          lastPrinted = Date.now();
          const snapshot = emptyReport(seed);
          merge(snapshot, total);
          merge(snapshot, m.report);
          snapshot.elapsedMs = Date.now() - started;
          console.log(formatReport(snapshot).split('\n').filter((l) => !l.startsWith('FAIL') && !l.startsWith('    ')).join('\n'));
        } else { clearInterval(watchdog); resolve(m.report); }
      });
      worker.on('error', (e) => {
        clearInterval(watchdog);
        console.log(`worker died: ${redact(String(e))}`);
        if (Atomics.load(beat, 1) === 0) { deadline = 0; resolve(undefined); return; } // it never started: give up
        if (latest) merge(total, latest);
        total.nextIndex = Atomics.load(beat, 0) + 1;
        resolve(undefined);
      });
    });
    if (part) merge(total, part);
    await worker.terminate();
  }
  total.elapsedMs = Date.now() - started;
  const cpu = process.cpuUsage(cpu0);
  console.log(formatReport(total));
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(`CPU: ${cpuSeconds.toFixed(1)} s for ${total.inputs} inputs (${(total.inputs / Math.max(cpuSeconds, 0.001)).toFixed(0)} inputs per CPU second; the rest of the wall time was spent waiting for a core)`);
  console.log(`resume with: npm run fuzz -- --seed ${seed} --start ${total.nextIndex} --seconds N`);
  return total.failures.length ? 1 : 0;
}

if (isMainThread) {
  main().then((code) => { process.exitCode = code; }, (e) => { console.error(e); process.exitCode = 2; });
} else {
  workerMain(workerData as WorkerJob);
}
