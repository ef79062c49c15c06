/**
 * Python parser comparison for issue 14: web-tree-sitter (+ tree-sitter-python's WASM grammar)
 * against @lezer/python, on the Python files of the dev corpus. Measures parse speed, how each
 * recovers on half-typed code, and incremental reparse after a keystroke. A separate package so
 * the product installs neither until one is chosen:
 *   cd bench/python-parsers && npm ci --ignore-scripts && node compare.mjs --corpus ../../../dev-corpus
 */
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { Parser, Language } from 'web-tree-sitter';
import { parser as lezer } from '@lezer/python';
import { TreeFragment } from '@lezer/common';

const corpusAt = process.argv.indexOf('--corpus');
const corpus = corpusAt > 0 ? process.argv[corpusAt + 1] : '../../../dev-corpus';
const files = execFileSync('find', [corpus, '-name', '*.py', '-not', '-path', '*/node_modules/*', '-not', '-path', '*/.venv/*', '-size', '-2000k'], { maxBuffer: 1 << 28 }).toString().trim().split('\n');
const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
console.log(`${texts.length} files, ${(bytes / 1e6).toFixed(1)} MB`);

const t0 = performance.now();
await Parser.init();
const Python = await Language.load(new URL('./node_modules/tree-sitter-python/tree-sitter-python.wasm', import.meta.url).pathname);
const ts = new Parser(); ts.setLanguage(Python);
console.log(`tree-sitter init ${(performance.now() - t0).toFixed(0)} ms`);

function tsDefs(tree) { let n = 0; const c = tree.rootNode.descendantsOfType('function_definition'); n = c.length; return n; }
function lzDefs(tree) { let n = 0; tree.iterate({ enter: (x) => { if (x.name === 'FunctionDefinition') n++; } }); return n; }
function lzErrors(tree) { let n = 0; tree.iterate({ enter: (x) => { if (x.type.isError) n++; } }); return n; }

function time(label, fn) {
  const runs = [];
  for (let r = 0; r < 3; r++) { const s = performance.now(); for (const t of texts) fn(t); runs.push(performance.now() - s); }
  runs.sort((a, b) => a - b);
  console.log(`${label}: median ${runs[1].toFixed(0)} ms, ${(bytes / 1e6 / (runs[1] / 1000)).toFixed(1)} MB/s`);
}
time('tree-sitter parse', (t) => ts.parse(t).delete());
time('lezer parse', (t) => lezer.parse(t));
time('tree-sitter parse+walk defs', (t) => { const tr = ts.parse(t); tsDefs(tr); tr.delete(); });
time('lezer parse+walk defs', (t) => lzDefs(lezer.parse(t)));

// Recovery: half-typed code. For files with 3+ defs: cut a line in the middle to half its length
// (an unfinished statement) and count the defs each parser still sees, against the intact file.
let files3 = 0, tsKept = 0, lzKept = 0, tsTotal = 0, lzTotal = 0, tsAll = 0, lzAll = 0;
let seed = 7; const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
for (const t of texts) {
  const lines = t.split('\n'); if (lines.length < 40) continue;
  const tr0 = ts.parse(t); const tsBase = tsDefs(tr0); const tsErr0 = tr0.rootNode.hasError; tr0.delete();
  const lz0 = lezer.parse(t); const lzBase = lzDefs(lz0);
  if (tsBase < 3 || tsErr0 || lzErrors(lz0)) continue;
  if (files3 >= 400) break;
  files3++;
  const i = Math.floor(lines.length * (0.3 + rand() * 0.4));
  const broken = [...lines]; broken[i] = broken[i].slice(0, Math.ceil(broken[i].length / 2)) + '(';
  const text = broken.join('\n');
  const tr = ts.parse(text); const tk = tsDefs(tr); tr.delete();
  const lk = lzDefs(lezer.parse(text));
  tsKept += Math.min(tk, tsBase); lzKept += Math.min(lk, lzBase); tsTotal += tsBase; lzTotal += lzBase;
  if (tk >= tsBase) tsAll++; if (lk >= lzBase) lzAll++;
}
console.log(`recovery over ${files3} files (a line in the middle cut in half + an open paren):`);
console.log(`  tree-sitter keeps ${(100 * tsKept / tsTotal).toFixed(1)} % of defs; every def in ${tsAll} files`);
console.log(`  lezer keeps ${(100 * lzKept / lzTotal).toFixed(1)} % of defs; every def in ${lzAll} files`);

