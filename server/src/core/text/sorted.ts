/** The index of the first element of ascending `sorted` that is `>= value` (`sorted.length` when none is). */
export function lowerBound(sorted: readonly number[], value: number): number {
  return lowerBoundBy(sorted.length, (i) => sorted[i], value);
}

/** `lowerBound` over `count` ascending keys read through `keyOf` (node positions, range ends). */
export function lowerBoundBy(count: number, keyOf: (i: number) => number, value: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyOf(mid) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where `word` starts in `text`, ascending. */
export function occurrencesOf(text: string, word: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(word); i !== -1; i = text.indexOf(word, i + word.length)) out.push(i);
  return out;
}

/** Whether ascending `sorted` holds a value in [from, to). */
export function holdsWithin(sorted: readonly number[], from: number, to: number): boolean {
  const i = lowerBound(sorted, from);
  return i < sorted.length && sorted[i] < to;
}
