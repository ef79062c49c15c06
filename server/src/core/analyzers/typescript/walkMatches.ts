import ts from 'typescript';
import { holdsWithin } from '../../text/sorted.js';
import { activeViewFilter } from './dataflow/fileIndex.js';

/**
 * Visits only the nodes whose range contains a match of `pattern` (global), depth first: a rule
 * keyed on a name (`rejectUnauthorized`, `verify`) never descends into subtrees that cannot hold
 * it, so it costs little more than the regex on a large file. Returns false when nothing matched.
 */
export function walkMatches(sf: ts.SourceFile, pattern: RegExp | readonly string[], visit: (n: ts.Node) => void): boolean {
  // Inside an index view (statementReuse.ts) only the statements being judged again are walked,
  // and words made of identifier characters are looked for in those statements only: such a word
  // cannot run across the border of two statements (a token or a separator lies between them),
  // so the matches inside a statement are the same as in a search of the whole text.
  const keep = activeViewFilter(sf);
  if (keep && Array.isArray(pattern) && pattern.every((w) => IDENTIFIER_WORD.test(w))) {
    let matched = false;
    for (const s of sf.statements) {
      if (!keep(s)) continue;
      const offsets = wordOffsets(sf.text.slice(s.pos, s.end), pattern);
      if (!offsets.length) continue;
      matched = true;
      walkContaining(s, offsets, s.pos, visit);
    }
    return matched;
  }
  const offsets = Array.isArray(pattern) ? wordOffsets(sf.text, pattern) : [...sf.text.matchAll(pattern as RegExp)].map((m) => m.index!);
  if (!offsets.length) return false;
  if (keep) for (const s of sf.statements) { if (keep(s)) walkContaining(s, offsets, 0, visit); }
  else walkContaining(sf, offsets, 0, visit);
  return true;
}

const IDENTIFIER_WORD = /^[\w$]+$/;

/** Visits `root` and its descendants whose range holds one of `offsets` (ascending, relative to `base`). */
function walkContaining(root: ts.Node, offsets: readonly number[], base: number, visit: (n: ts.Node) => void): void {
  const step = (n: ts.Node): void => {
    if (!holdsWithin(offsets, n.pos - base, n.end - base)) return;
    visit(n);
    ts.forEachChild(n, step);
  };
  step(root);
}

/**
 * Where the global regex `word1|word2|…` (literal words, no metacharacters) matches, found with
 * native `indexOf` per word: a long alternation run over the whole file is far slower than a few
 * substring searches. Matches are leftmost and do not overlap, and at one offset the earlier word
 * wins, exactly as the regex would pick them. Exported for its unit test.
 */
export function wordOffsets(text: string, words: readonly string[]): number[] {
  const hits: { at: number; rank: number; end: number }[] = [];
  words.forEach((w, rank) => {
    for (let i = text.indexOf(w); i !== -1; i = text.indexOf(w, i + 1)) hits.push({ at: i, rank, end: i + w.length });
  });
  hits.sort((a, b) => a.at - b.at || a.rank - b.rank);
  const out: number[] = [];
  let free = 0; // where the previous match ended: the regex resumes its search there
  for (const h of hits) {
    if (h.at < free) continue;
    out.push(h.at);
    free = h.end;
  }
  return out;
}
