import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import { rng } from '../../../bench/generate.js';
import { generatePyServer } from '../../../bench/generatePython.js';
import { singleCharEdits } from '../../../bench/latency.js';
import { PYTHON_PARSER, type PythonTree } from '../../../server/src/core/analyzers/python/parse.js';
import { topLevelChunkStarts } from '../../../server/src/core/analyzers/python/topLevelChunks.js';
import { changeRange } from '../../../server/src/core/text/changeRange.js';

/**
 * Python modules are parsed one top-level statement at a time (python/parse.ts). In valid code that
 * must be the tree a whole-file parse gives; after an edit, the updated tree must be the tree a
 * fresh parse of the new text gives, and only the chunks the edit touched are parsed again.
 */

const FIXTURES = path.resolve(__dirname, '../../fixtures');

/** Every named node with its span, in document order. */
function shape(tree: Tree): string {
  const out: string[] = [];
  const c = tree.cursor();
  do out.push(`${c.name}@${c.from}-${c.to}`); while (c.next());
  return out.join(' ');
}

const parse = (text: string): PythonTree => PYTHON_PARSER.parse('m.py', text, 'py');
const update = (prev: PythonTree, prevText: string, text: string): PythonTree =>
  PYTHON_PARSER.update(prev, prevText, text, changeRange(prevText, text), 'py');

/** An updated tree must have a fresh parse's chunks and nodes. */
function assertAsFresh(tree: PythonTree, text: string, what: string): void {
  const fresh = parse(text);
  assert.deepEqual(tree.chunks.map((c) => c.from), fresh.chunks.map((c) => c.from), `${what}: chunks`);
  assert.equal(shape(tree.tree), shape(fresh.tree), what);
}

/** Which lines of `text` start a chunk. */
function chunkLines(text: string): number[] {
  return topLevelChunkStarts(text).map((at) => text.slice(0, at).split('\n').length - 1);
}

function pythonFixtures(dir = FIXTURES): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? pythonFixtures(p) : p.endsWith('.py') ? [p] : [];
  });
}

describe('where top-level chunks start', () => {
  it('at each statement in column 0, not at blank lines, comments or indented lines', () => {
    const text = 'import os\n\n# note\nx = 1\ndef f():\n    return x\n\nclass C:\n    pass\n';
    assert.deepEqual(chunkLines(text), [0, 3, 4, 7]);
    // A module that opens with a decorator: the function belongs to it.
    assert.deepEqual(chunkLines('@tool\ndef f():\n    pass\nx = 1\n'), [0, 3]);
  });

  it('not at a clause that continues the statement above, nor at what a decorator decorates', () => {
    const text = 'try:\n    a()\nexcept ValueError:\n    pass\nelse:\n    b()\nfinally:\n    c()\n@tool\n@other(1)\n# why\ndef f():\n    pass\nif x:\n    pass\nelif y:\n    pass\nelsewhere = 1\n';
    assert.deepEqual(chunkLines(text), [0, 8, 13, 17]);
  });

  it('not inside brackets, strings or backslash continuations', () => {
    const text = [
      'x = [', '1,', ']', // 0..2: a bracket closed in column 0
      'y = """', 'def not_code():', '"""', // 3..5: a triple-quoted string holding code
      "z = 'a' \\", 'or_this', // 6..7: a backslash continuation
      's = "(" + \'[\'', // 8: brackets inside strings do not count
      'r = r"\\"("', // 9: a backslash escapes a quote in a raw string too
      'end = 1',
    ].join('\n');
    assert.deepEqual(chunkLines(text), [0, 3, 6, 8, 9, 10]);
  });

  it('a line that only a statement can start closes a bracket left open above it', () => {
    const text = 'x = f(\ny = 2\ndef g():\n    pass\n@tool\ndef h(\nclass K:\n    pass\n';
    assert.deepEqual(chunkLines(text), [0, 2, 4, 6]);
    // A comprehension clause in column 0 stays inside its bracket.
    assert.deepEqual(chunkLines('v = [a\nfor a in b\nif a]\nw = 1\n'), [0, 3]);
  });
});

describe('parsing Python one top-level statement at a time', () => {
  it('gives the whole-file parse\'s tree for every fixture without a syntax error', () => {
    const files = pythonFixtures();
    assert.ok(files.length > 20, `Python fixtures found: ${files.length}`);
    let compared = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const whole = shape(parser.parse(text));
      if (whole.includes('⚠')) continue;
      assert.equal(shape(parse(text).tree), whole, path.relative(FIXTURES, file));
      compared++;
    }
    assert.ok(compared > 20, `fixtures compared: ${compared}`);
  });

  it('updates to the tree a fresh parse gives, through a storm of typed and deleted characters', () => {
    const texts = [generatePyServer({ lines: 400, seed: 77, findings: 2 }), ...pythonFixtures().slice(0, 12).map((f) => fs.readFileSync(f, 'utf8'))];
    let checked = 0;
    for (const [k, start] of texts.entries()) {
      const edits = singleCharEdits(start, 500 + k);
      let text = start;
      let tree = parse(text);
      const lines = text.split('\n');
      for (let i = 0; i < 120; i++) {
        const e = edits.next().value;
        const l = lines[e.line];
        lines[e.line] = e.insert !== undefined ? l.slice(0, e.character) + e.insert + l.slice(e.character) : l.slice(0, e.character) + l.slice(e.character + 1);
        const next = lines.join('\n');
        tree = update(tree, text, next);
        text = next;
        assertAsFresh(tree, text, `text ${k}, edit ${i}`);
        checked++;
      }
    }
    assert.ok(checked >= 1000);
  });

  it('updates through line moves, pasted blocks and brackets or quotes typed and deleted', () => {
    const r = rng(2024);
    let text = generatePyServer({ lines: 300, seed: 5, findings: 2 });
    let tree = parse(text);
    for (let i = 0; i < 300; i++) {
      const lines = text.split('\n');
      const at = Math.floor(r() * lines.length);
      const kind = Math.floor(r() * 5);
      if (kind === 0) lines.splice(Math.floor(r() * lines.length), 0, ...lines.splice(at, 1 + Math.floor(r() * 6)));
      else if (kind === 1) lines.splice(at, 0, ...lines.slice(Math.floor(r() * lines.length)).slice(0, 8));
      else if (kind === 2) lines[at] = lines[at] + ['(', '[', '"""', "'", '\\', '{', ')'][Math.floor(r() * 7)];
      else if (kind === 3) lines.splice(at, 1);
      else lines[at] = lines[at].trimStart();
      const next = lines.join('\n');
      tree = update(tree, text, next);
      text = next;
      assertAsFresh(tree, text, `edit ${i} (kind ${kind})`);
    }
  });

  it('parses again only the chunks an edit touches', () => {
    const text = generatePyServer({ lines: 300, seed: 9 });
    const before = parse(text);
    const at = text.search(/\n    \w+: str/) + 1;
    assert.ok(at > 0);
    // A digit typed inside a field's indentation: the line no longer parses, the class around it ends.
    const edited = text.slice(0, at + 1) + '0' + text.slice(at + 1);
    const after = update(before, text, edited);
    const reparsed = after.chunks.filter((c) => !before.chunks.some((o) => o.tree === c.tree));
    assert.equal(reparsed.length, 1, 'one chunk parsed again');
    assert.ok(reparsed[0].from < at && reparsed[0].to > at);
    assert.equal(after.chunks.length, before.chunks.length);
  });
});
