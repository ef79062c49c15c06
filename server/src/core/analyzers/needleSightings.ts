import { changeIn, shiftedOffset, type ChangeRange } from '../text/changeRange.js';
import { anyCaseRegexOf, type Needles } from './ruleFamily.js';

/**
 * Where each family's needle words were seen in a document's previous version, so that a keystroke
 * in the language server looks only at the text it changed: a word seen wholly before or after the
 * edit is still there, and a word that was nowhere can only have appeared across the edit. The full
 * search of every family's words was 2.9 ms of each keystroke on a 10,000-line file (CPU profile),
 * and grew with the file. Patterns still search the whole text, when no word was seen.
 */

/** Where one of a family's words lies, or null: none of them is in the text. */
type Sighting = { start: number; end: number } | null;

interface Seen { text: string; sightings: Map<Needles, Sighting> }

const MEMO_KEY = 'needleSightings';

/** The families' needles in one version of a document, carried from the version before it. */
export class NeedleSightings {
  private readonly previous: Seen | undefined;
  private readonly change: ChangeRange | undefined;
  private readonly now: Seen;

  constructor(private readonly text: string, memo: Map<string, unknown>) {
    this.previous = memo.get(MEMO_KEY) as Seen | undefined;
    if (this.previous) this.change = changeIn(memo, this.previous.text, text);
    this.now = { text, sightings: new Map() };
    memo.set(MEMO_KEY, this.now);
  }

  /** Whether the text holds one of the needles, as `hasNeedles` answers. */
  has(n: Needles): boolean {
    const before = this.previous?.sightings.get(n);
    let s = before !== undefined && this.change ? carried(before, this.text, n, this.change) : undefined;
    if (s === undefined) s = sight(this.text, n);
    this.now.sightings.set(n, s);
    return s !== null || (!!n.pattern && n.pattern.test(this.text));
  }
}

/** The previous version's sighting over the edit, or undefined when it must be looked for again. */
function carried(before: Sighting, text: string, n: Needles, change: ChangeRange): Sighting | undefined {
  const start = change.span.start;
  if (before) {
    if (before.end <= start) return before;
    if (before.start >= start + change.span.length) return { start: shiftedOffset(change, before.start), end: shiftedOffset(change, before.end) };
    return undefined;
  }
  // Nowhere before: a new word overlaps the inserted text, or spans the place of a deletion.
  const reach = longestWord(n) - 1;
  return sight(text, n, Math.max(0, start - reach), Math.min(text.length, start + change.newLength + reach));
}

/** One of the family's words in `text` between `from` and `to`. */
function sight(text: string, n: Needles, from = 0, to = text.length): Sighting {
  const window = from === 0 && to === text.length ? text : text.slice(from, to);
  for (const w of n.words ?? []) {
    const i = window.indexOf(w);
    if (i >= 0) return { start: from + i, end: from + i + w.length };
  }
  const m = n.anyCase?.length ? anyCaseRegexOf(n).exec(window) : null;
  return m ? { start: from + m.index, end: from + m.index + m[0].length } : null;
}

function longestWord(n: Needles): number {
  let longest = 1;
  for (const w of n.words ?? []) longest = Math.max(longest, w.length);
  for (const w of n.anyCase ?? []) longest = Math.max(longest, w.length);
  return longest;
}
