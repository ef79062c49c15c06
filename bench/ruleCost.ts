/**
 * In-process cost breakdown of one TypeScript analysis (`node --import tsx bench/ruleCost.ts [lines…]`):
 * a parse from scratch, an incremental re-parse after a one-character edit, the line index, each
 * TS rule in order (the first rule that builds a shared per-file index pays for it) and the whole
 * `analyze()` on an edited document. Medians over repetitions; for finding what to optimise, not
 * for the record (the over-the-wire figures are in run.ts).
 */
import { performance } from 'node:perf_hooks';
import ts from 'typescript';
import { analyze } from '../server/src/core/analyze';
import { AnalysisContext } from '../server/src/core/analyzers/context';
import { TS_RULES } from '../server/src/core/analyzers/typescript/rules/index';
import { parseTypeScript } from '../server/src/core/analyzers/typescript/parse';
import { LineIndex } from '../server/src/core/text/lineIndex';
import { DEFAULT_SETTINGS } from '../server/src/core/types';
import { changeRange, IncrementalParseCache } from '../server/src/lsp/incrementalParse';
import { generateTsServer } from './generate';
import { singleCharEdits } from './latency';
import { median, round } from './stats';

// CPU time of this thread's process rather than wall time: on a shared machine the wall clock
// also counts time spent waiting for a core. `--wall` switches back.
const WALL = process.argv.includes('--wall');
function time(fn: () => void): number {
  if (WALL) {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  }
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

function breakdown(lines: number, reps: number): Record<string, number> {
  const text = generateTsServer({ lines, seed: 20250 + lines, findings: Math.max(3, Math.round(lines / 1500)) });
  const costs = new Map<string, number[]>();
  const add = (k: string, ms: number) => { const a = costs.get(k) ?? []; a.push(ms); costs.set(k, a); };
  const edits = singleCharEdits(text, 7);
  const arr = text.split('\n');
  const cache = new IncrementalParseCache();
  const path = `/tmp/bench-${lines}.ts`;
  analyze({ path, text }, DEFAULT_SETTINGS, { parseCache: cache });
  let current = text;
  for (let i = 0; i < reps; i++) {
    let sf!: ts.SourceFile;
    add('parse (createSourceFile)', time(() => { sf = parseTypeScript(path, current, 'ts'); }));
    const e = edits.next().value;
    const l = arr[e.line];
    arr[e.line] = e.insert !== undefined ? l.slice(0, e.character) + e.insert + l.slice(e.character) : l.slice(0, e.character) + l.slice(e.character + 1);
    const next = arr.join('\n');
    add('updateSourceFile', time(() => { ts.updateSourceFile(sf, next, changeRange(current, next)); }));
    current = next;
    add('LineIndex', time(() => new LineIndex(current)));
    const fresh = parseTypeScript(path, current, 'ts');
    const ctx = new AnalysisContext({ path, text: current }, { kind: 'typescript', scriptKind: 'ts' }, undefined);
    for (const rule of TS_RULES) add(`rule ${rule.name}`, time(() => rule(ctx, fresh)));
    add('analyze() after an edit (incremental parse + all rules + postprocess)', time(() => analyze({ path, text: current }, DEFAULT_SETTINGS, { parseCache: cache })));
  }
  return Object.fromEntries([...costs].map(([k, v]) => [k, round(median(v.slice(Math.min(5, v.length - 1))), 3)]));
}

const sizes = process.argv.slice(2).filter((a) => !a.startsWith('--')).map(Number).filter((n) => n > 0);
for (const lines of sizes.length ? sizes : [1000, 10_000]) {
  const r = breakdown(lines, lines >= 10_000 ? 25 : 60);
  console.log(`\n${lines} lines (median ${WALL ? 'wall' : 'CPU'} ms)`);
  for (const [k, v] of Object.entries(r)) console.log(`  ${v.toFixed(3).padStart(9)}  ${k}`);
}
