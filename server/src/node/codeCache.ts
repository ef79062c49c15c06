import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/**
 * Loads the big bundles (the analysis core and the language server carry TypeScript: ~11 MB of
 * JavaScript) with a V8 code cache written at build time beside them (`<bundle>.v8cache`).
 * Compiling the bundle is otherwise ~0.35 s of every CLI run, every scan worker and every server
 * start, on these machines about a fifth of a small scan (bench/README.md).
 *
 * The cache is only trusted for the exact file it was made from: its header records the bundle's
 * size and mtime and the Node version and architecture; V8 checks its own version and flags too.
 * Anything that does not match, or any error, falls back to a plain `require`.
 */

const MAGIC = 'SZV8';

interface CacheHeader { size: number; mtimeMs: number; node: string; arch: string }

function headerFor(file: string): CacheHeader {
  const st = fs.statSync(file);
  return { size: st.size, mtimeMs: st.mtimeMs, node: process.version, arch: process.arch };
}

export function cachePathOf(bundle: string): string {
  return `${bundle}.v8cache`;
}

/** The V8 data in `cacheFile` if it was made for `bundle` as it is now, else undefined. */
export function readCodeCache(bundle: string, cacheFile = cachePathOf(bundle)): Buffer | undefined {
  let raw: Buffer;
  try { raw = fs.readFileSync(cacheFile); } catch { return undefined; }
  if (raw.length < 8 || raw.toString('latin1', 0, 4) !== MAGIC) return undefined;
  const headerLength = raw.readUInt32LE(4);
  try {
    const header = JSON.parse(raw.toString('utf8', 8, 8 + headerLength)) as CacheHeader;
    const now = headerFor(bundle);
    if (header.size !== now.size || header.mtimeMs !== now.mtimeMs || header.node !== now.node || header.arch !== now.arch) return undefined;
  } catch { return undefined; }
  return raw.subarray(8 + headerLength);
}

function encode(bundle: string, data: Buffer): Buffer {
  const header = Buffer.from(JSON.stringify(headerFor(bundle)), 'utf8');
  const prefix = Buffer.alloc(8);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(header.length, 4);
  return Buffer.concat([prefix, header, data]);
}

interface Compiled { script: vm.Script; module: Module; run: () => unknown }

/** Compiles `file` as a CommonJS module (as `require` would), optionally from cached V8 data. */
function compile(file: string, cachedData: Buffer | undefined): Compiled {
  const source = fs.readFileSync(file, 'utf8');
  const wrapper = `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
  const script = new vm.Script(wrapper, { filename: file, cachedData });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  const run = () => {
    const fn = script.runInThisContext() as (...args: unknown[]) => void;
    fn.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
    mod.loaded = true;
    return mod.exports;
  };
  return { script, module: mod, run };
}

/** `require(file)`, compiled from its build-time code cache when there is a valid one. */
export function requireWithCodeCache(file: string): unknown {
  const resolved = path.resolve(file);
  const cached = (require.cache as Record<string, NodeJS.Module | undefined>)[resolved];
  if (cached) return cached.exports;
  const data = readCodeCache(resolved);
  if (!data) return require(resolved);
  let compiled: Compiled;
  try {
    compiled = compile(resolved, data);
  } catch {
    return require(resolved);
  }
  // Registered before running, as `require` does, so a cycle back into the bundle finds it.
  (require.cache as Record<string, unknown>)[resolved] = compiled.module;
  try {
    return compiled.run();
  } catch (e) {
    delete (require.cache as Record<string, unknown>)[resolved];
    throw e;
  }
}

/** Whether `requireWithCodeCache(file)` would use the cache (V8 accepts it): for tests and the build. */
export function codeCacheAccepted(file: string): boolean {
  const data = readCodeCache(path.resolve(file));
  if (!data) return false;
  try { return compile(path.resolve(file), data).script.cachedDataRejected === false; } catch { return false; }
}

/**
 * Build time: compiles `bundle`, optionally runs it and `warmUp(exports)` so the functions a scan
 * compiles lazily are in the cache too, then writes `<bundle>.v8cache`. A bundle that starts a
 * server when run (the language server) is cached without running it.
 */
export function writeCodeCache(bundle: string, warmUp?: (exports: unknown) => void): string {
  const resolved = path.resolve(bundle);
  const compiled = compile(resolved, undefined);
  if (warmUp) warmUp(compiled.run());
  const out = cachePathOf(resolved);
  fs.writeFileSync(out, encode(resolved, compiled.script.createCachedData()));
  return out;
}
