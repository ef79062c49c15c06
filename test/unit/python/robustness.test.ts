import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parser } from '@lezer/python';
import { analyze } from '../../../server/src/core/analyze.js';
import { checkEdits } from '../../fuzz/check.js';

const REGRESSIONS = path.resolve(__dirname, '..', '..', 'fuzz', 'regressions');

describe('Python analyzer on inputs the long fuzz run broke', () => {
  it('a tree @lezer/common cannot `iterate` (it throws) is still indexed and analysed', () => {
    const text = fs.readFileSync(path.join(REGRESSIONS, 'lezer-iterate-throws.py.txt'), 'utf8');
    assert.throws(() => parser.parse(text).iterate({ enter: () => {} }), 'the upstream bug still reproduces; if not, this input no longer tests anything');
    const errors: unknown[] = [];
    analyze({ path: '/ws/app/server.py', text }, undefined, { onError: (e) => errors.push(e) });
    assert.deepEqual(errors, []);
  });

  it('offers no fix for a string the file never closes, whatever its line endings', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = ['import os', 'GITHUB_TOKEN = "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', 'x = 1', ''].join(eol);
      const { findings } = analyze({ path: '/ws/server.py', text });
      for (const f of findings) {
        for (const fix of f.fixes) assert.deepEqual(checkEdits(text, fix.edits, f.ruleId), [], JSON.stringify(eol));
      }
    }
  });
});
