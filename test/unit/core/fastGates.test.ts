import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { mayCallSecretsManager } from '../../../server/src/core/analyzers/typescript/rules/secretCachedWithoutTtl.js';
import { walkMatches, wordOffsets } from '../../../server/src/core/analyzers/typescript/walkMatches.js';
import { bindingOf, objectLiteralOf, staticString } from '../../../server/src/core/analyzers/typescript/staticValues.js';
import { metadataNeedles } from '../../../server/src/core/analyzers/typescript/rules/imdsv1Request.js';
import { fileIndexOf } from '../../../server/src/core/analyzers/typescript/dataflow/fileIndex.js';
import { asciiClass, hasRunOf } from '../../../server/src/core/text/charRun.js';
import { holdsWithin, occurrencesOf } from '../../../server/src/core/text/sorted.js';
import { parser as pythonParser } from '@lezer/python';
import { quoteOf, splitString } from '../../../server/src/core/analyzers/python/strings.js';
import { forEachNode } from '../../../server/src/core/analyzers/python/syntax.js';

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
  it('quoteOf reads the same quote as splitString for every Python string of the fixtures and of odd prefixes', () => {
    const fixtures = path.join(__dirname, '../../fixtures');
    const files = fs.readdirSync(fixtures, { recursive: true }).map(String).filter((f) => f.endsWith('.py')).map((f) => path.join(fixtures, f));
    const odd = `a = [r'x', rb"y", Rb'''z''', f"{a}", u'', b"", 'unclosed\n', rbf'no', "\\"", '''t''', """d""", F'q']\n`;
    let strings = 0;
    for (const text of [odd, ...files.map((f) => fs.readFileSync(f, 'utf8'))]) {
      forEachNode(pythonParser.parse(text).topNode, (n) => {
        strings++;
        assert.equal(quoteOf(text, n), splitString(text, n)?.quote, JSON.stringify(text.slice(n.from, n.to)));
      }, new Set(['String', 'FormatString']));
    }
    assert.ok(strings > 500, `${strings} strings read`);
  });

  it('occurrencesOf + holdsWithin answer as "the word starts in [from, to)" for every span', () => {
    for (const t of texts(['inputSchema', 'input', 'Schema', 'inputSchemainputSchema', ' ', '(', 'x'], 300)) {
      const at = occurrencesOf(t, 'inputSchema');
      for (let from = 0; from <= t.length; from += 3) {
        for (let to = from; to <= t.length; to += 5) {
          const first = t.indexOf('inputSchema', from);
          assert.equal(holdsWithin(at, from, to), first !== -1 && first < to, `${JSON.stringify(t)} [${from}, ${to})`);
        }
      }
    }
  });

  it('hasRunOf answers as /[…]{n}/ for runs at every length around n, at the ends, split by outsiders', () => {
    const members = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+';
    const table = asciiClass(members);
    for (const n of [1, 2, 5, 40]) {
      const run = (k: number) => members.repeat(3).slice(7, 7 + k);
      const pieces = [run(n - 1), run(n), run(n + 1), run(1), run(Math.max(1, n - 2)), ' ', '-', '=', '\n', 'é', '\u{1F600}', '_'];
      const re = new RegExp(`[A-Za-z0-9/+]{${n}}`);
      for (const t of texts(pieces, 4000)) assert.equal(hasRunOf(t, table, n), re.test(t), `${n}: ${JSON.stringify(t)}`);
    }
  });

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

  it('metadataNeedles: every request argument that evaluates to a metadata address names one of them', () => {
    // Indirections the static evaluation follows: const chains, const objects, new URL(path, base),
    // .href, .toString(), shorthand properties; and near misses (let, a parameter, another host).
    const synthetic = [
      `const HOST = '169.254.169.254';`,
      `const BASE = \`http://\${HOST}\`;`,
      `const META = BASE + '/latest/meta-data/';`,
      `const V6 = 'http://[fd00:ec2::254]';`,
      `const cfg = { url: META + 'iam/security-credentials/role' };`,
      `const u = new URL('/latest/meta-data/', BASE);`,
      `const opts = { host: HOST, path: '/latest/meta-data/' };`,
      `let notConst = 'http://169.254.169.254/latest/meta-data/';`,
      `const other = 'https://api.example/v1';`,
      `async function f(p: string) {`,
      `  const url = META;`,
      `  await fetch(META); await fetch(u.href); await fetch(u.toString()); await fetch(cfg.url); await fetch(\`\${V6}/latest/meta-data/\`);`,
      `  await axios({ url }); await axios(cfg); http.get(opts); await fetch(notConst); await fetch(p); await fetch(other); await fetch(url);`,
      `  await fetch('http://169.254.169.254/latest/meta-data/'); await fetch(other + '/x');`,
      `}`,
    ].join('\n');
    const files: [string, string][] = [['synthetic.ts', synthetic]];
    const root = path.join(__dirname, '..', '..', 'fixtures');
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(c|m)?[jt]sx?$/.test(e.name)) files.push([p, fs.readFileSync(p, 'utf8')]);
      }
    };
    walk(root);
    const address = /169\.254\.169\.254|fd00:ec2::254/;
    let reaching = 0;
    for (const [name, text] of files) {
      const sf = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
      const needles = metadataNeedles(sf, fileIndexOf(sf));
      for (const call of fileIndexOf(sf).calls) {
        for (const a of call.arguments) {
          const value = staticString(a) ?? '';
          const obj = objectLiteralOf(a);
          if (!address.test(value) && !(obj && address.test(obj.getText(sf)))) continue;
          reaching++;
          const argText = sf.text.slice(a.pos, a.end);
          // An address anywhere; a const's name as a whole word, as the rule looks for it.
          const named = (n: string) => n.includes('.') || n.includes(':') ? argText.includes(n)
            : new RegExp(`(?<![\\w$])${n.replaceAll('$', '\\$')}(?![\\w$])`).test(argText);
          assert.ok(needles.some(named), `${name}: ${a.getText(sf)} evaluates to a metadata address but names no needle (${needles.join(', ')})`);
        }
      }
    }
    assert.ok(reaching >= 30, `${reaching} arguments reach a metadata address`);
  });
});
