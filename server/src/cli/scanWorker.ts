import { parentPort, workerData } from 'node:worker_threads';
import { NodeHost } from '../node/nodeHost.js';
import type { BatchRequest, BatchResult, WorkerInit } from './pool.js';
import { scanFile } from './scan.js';

// One thread of the CLI's scan pool (bundled as dist/scan-worker.js): analyses the batches of
// files the main thread sends and answers with the per-file results.
const init = workerData as WorkerInit;
const host = new NodeHost(init.roots);

parentPort!.on('message', (m: BatchRequest) => {
  const scans = m.files.map((f) => scanFile(f, init.settings, host));
  parentPort!.postMessage({ id: m.id, scans } satisfies BatchResult);
});
