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
      v = judge(text);
      if (table.size >= max) table.clear();
      table.set(text, v);
    }
    return v;
  };
}
