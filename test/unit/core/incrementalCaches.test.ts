import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { generateTsServer, rng } from '../../../bench/generate.js';
import { analyze } from '../../../server/src/core/analyze.js';
import { fileIndexOf, forEachDescendant, resolveIn } from '../../../server/src/core/analyzers/typescript/dataflow/fileIndex.js';
import { DEFAULT_SETTINGS } from '../../../server/src/core/types.js';
import { TYPESCRIPT_PARSER } from '../../../server/src/core/analyzers/typescript/parse.js';
import { IncrementalParseCache } from '../../../server/src/lsp/incrementalParse.js';

/**
 * The analysis keeps work across keystrokes: the file index replays the node lists of statements
 * `ts.updateSourceFile` reused, and value judgements are memoised. After any series of edits,
 * analysing through the language server's incremental parse cache must give exactly what a fresh
 * parse gives, and the index of the updated tree must list what a full walk of it finds.
 */

const KEYS = ['calls', 'news', 'tries', 'throws', 'templates', 'plusChains', 'queryLiterals', 'literals', 'assignments'] as const;

/** The index's node lists as `Kind@pos-end`, plus its bindings and returns. */
function indexShape(sf: ts.SourceFile): Record<string, string[]> {
  const idx = fileIndexOf(sf);
  const at = (n: ts.Node) => `${ts.SyntaxKind[n.kind]}@${n.pos}-${n.end}`;
  const out: Record<string, string[]> = {};
  for (const k of KEYS) out[k] = (idx[k] as readonly ts.Node[]).map(at);
  out.bindings = idx.bindings.map((b) => [b.name, b.kind, at(b.scope), at(b.decl), b.opaque, b.fn ? at(b.fn) : '',
    b.values.map((v) => `${at(v.expr)}/${v.path.join('.')}`).join(','), b.writes.map(at).join(',')].join(':'));
  out.scopes = [...idx.scopes].map(([scope, table]) => `${at(scope)}=${[...table.keys()].join(',')}`).sort();
  // What every identifier of the file resolves to, through the scopes.
  out.resolved = [];
  forEachDescendant(sf, (n) => {
    if (!ts.isIdentifier(n)) return;
    const b = resolveIn(idx, n);
    out.resolved.push(`${at(n)}->${b ? `${b.name}@${at(b.decl)}` : '-'}`);
  });
  out.returns = [...idx.returns].map(([fn, rs]) => `${at(fn)}=>${rs.map(at).join(',')}`);
  out.keyed = [...idx.keyedProperties].map(([k, ps]) => `${k}:${ps.map(at).join(',')}`);
  out.quote = [idx.quote];
  return out;
}

/** Every call of the tree by a plain full walk: what the replayed index must match. */
function walkedCalls(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  forEachDescendant(sf, (n) => { if (ts.isCallExpression(n)) out.push(`CallExpression@${n.pos}-${n.end}`); });
  return out;
}

const EXTRA = `
const db = 'postgres://admin:S3cr3tPassw0rd@db.internal:5432/app';
const apiKey = 'Zk3Jq9Lm2Xp8Rt5Vw7Ny4Bc6Hd1Gf0Ta';
const imds = await fetch('http://169.254.169.254/latest/meta-data/iam/security-credentials/role');
export class Client { token = 'ghp_' + 'x'; private readonly secret = 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY'; }
switch (mode) { case 'a': console.log(process.env.API_TOKEN); break; default: throw new Error(\`bad \${process.env.API_KEY}\`); }
`;

function randomEdit(text: string, r: () => number): string {
  const i = Math.floor(r() * (text.length + 1));
  const k = r();
  if (k < 0.4) return text.slice(0, i) + 'a}{)(;\'"` .=,\n/@'[Math.floor(r() * 17)] + text.slice(i);
  if (k < 0.8) return text.slice(0, Math.max(0, i - 1)) + text.slice(i);
  if (k < 0.9) return text.slice(0, i) + 'token' + text.slice(Math.min(text.length, i + Math.floor(r() * 40)));
  const a = Math.floor(r() * text.length);
  return text.slice(0, i) + text.slice(a, a + 200) + text.slice(i); // a block pasted from elsewhere
}

