import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { memoByText, memoSlot, unsliced } from '../../../server/src/core/memo.js';

/**
 * The judgement tables are keyed on literals and names cut out of whole files. V8 keeps a file's
 * text alive for as long as any slice of it lives, so a table of slices held every scanned file
 * (116 MB on the dev corpus). Keys and the judgement's results must not hold their file.
 */
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as (options?: { type: 'major' | 'minor' }) => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('memoByText', () => {
  it('remembers a judgement by its text', () => {
    let calls = 0;
    const judge = memoByText((t: string) => { calls++; return t.length; }, 10);
    assert.equal(judge('abcdefghijklmnopqrstuvwxyz'), 26);
    assert.equal(judge('abcdefghijklmnopqrstuvwxyz'), 26);
    assert.equal(calls, 1);
  });

  it('keeps neither the files its texts were cut from nor those its results were cut from', () => {
    const judge = memoByText((t: string) => [t.slice(2, 30)], 1000);
    const before = heapAfterGc();
    for (let i = 0; i < 8; i++) {
      // A distinct 8 MB "file" each time, of which only a 40-character literal is judged.
      const file = `${i}`.padEnd(8 * 1024 * 1024, String.fromCharCode(97 + i)) + `const token = "${'k'.repeat(30)}${i}";`;
      const at = file.indexOf('"') + 1;
      judge(file.slice(at, at + 40));
    }
    const grew = heapAfterGc() - before;
    assert.ok(grew < 16 * 1024 * 1024, `the table holds ${(grew / 1024 / 1024).toFixed(0)} MB after judging 8 slices of 8 MB texts`);
  });

  it('unsliced gives an equal string', () => {
    const s = 'x'.repeat(100) + 'secret-looking-value-1234567890';
    assert.equal(unsliced(s.slice(50)), s.slice(50));
  });
});

describe('memoSlot', () => {
  it('keeps a value per key, out of sight of keys and JSON', () => {
    const index = memoSlot<object, number>('index');
    const flow = memoSlot<object, number>('flow');
    const a = { kind: 1 };
    const b = { kind: 1 };
    index.set(a, 7);
    flow.set(a, 8);
    assert.equal(index.get(a), 7);
    assert.equal(flow.get(a), 8);
    assert.equal(index.get(b), undefined);
    assert.deepEqual(Object.keys(a), ['kind']);
    assert.equal(JSON.stringify(a), '{"kind":1}');
    index.set(a, undefined);
    assert.equal(index.get(a), undefined);
  });

  // The reason it exists: a long-lived WeakMap whose value refers back to its key kept the key's
  // whole graph alive through young-generation collections, so every scanned tree was copied and
  // promoted (memo.ts). A value on the key dies with it in the first young collection.
  it('lets a dead key and a value that refers back to it go in a young-generation collection', () => {
    const memo = memoSlot<object, { tree: object }>('tree memo');
    heapAfterGc(); // the slot's own objects are old now, as a module-level memo's are
    const before = process.memoryUsage().heapUsed;
    let size = 0;
    (() => {
      const root: { kids: object[] } = { kids: [] };
      for (let i = 0; i < 50_000; i++) root.kids.push({ parent: root, i });
      memo.set(root, { tree: root });
      size = process.memoryUsage().heapUsed - before;
    })();
    gc({ type: 'minor' });
    const kept = process.memoryUsage().heapUsed - before;
    assert.ok(size > 1024 * 1024, `the tree took ${size} bytes`);
    assert.ok(kept < size / 4, `a young collection kept ${(kept / 1024).toFixed(0)} kB of a ${(size / 1024).toFixed(0)} kB dead tree`);
  });
});

describe('per-tree memos', () => {
  // Module-level WeakMaps keyed by trees or nodes keep what their values refer to through young
  // collections (memo.ts): the analysis core keeps such memos on the key instead.
  const ALLOWED: Record<string, string> = {
    'analyzers/ruleFamily.ts': 'keyed by the families\' static needle tables, never by a tree',
  };
  it('the analysis core has no WeakMap but the allowed ones', () => {
    const root = path.join(__dirname, '../../../server/src/core');
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && /new WeakMap\b/.test(fs.readFileSync(p, 'utf8'))) found.push(path.relative(root, p).split(path.sep).join('/'));
      }
    };
    walk(root);
    assert.deepEqual(found.filter((f) => !ALLOWED[f]), []);
  });
});
