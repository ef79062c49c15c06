import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { generateTsServer, rng } from '../../bench/generate.js';
import { analyze } from '../../server/src/core/analyze.js';
import { parseTypeScript, TYPESCRIPT_PARSER } from '../../server/src/core/analyzers/typescript/parse.js';
import { DEFAULT_SETTINGS } from '../../server/src/core/types.js';
import { changeRange, IncrementalParseCache } from '../../server/src/lsp/incrementalParse.js';

/**
 * The language server re-parses an edited document with `ts.updateSourceFile` over the span that
 * changed. After any sequence of edits the tree, its syntax errors, its parent pointers and the
 * findings must be exactly those of a parse from scratch.
 */

/** Every node as kind@pos-end, depth first, with its parent checked on the way. */
function shape(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node, parent: ts.Node | undefined): void => {
    assert.equal(n.parent, parent, `parent of ${ts.SyntaxKind[n.kind]}@${n.pos}`);
    out.push(`${ts.SyntaxKind[n.kind]}@${n.pos}-${n.end}`);
    ts.forEachChild(n, (c) => visit(c, n));
  };
  visit(sf, undefined);
  return out;
}

function syntaxErrors(sf: ts.SourceFile): string[] {
  const diags = (sf as unknown as { parseDiagnostics: ts.DiagnosticWithLocation[] }).parseDiagnostics;
  return diags.map((d) => `${d.start}:${d.length}:${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

type Edit = (text: string, r: () => number) => string;

const at = (text: string, r: () => number) => Math.floor(r() * (text.length + 1));
const EDITS: Edit[] = [
  // a keystroke
  (t, r) => { const i = at(t, r); return t.slice(0, i) + 'abcxyz_ ({"`\'.;,=\n'[Math.floor(r() * 19)] + t.slice(i); },
  // a backspace
  (t, r) => { const i = Math.max(1, at(t, r)); return t.slice(0, i - 1) + t.slice(i); },
  // a selection replaced by a word
  (t, r) => { const i = at(t, r); return t.slice(0, i) + 'token' + t.slice(Math.min(t.length, i + Math.floor(r() * 40))); },
  // a line deleted
  (t, r) => { const i = t.lastIndexOf('\n', at(t, r)); const j = t.indexOf('\n', i + 1); return j < 0 ? t : t.slice(0, i + 1) + t.slice(j + 1); },
  // a block pasted from elsewhere in the file
  (t, r) => { const a = at(t, r); const b = Math.min(t.length, a + 300); const i = at(t, r); return t.slice(0, i) + t.slice(a, b) + t.slice(i); },
  // an unterminated string or comment opened (re-scans to the end of the file)
  (t, r) => { const i = at(t, r); return t.slice(0, i) + (r() < 0.5 ? '/*' : '`') + t.slice(i); },
];

describe('incremental parse (ts.updateSourceFile over the diffed span)', () => {
  it('changeRange is the smallest span covering the difference', () => {
    assert.deepEqual(changeRange('abcdef', 'abXdef'), { span: { start: 2, length: 1 }, newLength: 1 });
    assert.deepEqual(changeRange('abc', 'abc!'), { span: { start: 3, length: 0 }, newLength: 1 });
    assert.deepEqual(changeRange('aaaa', 'aaa'), { span: { start: 3, length: 1 }, newLength: 0 });
    assert.deepEqual(changeRange('', 'x'), { span: { start: 0, length: 0 }, newLength: 1 });
  });

  it('changeRange finds the same span block by block as a character scan, on long and repetitive texts', () => {
    const naive = (a: string, b: string): ts.TextChangeRange => {
      const max = Math.min(a.length, b.length);
      let p = 0;
      while (p < max && a[p] === b[p]) p++;
      let s = 0;
      while (s < max - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
      return { span: { start: p, length: a.length - p - s }, newLength: b.length - p - s };
    };
    const r = rng(99);
    const base = generateTsServer({ lines: 400, seed: 5, findings: 2 });
    for (let i = 0; i < 400; i++) {
      // Repetitive texts make prefix and suffix compete for the same characters.
      const old = i % 4 === 0 ? 'ab'.repeat(3000 + Math.floor(r() * 50)) : base;
      const at = Math.floor(r() * (old.length + 1));
      const cut = Math.floor(r() * 3) * Math.floor(r() * 3000);
      const inserted = ['', 'x', 'ab', 'b'.repeat(Math.floor(r() * 5000))][Math.floor(r() * 4)];
      const next = old.slice(0, at) + inserted + old.slice(Math.min(old.length, at + cut));
      assert.deepEqual(changeRange(old, next), naive(old, next), `edit ${i}`);
    }
  });

  for (const seed of [1, 2, 3]) {
    it(`200 random edits (seed ${seed}): same tree, parents, syntax errors and findings as a fresh parse`, () => {
      const r = rng(seed * 1000 + 7);
      let text = generateTsServer({ lines: 300, seed, findings: 5 });
      const cache = new IncrementalParseCache();
      const path = `/tmp/incremental-${seed}.ts`;
      cache.tree(TYPESCRIPT_PARSER, path, text, 'ts');
      for (let i = 0; i < 200; i++) {
        text = EDITS[Math.floor(r() * EDITS.length)](text, r);
        const incremental = cache.tree(TYPESCRIPT_PARSER, path, text, 'ts');
        const fresh = parseTypeScript(path, text, 'ts');
        assert.equal(incremental.text, text);
        assert.deepEqual(shape(incremental), shape(fresh), `tree after edit ${i}`);
        assert.deepEqual(syntaxErrors(incremental), syntaxErrors(fresh), `syntax errors after edit ${i}`);
        if (i % 10 === 0) {
          const viaCache = analyze({ path, text }, DEFAULT_SETTINGS, { parseCache: cache });
          const scratch = analyze({ path, text }, DEFAULT_SETTINGS);
          assert.deepEqual(viaCache, scratch, `findings after edit ${i}`);
        }
      }
    });
  }
});
