import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { memoByText, unsliced } from '../../../server/src/core/memo.js';

/**
 * The judgement tables are keyed on literals and names cut out of whole files. V8 keeps a file's
 * text alive for as long as any slice of it lives, so a table of slices held every scanned file
 * (116 MB on the dev corpus). Keys and the judgement's results must not hold their file.
 */
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

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
