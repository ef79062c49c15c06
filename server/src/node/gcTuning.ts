import * as v8 from 'node:v8';

/**
 * Turns off V8's allocation-site pretenuring for this process and its worker threads (V8's flags
 * are process-wide; call it before the first worker starts).
 *
 * Analysis parses one file after another, and each tree dies when its file is done. While a large
 * file is parsed, its nodes survive young-generation collections, and pretenuring then allocates
 * every later node from the same parser sites straight into the old generation. A young
 * collection treats every old object as live, so the dead trees there kept the young parts of the
 * following files alive too: they were copied, promoted and left for a full collection. Over the
 * generated workspace's 591 TypeScript files (in process, three passes), 1.19 GB of 2.42 GB
 * allocated was promoted and young collections took 3.6 s; without pretenuring, 73 MB and 0.56 s
 * (bench/README.md, issue 15). It settled into either state from run to run, so this is a switch,
 * not a size to tune.
 */
export function allocateYoungFirst(): void {
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
}
