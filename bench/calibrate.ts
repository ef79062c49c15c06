/**
 * How fast this machine is right now, in the terms of the reference figures (TypeScript 5.9
 * `createSourceFile` ~10–14 MB/s on one core; a 10,000-line file ~56 ms from scratch, ~11 ms with
 * `ts.updateSourceFile` for a one-character edit). Measured in this process on a generated file,
 * after warm-up, as medians: the other figures of a run only mean something next to these.
 */
import { performance } from 'node:perf_hooks';
import ts from 'typescript';
import { generateTsServer } from './generate';
import { median, round } from './stats';

export interface Calibration {
  /** One core, no parent pointers (the parse floor's call), MB/s. */
  parseMbPerSec: number;
  /** Parse from scratch of the 10,000-line file, parent pointers on (TypeScript's own pass), ms. */
  parse10kMs: number;
  /** `ts.updateSourceFile` for a one-character edit in that file, ms. */
  update10kMs: number;
  bytes10k: number;
}

export function calibrate(reps = 15): Calibration {
  const text = generateTsServer({ lines: 10_000, seed: 777, findings: 6 });
  const parse = (t: string, parents: boolean) => ts.createSourceFile('calibrate.ts', t, ts.ScriptTarget.Latest, parents, ts.ScriptKind.TS);
  for (let i = 0; i < 5; i++) parse(text, i % 2 === 0); // warm-up: first parses run unoptimised code
  const bare: number[] = [];
  const full: number[] = [];
  const update: number[] = [];
  for (let i = 0; i < reps; i++) {
    let t0 = performance.now();
    parse(text, false);
    bare.push(performance.now() - t0);
    t0 = performance.now();
    const sf = parse(text, true);
    full.push(performance.now() - t0);
    const at = Math.floor(text.length * ((i + 1) / (reps + 1)));
    const edited = text.slice(0, at) + 'x' + text.slice(at);
    t0 = performance.now();
    ts.updateSourceFile(sf, edited, { span: { start: at, length: 0 }, newLength: 1 });
    update.push(performance.now() - t0);
  }
  const bytes = Buffer.byteLength(text);
  return {
    parseMbPerSec: round(bytes / 1e6 / (median(bare) / 1000)),
    parse10kMs: round(median(full)),
    update10kMs: round(median(update)),
    bytes10k: bytes,
  };
}
