import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Settings } from '../core/types.js';
import type { NodeHost } from '../node/nodeHost.js';
import { mergeScans, scanFile, type FileScan, type ScanOutcome } from './scan.js';

/** Below this many files, starting threads (each loads the TypeScript parser) costs more than it saves. */
export const POOL_MIN_FILES = 50;

/** Messages between the pool and `scanWorker.ts`. */
export interface WorkerInit { settings: Settings; roots: string[] }
export interface BatchRequest { id: number; files: string[] }
export interface BatchResult { id: number; scans: FileScan[] }

/** The bundled worker beside the CLI bundle, or undefined when running from sources (tests, tsx). */
export function bundledWorker(): string | undefined {
  const p = path.join(__dirname, 'scan-worker.js');
  return fs.existsSync(p) ? p : undefined;
}

interface Batch { id: number; indices: number[] }

/**
 * Largest files first, cut into batches of roughly equal bytes: big files start early and the tail
 * is small batches of small files, so no thread is left alone with a large file at the end.
 */
export function planBatches(sizes: number[], threads: number): Batch[] {
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const total = sizes.reduce((a, b) => a + b, 0);
  const budget = Math.max(32 * 1024, Math.ceil(total / (threads * 24)));
  const batches: Batch[] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const i of order) {
    current.push(i);
    bytes += sizes[i];
    if (bytes >= budget || current.length >= 64) {
      batches.push({ id: batches.length, indices: current });
      current = [];
      bytes = 0;
    }
  }
  if (current.length) batches.push({ id: batches.length, indices: current });
  return batches;
}

function sizeOf(file: string): number {
  try { return fs.statSync(file).size; } catch { return 0; }
}

/**
 * Scans `files` on `threads` worker threads and merges the results in the order of `files`, so
 * the outcome is identical to the single-threaded scan. A worker that dies has its batch re-queued;
 * when none is left the main thread finishes the work itself.
 */
export async function scanInPool(files: string[], settings: Settings, host: NodeHost, opts: { threads: number; roots: string[]; workerPath: string }): Promise<ScanOutcome> {
  const init: WorkerInit = { settings, roots: opts.roots };
  const workers = Array.from({ length: Math.max(1, Math.min(opts.threads, files.length)) }, () => new Worker(opts.workerPath, { workerData: init }));
  // Sizes are read while the workers load their code.
  const queue = planBatches(files.map(sizeOf), workers.length);
  const scans: FileScan[] = new Array(files.length);
  const scanBatch = (b: Batch) => { for (const i of b.indices) scans[i] = scanFile(files[i], settings, host); };

  await new Promise<void>((resolve) => {
    let live = workers.length;
    let finished = 0;
    const total = queue.length;
    const settle = () => {
      if (finished === total) resolve();
      else if (live === 0) { while (queue.length) { scanBatch(queue.shift()!); finished++; } resolve(); }
    };
    for (const worker of workers) {
      let inFlight: Batch | undefined;
      let gone = false;
      const next = () => {
        inFlight = queue.shift();
        if (inFlight) worker.postMessage({ id: inFlight.id, files: inFlight.indices.map((i) => files[i]) } satisfies BatchRequest);
      };
      const lost = () => {
        if (gone) return;
        gone = true;
        live--;
        if (inFlight) queue.unshift(inFlight);
        inFlight = undefined;
        settle();
      };
      worker.on('message', (m: BatchResult) => {
        if (!inFlight || m.id !== inFlight.id) return;
        inFlight.indices.forEach((fileIndex, k) => { scans[fileIndex] = m.scans[k]; });
        finished++;
        next();
        settle();
      });
      worker.on('error', lost);
      worker.on('exit', lost);
      next();
    }
    settle();
  });
  await Promise.all(workers.map((w) => w.terminate()));
  return mergeScans(files, scans);
}
