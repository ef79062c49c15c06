import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cachePathOf, codeCacheAccepted, readCodeCache, requireWithCodeCache, writeCodeCache } from '../../server/src/node/codeCache.js';

const ROOT = path.resolve(__dirname, '..', '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-codecache-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/** A fresh CommonJS module file (a new path each time: require caches by path). */
function moduleFile(body: string): string {
  const file = path.join(tmp, `m${n++}.js`);
  fs.writeFileSync(file, body);
  return file;
}

describe('build-time V8 code cache', () => {
  it('loads a module from its cache with the same exports, require and __dirname as require would', () => {
    const file = moduleFile("const p = require('node:path'); exports.answer = () => 42; exports.dir = __dirname; exports.sep = p.sep; exports.self = module.id;\n");
    writeCodeCache(file, (e) => assert.equal((e as { answer(): number }).answer(), 42));
    assert.ok(readCodeCache(file), 'the header matches the bundle it was made from');
    assert.equal(codeCacheAccepted(file), true, 'V8 accepts the data');
    const m = requireWithCodeCache(file) as { answer(): number; dir: string; sep: string; self: string };
    assert.equal(m.answer(), 42);
    assert.equal(m.dir, tmp);
    assert.equal(m.sep, path.sep);
    assert.equal(m.self, file);
    assert.equal(requireWithCodeCache(file), m, 'a second load returns the registered module');
    assert.equal(require(file), m, 'and require sees the same module');
  });

  it('ignores a cache made for another version of the file (size or mtime) and falls back to require', () => {
    const file = moduleFile('exports.v = 1;\n');
    writeCodeCache(file);
    fs.writeFileSync(file, 'exports.v = 22;\n'); // new size
    assert.equal(readCodeCache(file), undefined);
    assert.equal((requireWithCodeCache(file) as { v: number }).v, 22);

    const same = moduleFile('exports.v = 1;\n');
    writeCodeCache(same);
    fs.writeFileSync(same, 'exports.v = 2;\n'); // same size, stale data
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(same, later, later);
    assert.equal(readCodeCache(same), undefined, 'same size but another mtime is not trusted');
    assert.equal((requireWithCodeCache(same) as { v: number }).v, 2);
  });

  it('falls back on a missing, truncated or foreign cache file', () => {
    const file = moduleFile('exports.ok = true;\n');
    assert.equal(readCodeCache(file), undefined, 'no cache');
    fs.writeFileSync(cachePathOf(file), 'not a cache');
    assert.equal(readCodeCache(file), undefined);
    writeCodeCache(file);
    const raw = fs.readFileSync(cachePathOf(file));
    fs.writeFileSync(cachePathOf(file), raw.subarray(0, 12));
    assert.equal(codeCacheAccepted(file), false);
    assert.equal((requireWithCodeCache(file) as { ok: boolean }).ok, true);
  });

  it('the build leaves accepted caches beside the analysis core and the language server', () => {
    for (const bundle of ['scan-core.js', 'server.js']) {
      const file = path.join(ROOT, 'dist', bundle);
      const r = spawnSync(process.execPath, ['-e', `process.stdout.write(String(require(${JSON.stringify(path.join(ROOT, 'dist', 'code-cache.js'))}).codeCacheAccepted(${JSON.stringify(file)})))`], { encoding: 'utf8' });
      assert.equal(r.stdout, 'true', `${bundle}: ${r.stderr}`);
    }
  });
});