// Half-typed FastMCP tool at the end of a file and in the middle.
const head = 'from fastmcp import FastMCP\nmcp = FastMCP("x")\n\n@mcp.tool()\ndef search(query: str, api_key: str';
const tail = '\n\n@mcp.tool()\ndef fetch(url: str) -> str:\n    return requests.get(url, verify=False).text\n';
for (const [label, text] of [['end of file', head], ['middle', head + tail]]) {
  const t = ts.parse(text);
  const tsDefs = t.rootNode.descendantsOfType('function_definition').map((d) => d.childForFieldName('name')?.text);
  const tsParams = t.rootNode.descendantsOfType('typed_parameter').map((p) => p.text);
  const tsKw = t.rootNode.descendantsOfType('keyword_argument').map((p) => p.text);
  t.delete();
  const lz = lezer.parse(text); const lzDefs = []; const lzParams = []; const lzKw = [];
  lz.iterate({ enter: (n) => {
    if (n.name === 'FunctionDefinition') { const v = n.node.getChild('VariableName'); lzDefs.push(v ? text.slice(v.from, v.to) : '?'); }
    if (n.name === 'ParamList') lzParams.push(text.slice(n.from, n.to).replace(/\n/g, '⏎'));
    if (n.name === 'ArgList') lzKw.push(text.slice(n.from, n.to).replace(/\n/g, '⏎'));
  } });
  console.log(`${label}: tree-sitter defs ${JSON.stringify(tsDefs)} params ${JSON.stringify(tsParams)} kwargs ${JSON.stringify(tsKw)}`);
  console.log(`${label}: lezer defs ${JSON.stringify(lzDefs)} paramlists ${JSON.stringify(lzParams)} arglists ${JSON.stringify(lzKw)}`);
}

// Incremental: a ~1,000-line real file, one character typed in the middle, 200 times.
let text = texts.find((t) => { const n = t.split('\n').length; return n > 900 && n < 1400; });
console.log(`file: ${text.split('\n').length} lines`);
let tsTree = ts.parse(text); let lzTree = lezer.parse(text); let fragments = TreeFragment.addTree(lzTree);
const tsT = [], lzT = [], tsFull = [], lzFull = [];
for (let i = 0; i < 200; i++) {
  const at = text.indexOf('\n', Math.floor(text.length / 2) + i * 13);
  const next = text.slice(0, at) + 'x' + text.slice(at);
  let s = performance.now();
  tsTree.edit({ startIndex: at, oldEndIndex: at, newEndIndex: at + 1, startPosition: { row: 0, column: 0 }, oldEndPosition: { row: 0, column: 0 }, newEndPosition: { row: 0, column: 1 } });
  const nt = ts.parse(next, tsTree); tsT.push(performance.now() - s); tsTree.delete(); tsTree = nt;
  s = performance.now();
  fragments = TreeFragment.applyChanges(fragments, [{ fromA: at, toA: at, fromB: at, toB: at + 1 }]);
  lzTree = lezer.parse(next, fragments); fragments = TreeFragment.addTree(lzTree, fragments); lzT.push(performance.now() - s);
  s = performance.now(); ts.parse(next).delete(); tsFull.push(performance.now() - s);
  s = performance.now(); lezer.parse(next); lzFull.push(performance.now() - s);
  text = next;
}
const p = (a, q) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(q * (s.length - 1))].toFixed(2); };
console.log(`incremental p50/p95 ms: tree-sitter ${p(tsT, .5)}/${p(tsT, .95)}, lezer ${p(lzT, .5)}/${p(lzT, .95)}`);
console.log(`full reparse p50/p95 ms: tree-sitter ${p(tsFull, .5)}/${p(tsFull, .95)}, lezer ${p(lzFull, .5)}/${p(lzFull, .95)}`);
