/**
 * Edit → diagnostics latency over the wire: spawns the built language server over stdio, opens a
 * generated MCP server file, applies single-character incremental `didChange` edits at seeded
 * positions and times each one until the diagnostics for that exact version arrive — a
 * `publishDiagnostics` carrying the new version (push, `secretzero.debounceMs: 0`), or the response
 * to a `textDocument/diagnostic` request sent right after the change (pull).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TestLspClient } from '../test/helpers/lspClient';
import { SERVER_NODE_FLAGS } from '../server/src/node/serverFlags';
import { generateTsServer, rng } from './generate';
import { generatePyServer } from './generatePython';
import { median, round, summarize, type Summary } from './stats';

export interface LatencyOptions {
  lines: number;
  mode: 'push' | 'pull';
  edits: number;
  warmup: number;
  seed: number;
  /** The generated file's language (TypeScript unless said). */
  language?: 'typescript' | 'python';
}

export interface LatencyResult extends Summary {
  lines: number;
  language: 'typescript' | 'python';
  bytes: number;
  mode: 'push' | 'pull';
  edits: number;
  /** Findings in the file as opened (the generator plants a few). */
  findings: number;
  /** Pull requests the server answered with ServerCancelled and the client re-sent. */
  retries: number;
  /**
   * The server's main thread, per edit, from /proc/PID/schedstat (Linux): time on a CPU, and time
   * runnable but waiting for one. On a busy machine the second explains the wall-clock figures.
   */
  serverCpu?: Summary;
  serverWaitForCpu?: Summary;
  /** With several runs: each figure is the median of the runs' figures, and these are the runs' own p95s. */
  runsP95?: number[];
}

/** The median of each figure of several summaries. */
function medianSummary(summaries: readonly Summary[]): Summary {
  const mid = (pick: (s: Summary) => number) => round(median(summaries.map(pick)));
  return { p50: mid((s) => s.p50), p95: mid((s) => s.p95), max: mid((s) => s.max), mean: mid((s) => s.mean) };
}

/** The runs of one configuration as one row: the median of each figure over the runs (server figures only when every run has them). */
export function medianOfRuns(runs: readonly LatencyResult[]): LatencyResult {
  const server = (pick: (r: LatencyResult) => Summary | undefined): Summary | undefined => {
    const all = runs.map(pick);
    return all.every((s) => s) ? medianSummary(all as Summary[]) : undefined;
  };
  return {
    ...runs[0], ...medianSummary(runs),
    edits: runs.reduce((n, r) => n + r.edits, 0), retries: runs.reduce((n, r) => n + r.retries, 0),
    serverCpu: server((r) => r.serverCpu), serverWaitForCpu: server((r) => r.serverWaitForCpu),
    runsP95: runs.map((r) => r.p95),
  };
}

/** [on-CPU ns, waiting-for-CPU ns] of a process's main thread, or undefined off Linux. */
function schedstat(pid: number | undefined): [number, number] | undefined {
  try {
    const [run, wait] = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return [run, wait];
  } catch {
    return undefined;
  }
}

const SERVER_CANCELLED = -32802;

/**
 * Single-character edits at seeded positions, as typing produces them: a character typed somewhere
 * (letters, digits, space or punctuation, so some versions do not parse), then a backspace that
 * removes it, then a character elsewhere… Every edit is measured; the file never drifts into a heap
 * of accumulated syntax errors that no editor buffer looks like.
 */
export function* singleCharEdits(text: string, seed: number): Generator<{ line: number; character: number; insert?: string }, never> {
  const r = rng(seed);
  const lines = text.split('\n');
  const ALPHABET = 'abcdefxyz_ 0123(.,';
  for (;;) {
    let line = Math.floor(r() * lines.length);
    while (lines[line].length === 0) line = (line + 1) % lines.length;
    const l = lines[line];
    const character = Math.floor(r() * (l.length + 1));
    const ch = ALPHABET[Math.floor(r() * ALPHABET.length)];
    lines[line] = l.slice(0, character) + ch + l.slice(character);
    yield { line, character, insert: ch };
    lines[line] = l;
    yield { line, character };
  }
}

export async function measureLatency(opts: LatencyOptions): Promise<LatencyResult> {
  const language = opts.language ?? 'typescript';
  const generate = language === 'python' ? generatePyServer : generateTsServer;
  const text = generate({ lines: opts.lines, seed: opts.seed, findings: Math.max(3, Math.round(opts.lines / 1500)) });
  // Started as the VS Code extension starts it.
  const client = new TestLspClient(undefined, undefined, undefined, SERVER_NODE_FLAGS);
  client.settings = { debounceMs: 0 };
  const samples: number[] = [];
  const cpu: number[] = [];
  const wait: number[] = [];
  let retries = 0;
  let findings = 0;
  try {
    await client.initialize({ pull: opts.mode === 'pull' });
    const file = path.join(os.tmpdir(), `secretzero-bench-${opts.lines}.${language === 'python' ? 'py' : 'ts'}`);
    const uri = client.open(file, text, language);

    const diagnosticsFor = async (version: number): Promise<unknown[]> => {
      if (opts.mode === 'push') {
        const p = await client.waitFor(() => { const x = client.published.get(uri); return x && x.version === version && x; }, 30_000, `publish v${version}`);
        return p.diagnostics;
      }
      for (;;) {
        try {
          const report = await client.pull(uri);
          return report.items;
        } catch (e) {
          if ((e as { code?: number }).code !== SERVER_CANCELLED) throw e;
          retries++;
        }
      }
    };

    findings = (await diagnosticsFor(1)).length;
    const edits = singleCharEdits(text, opts.seed + 1);
    for (let i = 0; i < opts.warmup + opts.edits; i++) {
      const e = edits.next().value;
      const start = { line: e.line, character: e.character };
      const range = e.insert !== undefined ? { start, end: start } : { start, end: { line: e.line, character: e.character + 1 } };
      const s0 = schedstat(client.proc.pid);
      const t0 = performance.now();
      const version = client.change(uri, [{ range, text: e.insert ?? '' }]);
      await diagnosticsFor(version);
      const dt = performance.now() - t0;
      const s1 = schedstat(client.proc.pid);
      if (i >= opts.warmup) {
        samples.push(dt);
        if (s0 && s1) { cpu.push((s1[0] - s0[0]) / 1e6); wait.push((s1[1] - s0[1]) / 1e6); }
      }
    }
  } finally {
    await client.shutdown();
  }
  return {
    lines: opts.lines, language, bytes: Buffer.byteLength(text), mode: opts.mode, edits: samples.length, findings, retries, ...summarize(samples),
    ...(cpu.length ? { serverCpu: summarize(cpu), serverWaitForCpu: summarize(wait) } : {}),
  };
}
