import type { Position, Range } from '../types.js';

/**
 * Offset <-> LSP position conversion for one text. Every analyzer gets its ranges from here so
 * that all front ends agree on UTF-16 columns and CRLF handling.
 */
export class LineIndex {
  private readonly lineStarts: Uint32Array;

  constructor(readonly text: string) {
    // Built for every analysis, so on every keystroke: `indexOf` (native search) instead of a
    // character loop, with the rare lone `\r` line ends found the same way. A typed array of the
    // exact size keeps its storage out of the young generation (a growing array of 1,000 starts
    // allocated ~29 kB per keystroke there).
    this.lineStarts = text.includes('\r') ? lineStartsWithCr(text) : lineStartsLf(text);
  }

  get lineCount(): number { return this.lineStarts.length; }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.lineStarts[lo] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    const end = this.lineEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  lineStart(line: number): number { return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))]; }

  /** Offset of the end of the line's content (before its line break). */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let e = this.lineStarts[line + 1];
    if (this.text.charCodeAt(e - 1) === 10) e--;
    if (this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }

  lineText(line: number): string { return this.text.slice(this.lineStart(line), this.lineEnd(line)); }

  /** The line break the file already uses, so inserted lines match it. */
  eol(): string { return /\r\n/.test(this.text.slice(0, 10_000)) ? '\r\n' : '\n'; }
}

function lineStartsLf(text: string): Uint32Array {
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  const starts = new Uint32Array(lines);
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[n++] = i + 1;
  return starts;
}

/** `\r\n`, `\n` and a lone `\r` each end a line (rare: a plain array, then copied). */
function lineStartsWithCr(text: string): Uint32Array {
  const found = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) found.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      found.push(i + 1);
    }
  }
  return Uint32Array.from(found);
}
