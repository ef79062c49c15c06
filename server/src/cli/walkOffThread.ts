import * as fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { NodeHost } from '../node/nodeHost.js';
import { bundledScript } from './pool.js';
import { walk, type WalkResult } from './walk.js';

export interface WalkRequest { paths: string[]; roots: string[] }

/**
 * The walk of a scan that names a folder runs on a short-lived thread. Matching tens of thousands
 * of paths against `.gitignore` rules makes ~80 MB of garbage and caches, and V8 keeps a heap's
 * pages once grown: on the main thread they stayed for the whole scan (136 MB resident after the
 * walk of the dev corpus, 52 MB before). A thread's heap is returned when it ends. Named files
 * alone, or no bundled worker, walk here.
 */
export async function walkOffThread(paths: string[], roots: string[], host: NodeHost): Promise<WalkResult> {
  const walker = bundledScript('walk-worker.js');
  if (!walker || paths.every((p) => !fs.statSync(p).isDirectory())) return walk(paths, host);
  const worker = new Worker(walker, { workerData: { paths, roots } satisfies WalkRequest });
  try {
    return await new Promise<WalkResult>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the walk stopped (exit code ${code})`)));
    });
  } finally {
    await worker.terminate();
  }
}
