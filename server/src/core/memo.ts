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

/** A value kept on an object (`memoSlot`). */
export interface MemoSlot<K extends object, V> {
  get(key: K): V | undefined;
  set(key: K, value: V | undefined): void;
}

/**
 * What a module-level `WeakMap<K, V>` would hold, kept on the key itself under a private symbol.
 * For values that refer back into their key's graph (a tree's index, a scope's declarations): V8's
 * young-generation collections treat an old WeakMap's values as live while their young keys are
 * unreached, so such an entry kept every scanned file's tree alive until the next full collection,
 * and each scavenge copied and promoted it: two thirds of a workspace scan's allocation, a third
 * of its time (bench/README.md, issue 15). On the key, the value lives and dies with it. Symbol
 * keys are invisible to `for…in`, `Object.keys` and JSON.
 */
export function memoSlot<K extends object, V>(description: string): MemoSlot<K, V> {
  const slot = Symbol(description);
  return {
    get: (key) => (key as unknown as Record<symbol, V | undefined>)[slot],
    set: (key, value) => { (key as unknown as Record<symbol, V | undefined>)[slot] = value; },
  };
}