/**
 * Scopes of every kind inside top-level statements, for the replayed declarations: a function's
 * locals reassigned in it, a `var` hoisted out of a nested block, a top-level block, catch
 * variables, destructuring with defaults, overloads, nested returns and concise arrows.
 */
const SCOPES = `
import { a as importedA } from './a';
function outer(p: string, { q = process.env.Q } = {}) {
  let token = p;
  if (p) { var hoisted = process.env.H; token = hoisted ?? token; }
  const inner = () => token;
  function nested(x: number) { let y = x; y += 1; return y; }
  try { return nested(1); } catch (err) { token = String(err); }
  return inner();
}
{ let blockLocal = 'a'; blockLocal = process.env.B ?? blockLocal; console.log(blockLocal); }
let moduleLevel = 'x';
function writesModule() { moduleLevel = process.env.M ?? ''; return moduleLevel; }
function over(a: string): string;
function over(a: string) { return a + importedA; }
class Holder {
  private key = process.env.KEY;
  method(v = this.key) { const [first, ...rest] = [v, v]; for (const r of rest) { console.log(r); } return first; }
  get value() { return this.key; }
}
export const handler = async ({ secret }: { secret: string }) => ({ content: secret });
switch (process.env.MODE) { case 'a': { let inCase = 1; inCase = 2; break; } default: var fromCase = 3; }
`;

describe('declarations replayed from reused statements', () => {
  it('give the scopes, bindings, values, writes and returns of a fresh index after every edit', () => {
    const path = '/w/src/scopes.ts';
    let text = SCOPES;
    const r = rng(31);
    const cache = new IncrementalParseCache();
    for (let i = 0; i <= 300; i++) {
      const updated = cache.tree(TYPESCRIPT_PARSER, path, text, 'ts');
      const reparsed = new IncrementalParseCache().tree(TYPESCRIPT_PARSER, path, text, 'ts');
      assert.deepEqual(indexShape(updated), indexShape(reparsed), `index after edit ${i}`);
      // Mostly small edits, so most statements are replayed; every 50 edits, start over from the
      // original text so the storm does not wear the scopes away.
      text = i % 50 === 49 ? SCOPES : randomEdit(text, r);
    }
  });
});

describe('caches kept across edits give the results of a fresh analysis', () => {
  for (const [seed, js] of [[11, false], [12, true]] as const) {
    it(`generated ${js ? 'JavaScript' : 'TypeScript'} server (seed ${seed}), 40 random edits`, () => {
      const path = `/w/src/server${seed}.${js ? 'js' : 'ts'}`;
      let text = generateTsServer({ lines: 600, seed, findings: 8, js }) + EXTRA;
      const r = rng(seed);
      const cache = new IncrementalParseCache();
      let findings = 0;
      for (let i = 0; i <= 40; i++) {
        const incremental = analyze({ path, text }, DEFAULT_SETTINGS, { parseCache: cache });
        const fresh = analyze({ path, text }, DEFAULT_SETTINGS, { parseCache: new IncrementalParseCache() });
        assert.deepEqual(incremental, fresh, `edit ${i}`);
        findings += fresh.findings.length;

        const updated = cache.tree(TYPESCRIPT_PARSER, path, text, js ? 'js' : 'ts');
        const reparsed = new IncrementalParseCache().tree(TYPESCRIPT_PARSER, path, text, js ? 'js' : 'ts');
        assert.deepEqual(indexShape(updated), indexShape(reparsed), `index after edit ${i}`);
        assert.deepEqual(fileIndexOf(updated).calls.map((n) => `CallExpression@${n.pos}-${n.end}`), walkedCalls(updated));
        text = randomEdit(text, r);
      }
      assert.ok(findings > 0, 'the edited files still have findings to compare');
    });
  }
});
