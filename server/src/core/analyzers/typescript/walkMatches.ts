import ts from 'typescript';

/**
 * Visits only the nodes whose range contains a match of `pattern` (global), depth first: a rule
 * keyed on a name (`rejectUnauthorized`, `verify`) never descends into subtrees that cannot hold
 * it, so it costs little more than the regex on a large file. Returns false when nothing matched.
 */
export function walkMatches(sf: ts.SourceFile, pattern: RegExp, visit: (n: ts.Node) => void): boolean {
  const offsets: number[] = [];
  for (const m of sf.text.matchAll(pattern)) offsets.push(m.index!);
  if (!offsets.length) return false;
  const containsMatch = (start: number, end: number): boolean => {
    let lo = 0;
    let hi = offsets.length;
    while (lo < hi) { // first offset >= start
      const mid = (lo + hi) >> 1;
      if (offsets[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    return lo < offsets.length && offsets[lo] < end;
  };
  const step = (n: ts.Node): void => {
    if (!containsMatch(n.pos, n.end)) return;
    visit(n);
    ts.forEachChild(n, step);
  };
  step(sf);
  return true;
}
