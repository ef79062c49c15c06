import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { WorkspaceHost } from '../core/types.js';
import { readGitIndexPaths } from './gitIndex.js';

/**
 * The real file system behind the core: reads files, answers "would git ignore this" from the
 * `.gitignore` files between the repository root and the path, and "is it tracked" from the index.
 * Results are cached; `invalidate()` drops them when watched files change.
 */
export class NodeHost implements WorkspaceHost {
  private readonly gitignores = new Map<string, Ignore | null>();
  private readonly indexes = new Map<string, Set<string> | undefined>();
  private readonly repoRoots = new Map<string, string | null>();

  constructor(private roots: string[] = []) {}

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
    let ig = this.gitignores.get(dir);
    if (ig === undefined) {
      const text = this.readFile(path.join(dir, '.gitignore'));
      ig = text === undefined ? null : ignore().add(text);
      this.gitignores.set(dir, ig);
    }
    return ig;
  }

  /** `isDir` matters: patterns such as `dist/` only match directories. */
  isGitIgnored(p: string, isDir = false): boolean {
    const abs = path.resolve(p);
    const top = this.repoRoot(path.dirname(abs)) ?? this.workspaceRoot(abs) ?? path.dirname(abs);
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
    if (!this.indexes.has(root)) this.indexes.set(root, readGitIndexPaths(path.join(root, '.git', 'index')));
    const index = this.indexes.get(root);
    if (!index) return undefined;
    return index.has(path.relative(root, abs).split(path.sep).join('/'));
  }
}
