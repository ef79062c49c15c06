/**
 * `judge` remembered by its string argument: for the pure judgements each keystroke repeats on the
 * same literals and names. Bounded, because generated code must not grow a table without end: the
 * table is dropped when it holds `max` entries, and arguments longer than `maxLength` are judged
 * afresh each time.
 */
export function memoByText<T>(judge: (text: string) => T, max: number, maxLength = Infinity): (text: string) => T {
  const table = new Map<string, T>();
  return (text) => {
    if (text.length > maxLength) return judge(text);
    let v = table.get(text);
    if (v === undefined) {
      // Kept under a copy: `text` is most often a slice of a whole file, which V8 keeps alive for
      // as long as any slice of it lives, and the judgement's own slices (a detected secret) with it.
      // Tables of slices kept every scanned file's text in memory (heap snapshot, bench/README.md).
      const own = unsliced(text);
      v = judge(own);
      if (table.size >= max) table.clear();
      table.set(own, v);
    }
    return v;
  };
}

/**
 * A copy of `text` that shares no memory with the string it was cut from. V8 represents a slice
 * of 13 or more characters as a view into its parent; prefixing makes a new string, which
 * `slice` flattens into fresh memory before cutting the prefix off again.
 */
export function unsliced(text: string): string {
  return (' ' + text).slice(1);
}
