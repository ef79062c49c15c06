import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../../server/src/core/text/lineIndex.js';
import { rng } from '../../../bench/generate.js';

/** Reference: line of each offset by counting line ends (`\r\n`, `\n`, lone `\r`) from the start. */
function referencePosition(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) { line++; start = i + 1; }
  }
  return { line, character: offset - start };
}

describe('LineIndex', () => {
  it('agrees with a line-end count for LF, CRLF, lone CR and mixed texts, at every offset', () => {
    const r = rng(17);
    const pieces = ['a', 'bc', ' ', '\n', '\r\n', '\r', '😀', 'x\n\n'];
    for (let t = 0; t < 60; t++) {
      let text = '';
      const crFree = t % 2 === 0; // half the texts take the LF-only path
      while (text.length < 200) {
        const p = pieces[Math.floor(r() * pieces.length)];
        if (!(crFree && p.includes('\r'))) text += p;
      }
      const index = new LineIndex(text);
      for (let o = 0; o <= text.length; o++) {
        const want = referencePosition(text, o);
        if (text[o - 1] === '\r' && text[o] === '\n') continue; // inside a CRLF: no position of its own
        assert.deepEqual(index.positionAt(o), want, `text ${t}, offset ${o}`);
        assert.equal(index.offsetAt(want), o, `text ${t}, back from ${JSON.stringify(want)}`);
      }
    }
  });
});
