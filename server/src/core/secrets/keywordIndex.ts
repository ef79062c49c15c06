/**
 * Finds which of a fixed set of literal keywords occur in a text. One alternation of the escaped
 * keywords, longest first, compiled once: V8's regex engine searches it several times faster than
 * a loop of `includes` or a per-character table in JavaScript (measured on 46,000 JSON strings:
 * 4 ms against 60 ms and 12 ms), and the detector table has over a hundred keywords.
 */
export class KeywordIndex {
  private readonly test: RegExp;
  private readonly scan: RegExp;
  /** For a keyword found, the others it contains (`sk-proj-` holds `sk-`), since a match hides them. */
  private readonly inside = new Map<string, string[]>();

  constructor(keywords: readonly string[]) {
    const list = [...new Set(keywords)].filter(Boolean).sort((a, b) => b.length - a.length);
    const source = list.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') || '(?!)';
    this.test = new RegExp(source);
    this.scan = new RegExp(source, 'g');
    for (const k of list) this.inside.set(k, list.filter((o) => o !== k && k.includes(o)));
  }

  /** Whether any keyword occurs in `text`. */
  any(text: string): boolean {
    return this.test.test(text);
  }

  /** Every keyword that occurs in `text`. */
  all(text: string): Set<string> {
    const found = new Set<string>();
    this.scan.lastIndex = 0;
    // Resume one character after each match, so a keyword that overlaps the end of another is found too.
    for (let m = this.scan.exec(text); m; m = this.scan.exec(text)) {
      found.add(m[0]);
      for (const o of this.inside.get(m[0]) ?? []) found.add(o);
      this.scan.lastIndex = m.index + 1;
    }
    return found;
  }
}
