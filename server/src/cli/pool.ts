import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Settings } from '../core/types.js';
import type { NodeHost } from '../node/nodeHost.js';
import { mergeScans, type FileScan, type ScanOutcome } from './outcome.js';

/**
 * One analysis thread per two cores. A single scanning thread already keeps about 1.3–1.4 cores
 * busy (V8 collects garbage and optimises code on helper threads), so on 2 cores a second worker
 * made scans no faster and cost a third more CPU (`/usr/bin/time`, bench/README.md).
 */
export function defaultThreads(): number {
  return Math.max(1, Math.floor(os.availableParallelism() / 2));
}

/** Below this many files, starting threads (each loads the TypeScript parser) costs more than it saves. */
export const POOL_MIN_FILES = 50;

/**
 * Old-generation cap per worker: V8 otherwise lets garbage pile up to several hundred MB before a
 * full collection, and the scan's live data is small (one batch of trees). On the dev corpus a
 * single uncapped scan peaked at 616 MB RSS; one worker capped at 192 MB at 303 MB, for about 5 %
 * more wall time (128 MB: 298 MB, and more time collecting). A file too large for it kills only
 * its worker; that batch is then scanned on the main thread, which has no cap.
 */
export const WORKER_OLD_SPACE_MB = 192;

/** Batches queued ahead per worker, so a worker never waits for the main thread between batches. */
const IN_FLIGHT = 2;

/** Scan threads started ahead of the work, loading the analysis core meanwhile. */
export interface ScanWorkers {
  /** Up to `count` of them for a scan; the others are stopped. */
  take(count: number): Worker[];
  /** Whether a worker has already ended (it failed while loading, or while the folder was walked). */
  ended(worker: Worker): boolean;
  /** Stops them all: the scan runs on the main thread after all. */
  stop(): void;
}

/**
 * Starts `count` scan threads. Each spends about 0.6 s loading the analysis core before its first
 * file, so the CLI starts them before it walks a folder (3 s on the dev corpus) and hands them the
 * files afterwards.
 */
export function startScanWorkers(count: number, init: WorkerInit, workerPath: string): ScanWorkers {
  const ended = new Set<Worker>();
  const workers = Array.from({ length: count }, () => {
    const w = new Worker(workerPath, { workerData: init, resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_SPACE_MB } });
    // Until the scan listens, a failure must not be an uncaught 'error': it is an ended worker.
    w.on('error', () => {});
    w.on('exit', () => ended.add(w));
    return w;
  });
  const stop = (list: Worker[]) => { for (const w of list) void w.terminate(); };
  return {
    take: (n) => { stop(workers.slice(n)); return workers.slice(0, n); },
    ended: (w) => ended.has(w),
    stop: () => stop(workers),
  };
}

/** Messages between the pool and `scanWorker.ts`. */
export interface WorkerInit { settings: Settings; roots: string[] }
export interface BatchRequest { id: number; files: string[] }
export interface BatchResult { id: number; scans: FileScan[] }

/** A bundled worker script beside the CLI bundle, or undefined when running from sources (tests, tsx). */
export function bundledScript(name: 'scan-worker.js' | 'walk-worker.js'): string | undefined {
  const p = path.join(__dirname, name);
  return fs.existsSync(p) ? p : undefined;
}

export interface Batch { id: number; indices: number[] }

/**
 * Largest files first, cut into batches of roughly equal bytes: big files start early and the tail
 * is small batches of small files, so no thread is left alone with a large file at the end.
 */
export function planBatches(sizes: number[], threads: number): Batch[] {
  const order = sizes.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const total = sizes.reduce((a, b) => a + b, 0);
  const budget = Math.max(32 * 1024, Math.ceil(total / (threads * 32)));
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
 * Scans `files` on `threads` worker threads while this thread only hands out batches (it never
 * loads the analysis core), then merges the results in the order of `files`, so the outcome is
 * identical to the single-threaded scan. When a worker dies its batches are scanned here instead.
 */
export async function scanInPool(files: string[], settings: Settings, host: NodeHost, opts: { threads: number; roots: string[]; workerPath: string; started?: ScanWorkers }): Promise<ScanOutcome> {
  const count = Math.max(1, Math.min(opts.threads, files.length));
  const started = opts.started ?? startScanWorkers(count, { settings, roots: opts.roots }, opts.workerPath);
  const workers = started.take(count);
  // Sizes are read while the workers load their code.
  const queue = planBatches(files.map(sizeOf), workers.length);
  const total = queue.length;
  const scans: FileScan[] = new Array(files.length);
  const orphans: Batch[] = [];

  await new Promise<void>((resolve) => {
    let live = workers.length;
    let finished = 0;
    const settle = () => { if (finished + orphans.length === total) resolve(); };
    for (const worker of workers) {
      const inFlight = new Map<number, Batch>();
      let gone = false;
      const fill = () => {
        while (!gone && inFlight.size < IN_FLIGHT && queue.length) {
          const b = queue.shift()!;
          inFlight.set(b.id, b);
          worker.postMessage({ id: b.id, files: b.indices.map((i) => files[i]) } satisfies BatchRequest);
        }
      };
      const lost = () => {
        if (gone) return;
        gone = true;
        live--;
        // The batch that killed it (or was queued behind it) is finished on the main thread.
        orphans.push(...inFlight.values());
        inFlight.clear();
        if (live === 0) orphans.push(...queue.splice(0));
        settle();
      };
      worker.on('message', (m: BatchResult) => {
        const b = inFlight.get(m.id);
        if (!b) return;
        inFlight.delete(m.id);
        b.indices.forEach((fileIndex, k) => { scans[fileIndex] = m.scans[k]; });
        finished++;
        fill();
        settle();
      });
      worker.on('error', lost);
      worker.on('exit', lost);
      if (started.ended(worker)) lost();
      fill();
    }
    settle(); // nothing to do at all
  });
  await Promise.all(workers.map((w) => w.terminate()));
  if (orphans.length) {
    const { scanFile } = await import('./scan.js');
    for (const b of orphans) for (const i of b.indices) scans[i] = scanFile(files[i], settings, host);
  }
  return mergeScans(files, scans);
}
