import * as path from 'node:path';
import type { WorkspaceHost } from '../../server/src/core/types.js';

/**
 * An in-memory workspace for unit tests: files by absolute path, which of them git ignores or
 * tracks, and the workspace root.
 */
export class MemoryHost implements WorkspaceHost {
  files = new Map<string, string>();
  ignored = new Set<string>();
  tracked = new Set<string>();
  constructor(readonly root = '/ws', files: Record<string, string> = {}, opts: { ignored?: string[]; tracked?: string[] } = {}) {
    for (const [p, t] of Object.entries(files)) this.files.set(path.resolve(root, p), t);
    for (const p of opts.ignored ?? []) this.ignored.add(path.resolve(root, p));
    for (const p of opts.tracked ?? []) this.tracked.add(path.resolve(root, p));
  }
  readFile(p: string) { return this.files.get(p); }
  exists(p: string) { return this.files.has(p); }
  isGitIgnored(p: string) { return this.ignored.has(p); }
  isGitTracked(p: string) { return this.tracked.has(p); }
  workspaceRoot(p: string) { return p.startsWith(this.root + '/') ? this.root : undefined; }
}
