import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { mayCallSecretsManager } from '../../../server/src/core/analyzers/typescript/rules/secretCachedWithoutTtl.js';
import { walkMatches, wordOffsets } from '../../../server/src/core/analyzers/typescript/walkMatches.js';
import { bindingOf } from '../../../server/src/core/analyzers/typescript/staticValues.js';

// The fast gates replace regexes that were too slow on large files: each must answer exactly as
// the regex it replaces.

const SM_HINT = /getSecret|accessSecretVersion|GetSecretValue|getSecretValue|\.read\s*\(|getPassword|findPassword|findCredentials|SecretString|Login\s*\(/;

/** Small deterministic generator of texts made of the interesting pieces and noise. */
function texts(pieces: string[], count: number): string[] {
  let seed = 12345;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const out: string[] = ['', ...pieces];
  for (let i = 0; i < count; i++) {
    let t = '';
    const parts = 1 + rnd(6);
    for (let j = 0; j < parts; j++) t += pieces[rnd(pieces.length)];
    out.push(t);
  }
  return out;
}

describe('fast text gates', () => {
  it('mayCallSecretsManager answers as the SM_HINT regex', () => {
    const pieces = ['getSecret', 'getSecre', 'accessSecretVersion', 'GetSecretValue', 'getSecretValue', '.read', '.read(', '.read  (',
      '.read\n\t(', '.read\u00a0(', '.reader(', 'read(', 'getPassword', 'findPassword', 'findCredentials', 'SecretString', 'Login',
      'Login(', 'Login \n (', 'login(', 'Login x(', ' ', '(', 'x', '\n', '.', 'Log', 'in('];
    for (const t of texts(pieces, 3000)) assert.equal(mayCallSecretsManager(t), SM_HINT.test(t), JSON.stringify(t));
  });

  it('wordOffsets finds what the alternation regex finds', () => {
    const words = ['rejectUnauthorized', 'NODE_TLS_REJECT_UNAUTHORIZED', 'strictSSL', 'insecure'];
    const regex = /rejectUnauthorized|NODE_TLS_REJECT_UNAUTHORIZED|strictSSL|insecure/g;
    const pieces = [...words, 'insecu', 're', 'jectUnauthorized', 'strict', 'SSL', 'NODE_TLS_', 'REJECT_UNAUTHORIZED', 'x', ' ', '\n'];
    for (const t of texts(pieces, 3000)) {
      assert.deepEqual(wordOffsets(t, words), [...t.matchAll(regex)].map((m) => m.index), JSON.stringify(t));
    }
    // Words sharing a start: the earlier alternative wins, as in the regex.
    for (const t of texts(['ab', 'abc', 'b', 'c', 'bc', 'x'], 2000)) {
      assert.deepEqual(wordOffsets(t, ['ab', 'abc', 'bc']), [...t.matchAll(/ab|abc|bc/g)].map((m) => m.index), JSON.stringify(t));
      assert.deepEqual(wordOffsets(t, ['abc', 'ab', 'bc']), [...t.matchAll(/abc|ab|bc/g)].map((m) => m.index), JSON.stringify(t));
    }
  });

  it('walkMatches visits the same nodes with words as with the regex', () => {
    const text = 'const a = { rejectUnauthorized: false, x: insecurejectUnauthorized };\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";\nfoo({ strictSSL: false });';
    const sf = ts.createSourceFile('/t.ts', text, ts.ScriptTarget.Latest, true);
    const seen = (pattern: RegExp | string[]) => { const out: ts.Node[] = []; walkMatches(sf, pattern, (n) => out.push(n)); return out; };
    assert.deepEqual(seen(['rejectUnauthorized', 'NODE_TLS_REJECT_UNAUTHORIZED', 'strictSSL', 'insecure']),
      seen(/rejectUnauthorized|NODE_TLS_REJECT_UNAUTHORIZED|strictSSL|insecure/g));
  });
});

describe('bindingOf', () => {
  it('finds the first statement binding a name in each enclosing scope', () => {
    const text = [
      'const a = 1, { b, c: [d, , e] } = o;',
      'var a = 2;',
      'function f(p) { const q = p; { let r = q; use(r, q, p, a, e, g, C, E); } }',
      'class C {}',
      'enum E { X }',
      'const C2 = 3; function g() {}',
      'for (const k of ks) use(k);',
    ].join('\n');
    const sf = ts.createSourceFile('/t.ts', text, ts.ScriptTarget.Latest, true);
    const ids: ts.Identifier[] = [];
    const walk = (n: ts.Node): void => { if (ts.isIdentifier(n)) ids.push(n); ts.forEachChild(n, walk); };
    walk(sf);
    const described = (id: ts.Identifier) => {
      const b = bindingOf(id);
      return b === undefined || b === 'parameter' ? b : b.getText(sf);
    };
    const byName = (name: string) => ids.filter((i) => i.text === name).map(described);
    assert.deepEqual(byName('a'), ['a = 1', 'a = 1', 'a = 1']);
    assert.deepEqual(byName('e'), ['{ b, c: [d, , e] } = o', '{ b, c: [d, , e] } = o']);
    assert.deepEqual(byName('q'), ['q = p', 'q = p', 'q = p']);
    assert.deepEqual(byName('r'), ['r = q', 'r = q']);
    assert.deepEqual(byName('p'), ['parameter', 'parameter', 'parameter']);
    assert.deepEqual(byName('g'), [undefined, undefined]);
    assert.deepEqual(byName('C'), [undefined, undefined]);
    assert.deepEqual(byName('E'), [undefined, undefined]);
    assert.deepEqual(byName('k'), ['k', 'k']);
    assert.deepEqual(byName('use'), [undefined, undefined]);
  });
});
