import * as fs from 'node:fs';
import * as path from 'node:path';
import { fdir } from 'fdir';
import type { NodeHost } from './nodeHost.js';

/** Folders that never hold the user's own source: dependencies, VCS data, build output. */
export const SKIPPED_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.turbo',
  '.cache', '.parcel-cache', '.yarn', '.pnpm-store', 'bower_components', '.venv', 'venv', '__pycache__', 'target',
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
  for (const p of paths) {
    const abs = path.resolve(p);
    const stat = fs.statSync(abs);
    if (stat.isFile()) { files.push(abs); continue; }
    const rootReal = fs.realpathSync(abs);
    const found = new fdir()
      .withFullPaths()
      .exclude((name, dirPath) => SKIPPED_DIRS.has(name) || host.isGitIgnored(dirPath.replace(/[\\/]$/, ''), true) || unreadableDir(dirPath, skipped))
      .crawl(abs)
      .sync();
    for (const f of found) {
      const reason = skipByName(f) ?? (linkLeavesFolder(f, rootReal) ? 'link to a file outside the scanned folder (not followed)' : undefined);
      if (reason) skipped.push({ path: f, reason });
      else if (!host.isGitIgnored(f)) files.push(f);
    }
  }
  return { files: [...new Set(files)].sort(), skipped: skipped.sort((a, b) => a.path.localeCompare(b.path)) };
}
