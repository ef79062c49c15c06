import * as fs from 'node:fs';
import { MAX_ANALYZED_BYTES } from '../core/analyze.js';

/** A file's text, or why it is not read. */
export type ReadResult = { text: string } | { skipped: string };

// O_NONBLOCK: opening a named pipe for reading would otherwise wait for a writer forever
// (regular files ignore the flag). The descriptor is checked before anything is read, so a link
// to a pipe or a device (`x.txt -> /dev/zero` reads forever) is never read, and nothing can swap
// the file between the check and the read.
const FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

function judge(stat: fs.Stats): string | undefined {
  if (stat.isDirectory()) return 'link to a directory (not followed)';
  if (!stat.isFile()) return 'not a regular file (pipe, socket or device)';
  if (stat.size > MAX_ANALYZED_BYTES) return `file is larger than ${MAX_ANALYZED_BYTES / 1024 / 1024} MB`;
  return undefined;
}

const unreadable = (e: unknown) => ({ skipped: `unreadable (${(e as NodeJS.ErrnoException).code ?? 'error'})` });

/** Reads a workspace file for scanning: regular files up to the analysis limit only. */
export function readTextFile(file: string): ReadResult {
  let fd: number;
  try { fd = fs.openSync(file, FLAGS); } catch (e) { return unreadable(e); }
  try {
    const skipped = judge(fs.fstatSync(fd));
    return skipped ? { skipped } : { text: fs.readFileSync(fd, 'utf8') };
  } catch (e) {
    return unreadable(e);
  } finally {
    fs.closeSync(fd);
  }
}

/** readTextFile without blocking the event loop (the language server's workspace scan). */
export async function readTextFileAsync(file: string): Promise<ReadResult> {
  let handle: fs.promises.FileHandle;
  try { handle = await fs.promises.open(file, FLAGS); } catch (e) { return unreadable(e); }
  try {
    const skipped = judge(await handle.stat());
    return skipped ? { skipped } : { text: await handle.readFile('utf8') };
  } catch (e) {
    return unreadable(e);
  } finally {
    await handle.close();
  }
}
