import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { rng } from '../../../bench/generate.js';
import { NeedleSightings } from '../../../server/src/core/analyzers/needleSightings.js';
import { hasNeedles, type Needles } from '../../../server/src/core/analyzers/ruleFamily.js';
import { PY_FAMILIES } from '../../../server/src/core/analyzers/python/rules/index.js';
import { TS_FAMILIES } from '../../../server/src/core/analyzers/typescript/rules/index.js';
import { FIXTURES } from '../../helpers/fixtures.js';

/**
 * The language server carries each family's needle sightings from one version of a document to
 * the next and looks again only at the text an edit changed (analyzers/needleSightings.ts). Every
 * answer must be the answer of a full search of the new text.
 */

const NEEDLES: Needles[] = [...TS_FAMILIES, ...PY_FAMILIES].flatMap((f) => (f.needles ? [f.needles] : []));

function sourceFixtures(dir = FIXTURES): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFixtures(p) : /\.(ts|js|py)$/.test(p) ? [p] : [];
  });
}

/** Needle words and their parts, so that edits make and break them. */
const PIECES = [...new Set(NEEDLES.flatMap((n) => [...(n.words ?? []), ...(n.anyCase ?? [])]))].flatMap((w) => [w, w.slice(0, 3), w.slice(3), w.toUpperCase()]);

describe('needle sightings carried between keystrokes', () => {
  it('answer as a full search does, through edits that type, delete and paste needle words', () => {
    const r = rng(4242);
    let checked = 0;
    let flips = 0;
    for (const file of sourceFixtures().slice(0, 40)) {
      let text = fs.readFileSync(file, 'utf8');
      const memo = new Map<string, unknown>();
      let before = NEEDLES.map((n) => new NeedleSightings(text, memo).has(n));
      for (let i = 0; i < 60; i++) {
        const at = Math.floor(r() * (text.length + 1));
        const k = Math.floor(r() * 4);
        if (k === 0) text = text.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + text.slice(at);
        else if (k === 1) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 12));
        else if (k === 2) text = text.slice(0, at) + text.slice(at + Math.floor(r() * 400));
        else { const from = Math.floor(r() * text.length); text = text.slice(0, at) + text.slice(from, from + Math.floor(r() * 80)) + text.slice(at); }
        const seen = new NeedleSightings(text, memo);
        const now = NEEDLES.map((n) => seen.has(n));
        assert.deepEqual(now, NEEDLES.map((n) => hasNeedles(text, n)), `${path.relative(FIXTURES, file)}, edit ${i}`);
        flips += now.filter((x, j) => x !== before[j]).length;
        before = now;
        checked++;
      }
    }
    assert.ok(checked >= 1000, `edits checked: ${checked}`);
    assert.ok(flips > 50, `answers that changed: ${flips}`);
  });

  it('a word typed after a version without it is found, and one deleted is missed', () => {
    const n: Needles = { words: ['registerTool'] };
    const memo = new Map<string, unknown>();
    const base = 'const a = 1;\n'.repeat(200);
    assert.equal(new NeedleSightings(base, memo).has(n), false);
    const typed = base.slice(0, 1300) + 'registerTool' + base.slice(1300);
    assert.equal(new NeedleSightings(typed, memo).has(n), true);
    const broken = typed.slice(0, 1305) + typed.slice(1306);
    assert.equal(new NeedleSightings(broken, memo).has(n), false);
  });
});
