import type { Severity } from '../types.js';

/**
 * One known credential format, complete as data (modelled on gitleaks' one-file-per-rule
 * definitions): how to find it, how to check it offline, what a fix names it, where the format is
 * documented, and examples that one test runs for every entry.
 */
export interface Detector {
  id: string;
  /** Human name used in messages ("GitHub token"). */
  kind: string;
  /** Global regex; group 1 (when present) is the secret, else the whole match. */
  pattern: RegExp;
  /**
   * Literal substrings one of which every match contains (case-sensitive): the prefilter that
   * skips the table for text holding none, and the prefixes the placeholder filter strips.
   */
  keywords: readonly string[];
  /**
   * For a format whose keywords are too common to prefilter with (`MT`, `:A`, `-us`): a cheap shape
   * every match contains, tested before the full pattern runs.
   */
  hint?: RegExp;
  /** The environment variable a fix moves the value to when its holder has no usable name. */
  envName: string;
  /** Where the format is documented: the provider's own page, or the best public description. */
  source: string;
  /** The format alone is ambiguous: only report it when the holder's name qualifies. */
  requiresName?: (name: string | undefined) => boolean;
  /** A match that fails this is not this format at all (not reported). */
  validate?: (secret: string) => boolean;
  /**
   * An offline structure check (a checksum, a decodable header, a companion value nearby). A match
   * that fails it is reported at most at low severity and confidence: it was not issued by the
   * provider. `around` is the text up to 400 characters either side of the match.
   */
  verify?: (secret: string, around: string) => boolean;
  severity?: Severity;
  /** The part the placeholder filter judges, when the match has a non-secret frame (a URL). */
  secretPart?: (secret: string) => string;
  /** Strings the pattern must find (`match`) and must not (`miss`), with the holder name to judge them under. */
  examples: { match: readonly string[]; miss: readonly string[]; holder?: string; missHolder?: string };
}

/**
 * Deterministic filler for examples: `len` characters of `alphabet`, well mixed, never a run or a
 * repetition (which the placeholder filter would rightly reject). Not random, not a real key.
 */
export function fill(len: number, alphabet: string, seed = 1): string {
  let s = '';
  let x = (seed * 2654435761) >>> 0;
  for (let i = 0; i < len; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    s += alphabet[x % alphabet.length];
  }
  return s;
}

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const LOWER_NUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const UPPER_NUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const HEX = '0123456789abcdef';
export const B64URL = `${ALNUM}-_`;
export const B64 = `${ALNUM}+/`;
