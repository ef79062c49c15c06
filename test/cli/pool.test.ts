import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateWorkspace } from '../../bench/generate.js';
import { planBatches, POOL_MIN_FILES, scanInPool, startScanWorkers } from '../../server/src/cli/pool.js';
import { scanFiles } from '../../server/src/cli/scan.js';
import { walk } from '../../server/src/cli/walk.js';
import { DEFAULT_SETTINGS } from '../../server/src/core/types.js';
import { NodeHost } from '../../server/src/node/nodeHost.js';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'secretzero.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('CLI scan worker pool', () => {
  let ws: string;
  before(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-pool-'));
    generateWorkspace(ws, { seed: 99, repos: 3 });
  });
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  it('planBatches covers every file once, largest first, in byte-balanced batches', () => {
    const sizes = [5, 900_000, 10, 40_000, 40_000, 3, 250_000, ...Array.from({ length: 200 }, (_, i) => 1000 + i)];
    const batches = planBatches(sizes, 2);
    const seen = batches.flatMap((b) => b.indices);
    assert.deepEqual([...seen].sort((a, b) => a - b), sizes.map((_, i) => i));
    assert.equal(seen[0], 1, 'the largest file is handed out first');
    for (let i = 1; i < seen.length; i++) assert.ok(sizes[seen[i - 1]] >= sizes[seen[i]], 'sizes never increase');
    assert.ok(batches.length > 4, 'the tail is cut into several batches');
  });

  it('the pooled scan (bundled workers) prints exactly what the single-threaded scan prints', () => {
    const single = run(['scan', '.', '--format', 'json', '--jobs', '1'], ws);
    const pooled = run(['scan', '.', '--format', 'json', '--jobs', '2'], ws);
    assert.equal(single.code, 1, single.err);
    assert.equal(pooled.code, single.code, pooled.err);
    const json = JSON.parse(single.out);
    assert.ok(json.findings.length >= 5, 'the generated workspace has findings');
    assert.ok(json.skipped.some((s: { reason: string }) => s.reason === 'lock file'), 'lock files are reported as skipped');
    assert.equal(pooled.out, single.out);
    // SARIF too (its results and notifications follow the merged order).
    assert.equal(run(['scan', '.', '--format', 'sarif', '--jobs', '2'], ws).out, run(['scan', '.', '--format', 'sarif', '--jobs', '1'], ws).out);
  });

  it('rejects a malformed --jobs', () => {
    const r = run(['scan', '.', '--jobs', '0'], ws);
    assert.equal(r.code, 2);
    assert.match(r.err, /--jobs/);
  });

  it('a worker that dies leaves its batches to the main thread: same outcome', async () => {
    const host = new NodeHost([ws]);
    const files = walk([ws], host).files;
    assert.ok(files.length >= POOL_MIN_FILES, `${files.length} files`);
    const crashing = path.join(ws, 'crashing-worker.js');
    fs.writeFileSync(crashing, "require('node:worker_threads').parentPort.once('message', () => { throw new Error('boom'); });\n");
    const pooled = await scanInPool(files, DEFAULT_SETTINGS, host, { threads: 2, roots: [ws], workerPath: crashing });
    assert.deepEqual(pooled, scanFiles(files, DEFAULT_SETTINGS, host));
  });

  // The CLI starts its threads before it walks a folder; one may die before it is handed a file.
  it('threads started before the walk: one that died while loading leaves its share to the others', async () => {
    const host = new NodeHost([ws]);
    const files = walk([ws], host).files;
    const dying = path.join(ws, 'dying-worker.js');
    fs.writeFileSync(dying, "throw new Error('failed while loading');\n");
    const started = startScanWorkers(2, { settings: DEFAULT_SETTINGS, roots: [ws] }, dying);
    const [first] = started.take(2);
    await new Promise((resolve) => first.once('exit', resolve));
    assert.ok(started.ended(first));
    const pooled = await scanInPool(files, DEFAULT_SETTINGS, host, { threads: 2, roots: [ws], workerPath: dying, started });
    assert.deepEqual(pooled, scanFiles(files, DEFAULT_SETTINGS, host));
  });
});
