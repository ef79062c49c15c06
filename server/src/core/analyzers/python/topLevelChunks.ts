/**
 * Where a Python module's top-level statements start, found lexically: a physical line that begins
 * in column 0 with code, outside any string, bracket or backslash continuation, that does not
 * continue the statement before it (`else`, `elif`, `except`, `finally` clauses, or the `def` or
 * `class` a decorator line belongs to). In valid Python each such line starts a new statement of
 * the module, so the module can be parsed one chunk at a time (parse.ts).
 *
 * An unclosed bracket would otherwise join the rest of the module to the line being typed: a line
 * in column 0 that starts with a keyword only a statement can start with (`def`, `class`,
 * `import`…) or a decorator closes every open bracket. Inside brackets valid code can have such a
 * line only as the `from` of a `yield` split over two lines or a matrix product's `@b` left in
 * column 0, which formatters indent. An unclosed triple-quoted string still runs to the end:
 * strings do hold code.
 *
 * The scan never needs to be right about invalid code: chunks are a pure function of the text, so a
 * keystroke's tree and a fresh scan's tree agree whatever the scan decides.
 */

const NEWLINE = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const FORM_FEED = 12;
const HASH = 35;
const BACKSLASH = 92;
const AT = 64;
const QUOTE = 34;
const APOSTROPHE = 39;

/** Keywords that open a clause of the statement above them when they start a line. */
const CONTINUING_CLAUSES = ['else', 'elif', 'except', 'finally'];

/** Offsets where top-level chunks start: always 0 first, then ascending. */
export function topLevelChunkStarts(text: string): number[] {
  return chunkStartsFrom(text, 0, () => false).starts;
}

/**
 * The chunk starts from `from`, itself a chunk start (the scanner's state there is known: outside
 * any string, bracket or continuation), until `stop` accepts one: past an edit, a start the
 * previous text also had leaves the scanner in the same state over the same text, so the rest of
 * the previous starts hold (parse.ts). `stoppedAt` is that start, not included in `starts`.
 */
export function chunkStartsFrom(text: string, from: number, stop: (start: number) => boolean): { starts: number[]; stoppedAt?: number } {
  const starts = [from];
  const n = text.length;
  let depth = 0;
  let afterDecorator = false;
  let i = from;
  let lineStart = true;
  let continued = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (lineStart) {
      lineStart = false;
      if (depth > 0 && !continued && startsStatementOnly(text, i)) depth = 0;
      if (depth === 0 && !continued && startsStatement(c)) {
        if (i > from && !afterDecorator && !startsContinuingClause(text, i)) {
          if (stop(i)) return { starts, stoppedAt: i };
          starts.push(i);
        }
        afterDecorator = c === AT;
      }
      continued = false;
    }
    if (c === NEWLINE) {
      lineStart = true;
      i++;
    } else if (c === HASH) {
      i = lineEnd(text, i);
    } else if (c === QUOTE || c === APOSTROPHE) {
      i = stringEnd(text, i, c);
    } else if (c === BACKSLASH) {
      // A backslash before the line break joins the next line to this one.
      const next = text.charCodeAt(i + 1);
      if (next === NEWLINE || (next === CR && text.charCodeAt(i + 2) === NEWLINE)) {
        continued = true;
        i = next === NEWLINE ? i + 2 : i + 3;
        lineStart = true;
        continue;
      }
      i++;
    } else {
      if (c === 40 || c === 91 || c === 123) depth++; // ( [ {
      else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--; // ) ] }
      i++;
    }
  }
  return { starts };
}

function startsStatement(c: number): boolean {
  return c !== SPACE && c !== TAB && c !== FORM_FEED && c !== NEWLINE && c !== CR && c !== HASH;
}

/** Keywords that only a statement starts with: none of them can begin a line inside brackets. */
const STATEMENT_ONLY = /(?:def|class|import|from|return|raise|try|while|with|pass|del|global|nonlocal|assert|break|continue|async[ \t]+(?:def|with))(?![\p{L}\p{N}_])|@[\p{L}_]/uy;

function startsStatementOnly(text: string, at: number): boolean {
  STATEMENT_ONLY.lastIndex = at;
  return STATEMENT_ONLY.test(text);
}

function startsContinuingClause(text: string, at: number): boolean {
  for (const word of CONTINUING_CLAUSES) {
    if (text.startsWith(word, at) && !isIdentifierPart(text.charCodeAt(at + word.length))) return true;
  }
  return false;
}

function isIdentifierPart(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

export function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

/**
 * Just past the string literal opening at `at` (its prefix letters were read as code: they hold no
 * quote). A one-line string ends at its line's break even when unterminated, as the tokenizer's
 * error recovery does; a backslash escapes the next character in every kind of string, raw ones
 * included (`r"\""` is one string).
 */
function stringEnd(text: string, at: number, quote: number): number {
  const n = text.length;
  const triple = text.charCodeAt(at + 1) === quote && text.charCodeAt(at + 2) === quote;
  let i = at + (triple ? 3 : 1);
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) {
      i += 2;
    } else if (c === quote) {
      if (!triple) return i + 1;
      if (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote) return i + 3;
      i++;
    } else if (c === NEWLINE && !triple) {
      return i;
    } else {
      i++;
    }
  }
  return n;
}
