import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node } from 'jsonc-parser';
import { parseJsonc } from '../../../server/src/core/analyzers/json/tree.js';
import {
  detectStyle, insertMember, orderedEdits, propertyValue, renderJson, replaceInString, type JsonStyle, type OffsetEdit,
} from '../../../server/src/core/analyzers/json/jsoncEdits.js';
import { parseErrors } from './kit.js';

const style = (text: string): JsonStyle => detectStyle(text, text.includes('\r\n') ? '\r\n' : '\n');

function apply(text: string, edits: OffsetEdit[] | undefined): string {
  assert.ok(edits, 'edits expected');
  const ordered = orderedEdits(edits);
  assert.ok(ordered, 'edits must not overlap');
  let out = text;
  for (const e of [...ordered].reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  assert.deepEqual(parseErrors(out), [], out);
  return out;
}

/** Adds `"K": "v"` to the object at `path` (or `{"k": 1}` to the array there). */
function add(text: string, path: string[], first = false): string {
  let node: Node | undefined = parseJsonc(text).root;
  for (const key of path) node = propertyValue(node, key);
  assert.ok(node);
  const fmt = style(text);
  const render = node.type === 'array'
    ? (indent: string, inline: boolean) => renderJson({ k: 1 }, fmt, indent, inline)
    : () => '"K": "v"';
  return apply(text, insertMember(text, node, render, fmt, first));
}

describe('jsoncEdits.insertMember', () => {
  it('appends on a new line with the siblings\' indentation; no trailing comma stays none', () => {
    assert.equal(add('{\n  "a": {\n    "x": 1\n  }\n}', ['a']), '{\n  "a": {\n    "x": 1,\n    "K": "v"\n  }\n}');
  });

  it('keeps a trailing comma habit and a comment after the old last member', () => {
    assert.equal(add('{\n  "a": {\n    "x": 1, // one\n  },\n}', ['a']), '{\n  "a": {\n    "x": 1, // one\n    "K": "v",\n  },\n}');
    assert.equal(add('{\n  "a": {\n    "x": 1 // one\n  }\n}', ['a']), '{\n  "a": {\n    "x": 1, // one\n    "K": "v"\n  }\n}');
    assert.equal(add('{\n  "a": {\n    "x": 1 /* one */ // two\n  }\n}', ['a']), '{\n  "a": {\n    "x": 1, /* one */ // two\n    "K": "v"\n  }\n}');
  });

  it('writes inline into a one-line container', () => {
    assert.equal(add('{ "a": { "x": 1 } }', ['a']), '{ "a": { "x": 1, "K": "v" } }');
    assert.equal(add('{ "a": { "x": 1, } }', ['a']), '{ "a": { "x": 1, "K": "v", } }');
  });

  it('opens an empty container on its own lines, one level deeper', () => {
    assert.equal(add('{\n\t"a": {}\n}', ['a']), '{\n\t"a": {\n\t\t"K": "v"\n\t}\n}');
    assert.equal(add('{\n  "a": { /* none yet */ }\n}', ['a']), '{\n  "a": {\n    "K": "v" /* none yet */ }\n}');
  });

  it('inserts first right after the brace, so a comment above the old first member stays with it', () => {
    assert.equal(add('{\n  // the servers\n  "servers": {}\n}', [], true), '{\n  "K": "v",\n  // the servers\n  "servers": {}\n}');
    assert.equal(add('{"servers": {}}', [], true), '{"K": "v", "servers": {}}');
  });

  it('array items follow their siblings: one-line objects stay one-line', () => {
    assert.equal(add('{\n  "i": [\n    { "a": 1 }\n  ]\n}', ['i']), '{\n  "i": [\n    { "a": 1 },\n    { "k": 1 }\n  ]\n}');
    assert.equal(add('{\n  "i": [\n    {\n      "a": 1\n    }\n  ]\n}', ['i']), '{\n  "i": [\n    {\n      "a": 1\n    },\n    {\n      "k": 1\n    }\n  ]\n}');
  });

  it('refuses a container the parser had to repair', () => {
    const text = '{ "a": { "x": 1 ';
    const node = propertyValue(parseJsonc(text).root, 'a')!;
    assert.equal(insertMember(text, node, () => '"K": "v"', style(text)), undefined);
  });
});

describe('jsoncEdits helpers', () => {
  it('detectStyle: tabs, the smallest space indent, CRLF, brace padding; block comment bodies ignored', () => {
    assert.deepEqual(detectStyle('{\n\t"a": 1\n}', '\n'), { unit: '\t', eol: '\n', padBraces: false });
    assert.deepEqual(detectStyle('{\n    "a": {\n        "b": 1\n    }\n}', '\n').unit, '    ');
    assert.equal(detectStyle('/*\n * doc\n */\n{\n  "a": 1\n}', '\n').unit, '  ');
    assert.equal(detectStyle('{ "a": { "b": 1 } }', '\n').padBraces, true);
    assert.equal(detectStyle('{}', '\r\n').unit, '  ');
  });

  it('replaceInString: exact offsets without escapes, the whole literal re-encoded with them', () => {
    const plain = '{"u": "https://h/?k=abc&x=1"}';
    const n1 = propertyValue(parseJsonc(plain).root, 'u')!;
    assert.deepEqual(replaceInString(plain, n1, String(n1.value), 19, 22, '${K}'), { start: 26, end: 29, text: '${K}' });
    const escaped = '{"u": "a\\u0062c"}';
    const n2 = propertyValue(parseJsonc(escaped).root, 'u')!;
    assert.deepEqual(replaceInString(escaped, n2, String(n2.value), 1, 2, '${B}'), { start: 6, end: 16, text: '"a${B}c"' });
  });

  it('orderedEdits: sorts, and refuses overlaps and two insertions at one point', () => {
    assert.deepEqual(orderedEdits([{ start: 5, end: 6, text: 'b' }, { start: 1, end: 2, text: 'a' }])!.map((e) => e.text), ['a', 'b']);
    assert.equal(orderedEdits([{ start: 1, end: 5, text: 'a' }, { start: 3, end: 4, text: 'b' }]), undefined);
    assert.equal(orderedEdits([{ start: 3, end: 3, text: 'a' }, { start: 3, end: 3, text: 'b' }]), undefined);
    assert.ok(orderedEdits([{ start: 3, end: 3, text: 'a' }, { start: 1, end: 3, text: 'b' }]));
  });
});
