import * as fs from 'node:fs';
import * as path from 'node:path';
import { fdir } from 'fdir';
import type { NodeHost } from './nodeHost.js';

/** Folders that never hold the user's own source: dependencies, VCS data, build output. */
export const SKIPPED_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.turbo',
  '.cache', '.parcel-cache', '.yarn', '.pnpm-store', 'bower_components', '.venv', 'venv', '__pycache__', 'target',
  // Go modules and Composer packages vendored into the tree: dependencies, like node_modules.
  'vendor',
  // Python: tool caches and installed packages (`site-packages` lives inside virtualenvs by any name).
  '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ruff_cache', 'site-packages', '.eggs',
]);

const LOCK_FILES = new Set([
  'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock', 'Cargo.lock',
  'poetry.lock', 'composer.lock', 'Gemfile.lock', 'go.sum', 'Pipfile.lock', 'uv.lock',
]);

const BINARY_EXT = /\.(png|jpe?g|gif|webp|bmp|ico|icns|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|class|so|dylib|dll|exe|bin|o|a|wasm|woff2?|ttf|otf|eot|mp[34]|mov|avi|webm|ogg|wav|flac|sqlite|db|pyc|node|vsix|map)$/i;
const MINIFIED = /\.min\.(js|mjs|cjs|css)$|[.-]bundle\.js$/i;

/** Content-based skips: minified bundles and generated blobs with enormous lines. */
export function skipByContent(text: string): string | undefined {
  if (text.length > 200_000) {
    // Count every line: `split('\n', 50)` capped the count and skipped any normal file over 250 kB.
    let lines = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    if (text.length / lines > 5_000) return 'huge single-line file (minified or generated)';
  }
  return undefined;
}

export interface WalkResult {
  files: string[];
  skipped: { path: string; reason: string }[];
  /** What the walk left out without a per-file entry: what a scan that reads nothing explains. */
  excluded: {
    /** Files and folders excluded by `.gitignore` files. */
    gitIgnored: number;
    /** Dependency, VCS and build folders passed over, by name. */
    skippedDirs: Map<string, number>;
  };
  /** Named folders that an enclosing repository's `.gitignore` ignores: scanned, with only their own ignore files. */
  ignoredRoots: string[];
}

/** Why a file path is never scanned (without reading it), or undefined. */
export function skipByName(file: string): string | undefined {
  const base = path.basename(file);
  if (LOCK_FILES.has(base)) return 'lock file';
  if (BINARY_EXT.test(base)) return 'binary file';
  if (MINIFIED.test(base)) return 'minified file';
  return undefined;
}

/** A folder the walk cannot list would otherwise vanish from the scan without a word: report it. */
function unreadableDir(dirPath: string, skipped: WalkResult['skipped']): boolean {
  try {
    fs.accessSync(dirPath, fs.constants.R_OK | fs.constants.X_OK);
    return false;
  } catch (e) {
    skipped.push({ path: dirPath.replace(/[\\/]$/, ''), reason: `unreadable folder (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
    return true;
  }
}

/**
 * A symbolic link whose target lies outside the scanned folder. It could point anywhere on the
 * machine (`notes.txt -> ~/.ssh/id_rsa`): a workspace scan reads only what the workspace holds.
 * A broken link is left to the read, which reports it.
 */
function linkLeavesFolder(file: string, rootReal: string): boolean {
  try {
    if (!fs.lstatSync(file).isSymbolicLink()) return false;
    const target = fs.realpathSync(file);
    return target !== rootReal && !target.startsWith(rootReal.endsWith(path.sep) ? rootReal : rootReal + path.sep);
  } catch {
    return false;
  }
}

/**
 * Shared by the CLI and the language server's workspace scan, so both see the same files.
 * Files to scan under the given paths, honouring `.gitignore` files (nested ones too), skipping
 * dependency and build folders, lock, binary and minified files. Folder links are not followed, so a
 * link loop cannot trap the walk; file links only when they stay inside the scanned folder.
 * Sorted, so output order is deterministic.
 */
export function walk(paths: string[], host: NodeHost): WalkResult {
  const files: string[] = [];
  const skipped: WalkResult['skipped'] = [];
  const excluded: WalkResult['excluded'] = { gitIgnored: 0, skippedDirs: new Map() };
  const ignoredRoots: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(p);
    const stat = fs.statSync(abs);
    // A file named on the command line is scanned whatever ignores it: the user asked for it.
    if (stat.isFile()) { files.push(abs); continue; }
    const rootReal = fs.realpathSync(abs);
    // A folder named on the command line that an enclosing repository ignores (a vendored or
    // fetched checkout, a build folder) is scanned too: only the ignore files inside it apply.
    const floor = ignoreFloor(abs, host);
    if (floor) ignoredRoots.push(abs);
    const ignored = (target: string, isDir: boolean) => {
      const hit = host.isGitIgnored(target, isDir, floor);
      if (hit) excluded.gitIgnored++;
      return hit;
    };
    const found = new fdir()
      .withFullPaths()
      .exclude((name, dirPath) => {
        if (SKIPPED_DIRS.has(name)) { excluded.skippedDirs.set(name, (excluded.skippedDirs.get(name) ?? 0) + 1); return true; }
        return ignored(dirPath.replace(/[\\/]$/, ''), true) || unreadableDir(dirPath, skipped);
      })
      .crawl(abs)
      .sync();
    for (const f of found) {
      const reason = skipByName(f) ?? (linkLeavesFolder(f, rootReal) ? 'link to a file outside the scanned folder (not followed)' : undefined);
      if (reason) skipped.push({ path: f, reason });
      else if (!ignored(f, false)) files.push(f);
    }
  }
  return { files: [...new Set(files)].sort(), skipped: skipped.sort((a, b) => a.path.localeCompare(b.path)), excluded, ignoredRoots };
}

/**
 * The highest folder whose `.gitignore` applies under a scanned folder: the folder itself when it,
 * or a folder above it inside its repository, is excluded by a `.gitignore`; otherwise undefined
 * (every ignore file up to the repository root applies, as git would have it).
 */
export function ignoreFloor(dir: string, host: NodeHost): string | undefined {
  const top = host.repoRoot(dir);
  if (!top) return undefined;
  for (let d = dir; d !== top && path.dirname(d) !== d; d = path.dirname(d)) {
    if (host.isGitIgnored(d, true)) return dir;
  }
  return undefined;
}

/**
 * Why a scan read no file, in one sentence, or undefined when it read some. A scan that reads
 * nothing must never pass for a clean one.
 */
export function explainEmptyScan(walked: Pick<WalkResult, 'excluded' | 'skipped'>, read: number): string | undefined {
  if (read > 0) return undefined;
  const parts: string[] = [];
  const { gitIgnored, skippedDirs } = walked.excluded;
  if (gitIgnored) parts.push(`${gitIgnored} path${gitIgnored === 1 ? "" : "s"} excluded by .gitignore`);
  if (skippedDirs.size) parts.push(`dependency, VCS and build folders passed over (${[...skippedDirs.keys()].sort().join(', ')})`);
  const reasons = new Map<string, number>();
  for (const s of walked.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  for (const [reason, n] of reasons) parts.push(`${n} skipped: ${reason}`);
  return `no file was scanned: ${parts.length ? parts.join('; ') : 'the scanned folders hold no files'}`;
}
