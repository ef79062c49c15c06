import { runCli } from './main.js';
import { allocateYoungFirst } from '../node/gcTuning.js';

allocateYoungFirst(); // before the scan's worker threads start

// `secretzero scan … | head`: a closed pipe is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); });

runCli(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    // An internal error: say so without echoing file contents, and exit 2.
    process.stderr.write(`secretzero: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
