import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { medianOfRuns, type LatencyResult } from '../../../bench/latency.js';

/** The latency rows the benchmark reports against issue 15's targets are medians over alternated runs (bench/run.ts). */

const run = (p50: number, p95: number, cpuP95?: number): LatencyResult => ({
  lines: 1000, language: 'python', bytes: 35_000, mode: 'pull', edits: 200, findings: 3, retries: 1,
  p50, p95, max: p95 * 3, mean: p50 + 0.5,
  ...(cpuP95 === undefined ? {} : { serverCpu: { p50: p50 - 0.4, p95: cpuP95, max: cpuP95 * 2, mean: p50 }, serverWaitForCpu: { p50: 0, p95: 0.8, max: 2, mean: 0.1 } }),
});

describe('a latency row from several runs', () => {
  it('gives the median of each figure, every run\'s p95 in run order, and the runs\' edits and retries summed', () => {
    const row = medianOfRuns([run(3.1, 10.64, 7.5), run(3.3, 7.73, 6.1), run(2.9, 9.87, 7.11)]);
    assert.equal(row.p50, 3.1);
    assert.equal(row.p95, 9.87);
    assert.equal(row.max, 29.61);
    assert.deepEqual(row.runsP95, [10.64, 7.73, 9.87]);
    assert.equal(row.serverCpu?.p95, 7.11);
    assert.equal(row.edits, 600);
    assert.equal(row.retries, 3);
  });

  it('has no server CPU figures when a run lacks them (no /proc), rather than a median of some runs', () => {
    const row = medianOfRuns([run(3.1, 10.6, 7.5), run(3.3, 7.7)]);
    assert.equal(row.serverCpu, undefined);
    assert.equal(row.p95, 9.15);
  });

  it('is the run itself when there is one', () => {
    const row = medianOfRuns([run(3.1, 10.6, 7.5)]);
    assert.equal(row.p95, 10.6);
    assert.deepEqual(row.runsP95, [10.6]);
  });
});
