import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { WorkspaceHost } from '../core/types.js';
import { readGitIndexPaths } from './gitIndex.js';

/**
 * The real file system behind the core: reads files, answers "would git ignore this" from the
 * `.gitignore` files between the repository root and the path, and "is it tracked" from the index.
 * Results are cached; `invalidate()` drops them when watched files change. A long-lived host (the
 * language server) also revalidates cached `.gitignore` files and git indexes by modification
 * time, because many clients never report file changes: a fix that appends to `.gitignore` must
 * clear its own warning without a restart. A one-shot scan (the CLI) skips those stat calls.
 */
export class NodeHost implements WorkspaceHost {
  private readonly gitignores = new Map<string, { mtimeMs: number; ig: Ignore | null }>();
  private readonly indexes = new Map<string, { mtimeMs: number; paths: Set<string> | undefined }>();
  private readonly repoRoots = new Map<string, string | null>();

  constructor(private roots: string[] = [], private readonly revalidate = false) {}

  private mtime(file: string): number {
    try { return fs.statSync(file).mtimeMs; } catch { return -1; }
  }

  setWorkspaceRoots(roots: string[]): void {
    this.roots = roots.map((r) => path.resolve(r));
    this.invalidate();
  }

  invalidate(): void {
    this.gitignores.clear();
    this.indexes.clear();
    this.repoRoots.clear();
  }

  readFile(p: string): string | undefined {
    try { return fs.readFileSync(p, 'utf8'); } catch { return undefined; }
  }

  exists(p: string): boolean {
    return fs.existsSync(p);
  }

  workspaceRoot(p: string): string | undefined {
    const abs = path.resolve(p);
    let best: string | undefined;
    for (const r of this.roots) if ((abs === r || abs.startsWith(r + path.sep)) && (!best || r.length > best.length)) best = r;
    return best ?? this.repoRoot(path.dirname(abs));
  }

  /** The nearest folder above `dir` holding `.git`, or undefined. */
  repoRoot(dir: string): string | undefined {
    const cached = this.repoRoots.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    let found: string | undefined;
    if (fs.existsSync(path.join(dir, '.git'))) found = dir;
    else {
      const parent = path.dirname(dir);
      found = parent !== dir ? this.repoRoot(parent) : undefined;
    }
    this.repoRoots.set(dir, found ?? null);
    return found;
  }

  private ignoreFileIn(dir: string): Ignore | null {
    const file = path.join(dir, '.gitignore');
    const cached = this.gitignores.get(dir);
    const mtimeMs = cached && !this.revalidate ? cached.mtimeMs : this.mtime(file);
    if (cached && cached.mtimeMs === mtimeMs) return cached.ig;
    const text = mtimeMs < 0 ? undefined : this.readFile(file);
    const ig = text === undefined ? null : ignore().add(text);
    this.gitignores.set(dir, { mtimeMs, ig });
    return ig;
  }

  /**
   * `isDir` matters: patterns such as `dist/` only match directories. `floor`, when given, is the
   * highest folder whose `.gitignore` counts: a scan of a folder that an enclosing repository
   * ignores applies only the ignore files inside that folder.
   */
  isGitIgnored(p: string, isDir = false, floor?: string): boolean {
    const abs = path.resolve(p);
    const top = floor ?? this.repoRoot(path.dirname(abs)) ?? this.workspaceRoot(abs) ?? path.dirname(abs);
    // Walk from the top down: a deeper .gitignore can re-include (`!`) what a higher one ignored.
    const dirs: string[] = [];
    for (let d = path.dirname(abs); ; d = path.dirname(d)) {
      dirs.unshift(d);
      if (d === top || path.dirname(d) === d) break;
    }
    let ignored = false;
    for (const d of dirs) {
      const ig = this.ignoreFileIn(d);
      if (!ig) continue;
      const rel = path.relative(d, abs).split(path.sep).join('/') + (isDir ? '/' : '');
      const r = ig.test(rel);
      if (r.ignored) ignored = true;
      else if (r.unignored) ignored = false;
    }
    return ignored;
  }

  isGitTracked(p: string): boolean | undefined {
    const abs = path.resolve(p);
    const root = this.repoRoot(path.dirname(abs));
    if (!root) return undefined;
    const file = path.join(root, '.git', 'index');
    let cached = this.indexes.get(root);
    const mtimeMs = cached && !this.revalidate ? cached.mtimeMs : this.mtime(file);
    if (!cached || cached.mtimeMs !== mtimeMs) {
      cached = { mtimeMs, paths: readGitIndexPaths(file) };
      this.indexes.set(root, cached);
    }
    const index = cached.paths;
    if (!index) return undefined;
    return index.has(path.relative(root, abs).split(path.sep).join('/'));
  }
}
