/**
 * The parse floor: how long `ts.createSourceFile` alone takes over the TS/JS files a scan reads,
 * split over the cores. Files are read and TypeScript is loaded before the clock starts, and the
 * split balances bytes (largest first onto the least-loaded worker), so this is the least time any
 * scanner that parses every file with TypeScript could take on this machine.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';

export interface ParseFloorResult {
  files: number;
  bytes: number;
  workers: number;
  /** Wall time from "go" until the last worker finished. */
  wallMs: number;
  /** Sum of the workers' parse times (wall clock inside each worker). */
  workerMs: number;
  /** CPU time of this process during the parse (user + system, all threads: workers, GC, JIT). */
  cpuMs: number;
  /** Bytes per second of one worker's parse time. */
  mbPerSecPerCore: number;
}

// Runs inside each worker: the bare parse (no parent pointers, which the scanner sets in its own
// walk; JSDoc left unparsed, as the scanner does), the least any scanner that parses with
// TypeScript must spend.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const ts = require(workerData.typescript);
const PARSE_OPTIONS = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
const KINDS = { ts: ts.ScriptKind.TS, tsx: ts.ScriptKind.TSX, js: ts.ScriptKind.JS, jsx: ts.ScriptKind.JSX };
// Warm the parser on a small file so first-call compilation is not billed to the floor.
ts.createSourceFile('warm.ts', 'export const a = { b: [1, "c"] };', ts.ScriptTarget.Latest, false);
parentPort.postMessage('ready');
parentPort.once('message', () => {
  const t0 = performance.now();
  let nodes = 0;
  for (const f of workerData.files) nodes += ts.createSourceFile(f.path, f.text, PARSE_OPTIONS, false, KINDS[f.kind]).statements.length;
  parentPort.postMessage({ ms: performance.now() - t0, nodes });
});
`;

function kindOf(p: string): 'ts' | 'tsx' | 'js' | 'jsx' {
  if (/\.tsx$/i.test(p)) return 'tsx';
  if (/\.jsx$/i.test(p)) return 'jsx';
  if (/\.[mc]?ts$/i.test(p)) return 'ts';
  return 'js';
}

export async function measureParseFloor(paths: string[], workers = os.availableParallelism()): Promise<ParseFloorResult> {
  const files = paths.map((p) => ({ path: p, text: fs.readFileSync(p, 'utf8'), kind: kindOf(p) }));
  const groups: { files: typeof files; bytes: number }[] = Array.from({ length: workers }, () => ({ files: [], bytes: 0 }));
  for (const f of [...files].sort((a, b) => b.text.length - a.text.length)) {
    const g = groups.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    g.files.push(f);
    g.bytes += f.text.length;
  }
  const typescript = require.resolve('typescript');
  const threads = groups.map((g) => new Worker(WORKER, { eval: true, workerData: { typescript, files: g.files } }));
  try {
    await Promise.all(threads.map((w) => new Promise<void>((resolve, reject) => { w.once('message', () => resolve()); w.once('error', reject); })));
    const t0 = performance.now();
    const done = threads.map((w) => new Promise<number>((resolve, reject) => { w.once('message', (m: { ms: number }) => resolve(m.ms)); w.once('error', reject); }));
    const c0 = process.cpuUsage();
    for (const w of threads) w.postMessage('go');
    const times = await Promise.all(done);
    const wallMs = performance.now() - t0;
    const c = process.cpuUsage(c0);
    const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
    const workerMs = times.reduce((a, b) => a + b, 0);
    return { files: files.length, bytes, workers, wallMs, workerMs, cpuMs: (c.user + c.system) / 1000, mbPerSecPerCore: bytes / 1e6 / (workerMs / 1000) };
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
  }
}
