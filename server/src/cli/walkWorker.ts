import { parentPort, workerData } from 'node:worker_threads';
import { NodeHost } from '../node/nodeHost.js';
import type { WalkRequest } from './walkOffThread.js';
import { walk } from './walk.js';

// The CLI's walk, on a thread of its own (bundled as dist/walk-worker.js): see walkOffThread.ts.
const { paths, roots } = workerData as WalkRequest;
parentPort!.postMessage(walk(paths, new NodeHost(roots)));
