import { createHash } from 'node:crypto';
import type { Confidence, Severity } from '../types.js';
import { DETECTORS, hasDetectorHint, indexKeywords, isEncryptedKey, keywordsIn, type Detector } from './detectors.js';
import { looksLikeGenericSecret, shannonEntropy } from './entropy.js';
import { bodyLooksMadeUp, hasSecretEvidence } from './generic.js';
import { isSecretLikeName } from './names.js';
import { isPlaceholder, isReference } from './placeholder.js';
import { findConnectionPasswords } from './connectionStrings.js';
import { maskSecret } from './mask.js';
import { memoByText } from '../memo.js';

export { maskSecret, describeSecret } from './mask.js';
export { isSecretEnvName, isSecretLikeName, isSecretQueryParam, hasSecretWord, hasShapeWord, splitWords, toEnvName } from './names.js';
export { isPlaceholder, isReference, isOnlyReferences, isPathLike } from './placeholder.js';
export { findConnectionPasswords, mayHaveConnectionPassword, type ConnectionPassword } from './connectionStrings.js';
export { DETECTORS, PROVIDER_ENV_NAMES, type Detector } from './detectors.js';
export { hasSecretEvidence, isPlausiblePassword, notASecretBecause } from './generic.js';

/**
 * How sure a finding is. `high`: a known format that passed its offline check (or has no check and
 * a distinctive prefix), or a construct that is certain from the code. `medium`: a value judged by
 * its name and its randomness (tier 2). `low`: a known format that failed its check (an example),
 * or anything in a test, fixture, example, doc, spec or generated file.
 */
export type { Confidence } from '../types.js';
export { shannonEntropy, looksLikeGenericSecret } from './entropy.js';

/** A credential found in a string: where it is, what it is, and how bad. */
export interface Detection {
  /** Detector id, or `generic` for a high-entropy value under a secret-like name. */
  detector: string;
  kind: string;
  secret: string;
  /** Offsets of the secret inside the scanned string. */
  start: number;
  end: number;
  severity?: Severity;
  /** 1: a known provider format; 2: a secret-like name holding a random-looking value. */
  tier: 1 | 2;
  confidence: Confidence;
}

function secretOf(m: RegExpMatchArray): { secret: string; start: number } {
  if (m[1] !== undefined) return { secret: m[1], start: m.index! + m[0].indexOf(m[1]) };
  return { secret: m[0], start: m.index! };
}

function detectorMatches(d: Detector, text: string, holder: string | undefined, present: ReadonlySet<string>): Detection[] {
  if (d.requiresName && !d.requiresName(holder)) return [];
  // Each format's own keywords gate its regex: a line that holds `sk-` runs the few `sk-` formats,
  // not the hundred others (every match holds one of its keywords; detectors.test.ts checks it).
  const gate = indexKeywords(d);
  if (gate.length ? !gate.some((k) => present.has(k)) : d.hint && !d.hint.test(text)) return [];
  const out: Detection[] = [];
  for (const m of text.matchAll(d.pattern)) {
    const { secret, start } = secretOf(m);
    if (d.validate && !d.validate(secret)) continue;
    if (isPlaceholder(d.secretPart ? d.secretPart(secret) : secret)) continue;
    const end = start + secret.length;
    // A format with an offline check that fails it was not issued by the provider: an example.
    // One without a check is judged by its random part: words or a sequence there make an example.
    const verified = d.verify ? d.verify(secret, text.slice(Math.max(0, start - 400), end + 400)) : !bodyLooksMadeUp(bodyOf(d, secret));
    out.push({
      detector: d.id,
      kind: kindOf(d, secret, verified),
      secret, start, end,
      severity: verified ? d.severity : 'low',
      tier: 1,
      confidence: verified ? 'high' : 'low',
    });
  }
  return out;
}

/** The token without its provider prefix (the first keyword it starts with). */
function bodyOf(d: Detector, secret: string): string {
  const part = d.secretPart ? d.secretPart(secret) : secret;
  const prefix = [...d.keywords].sort((a, b) => b.length - a.length).find((k) => part.startsWith(k));
  return prefix ? part.slice(prefix.length) : part;
}

function kindOf(d: Detector, secret: string, verified: boolean): string {
  if (d.id === 'private-key' && isEncryptedKey(secret)) return 'Private key (encrypted)';
  if (!verified) {
    if (!d.verify) return `${d.kind}-shaped value with a made-up body`;
    return d.id === 'aws-access-key-id' ? `${d.kind} without its secret key nearby` : `${d.kind}-shaped value that fails the format's check`;
  }
  return d.kind;
}

/**
 * Every known-format credential in free text (a line of a Dockerfile, a YAML scalar, a whole
 * unknown file). Overlapping matches keep the first (most specific) detector.
 */
const NAME_GATED = DETECTORS.filter((d) => d.requiresName);

/**
 * Only the formats too generic to trust without their holder's name (JWTs, legacy Vault tokens, an
 * AWS secret key…), for a text whose holder is known: a handful of name tests, then their regexes.
 */
export function scanNameGatedFormats(text: string, holder: string): Detection[] {
  const gated = NAME_GATED.filter((d) => d.requiresName!(holder));
  if (!gated.length) return [];
  const present = new Set(gated.flatMap(indexKeywords).filter((k) => text.includes(k)));
  return gated.flatMap((d) => detectorMatches(d, text, holder, present));
}

export function scanKnownFormats(text: string, holder?: string, only?: (d: Detector) => boolean): Detection[] {
  if (!hasHint(text)) return [];
  const present = keywordsIn(text);
  const found: Detection[] = [];
  for (const d of DETECTORS) {
    if (only && !only(d)) continue;
    for (const hit of detectorMatches(d, text, holder, present)) {
      if (!found.some((f) => hit.start < f.end && f.start < hit.end)) found.push(hit);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** `firstKnownFormat`'s answers by text: bounded, and cleared whole when full. */
const firstFound = new Map<string, Readonly<Detection> | null>();
const FIRST_FOUND_ENTRIES = 2048;
const FIRST_FOUND_LONGEST = 1024;

/**
 * The first known-format credential in `text`, remembered by text: the flows ask it of every
 * string they evaluate, and the language server builds a new index, so asks again, on each
 * keystroke. The answer depends on the text alone. A remembered text is a copy: the literal is a
 * slice of its document, and a slice would keep that whole version of the document alive.
 */
export function firstKnownFormat(text: string): Readonly<Detection> | undefined {
  const known = firstFound.get(text);
  if (known !== undefined) return known ?? undefined;
  const found = scanKnownFormats(text)[0];
  if (text.length <= FIRST_FOUND_LONGEST) {
    if (firstFound.size >= FIRST_FOUND_ENTRIES) firstFound.clear();
    firstFound.set(Buffer.from(text, 'utf16le').toString('utf16le'), found ? Object.freeze(found) : null);
  }
  return found;
}

/**
 * Masks every credential found in a text built from source code (a URL, key, tool name or call a
 * message quotes): the last line of defence of "never echo a secret", applied to every message
 * and fix title. The holder is secret-like so name-gated formats (JWTs) are masked too.
 */
export function redactSecrets(text: string): string {
  const hits = [
    ...scanKnownFormats(text, 'secret_token').map((d) => ({ start: d.start, end: d.end })),
    ...findConnectionPasswords(text).map((p) => ({ start: p.start, end: p.end })),
  ].sort((a, b) => b.start - a.start);
  // Second net: a long random-looking run (mixed case and digits, high entropy) is masked even
  // when no detector matched it, e.g. a key pasted into a variable *name* that a message quotes.
  for (const m of text.matchAll(/[A-Za-z0-9_+/=.-]{20,}/g)) {
    const run = m[0];
    if (/[a-z]/.test(run) && /[A-Z]/.test(run) && /[0-9]/.test(run) && shannonEntropy(run) >= 3.5
      && !hits.some((h) => h.start < m.index! + run.length && m.index! < h.end)) hits.push({ start: m.index!, end: m.index! + run.length });
  }
  hits.sort((a, b) => b.start - a.start);
  let out = text;
  let floor = Infinity;
  for (const h of hits) {
    if (h.end > floor) continue;
    out = out.slice(0, h.start) + maskSecret(text.slice(h.start, h.end)) + out.slice(h.end);
    floor = h.start;
  }
  return out;
}

// The same literals are judged on every keystroke (and several times per analysis), so short texts
// remember whether any format's keyword occurs in them.
const hasHint = memoByText(hasDetectorHint, 5000, 512);

/**
 * False when `detectValue(value, holder)` is undefined whatever the holder: no known-format hint
 * and no generic-secret shape. Lets callers skip working out the holder of the many literals that
 * cannot be a credential. Memoised by value (bounded; long values are judged afresh): literals
 * repeat across keystrokes and within a file, and judging one costs several regex passes.
 */
export const couldBeSecretValue = memoByText((value) =>
  // Cheapest tests first: most values fail the generic-secret shape, so the placeholder regexes
  // rarely run (a 100,000-line text file judges every line here). This memo covers the hint too,
  // so the regex is tested directly rather than through hasDetectorHint's table.
  value.length > 0 && !isReference(value)
    && (hasDetectorHint(value) || (looksLikeGenericSecret(value) && !isPlaceholder(value))), 5000, 512);

/**
 * Judge one literal value held by `holder` (a variable, property, env var or key name): a known
 * format anywhere in it, or else, under a secret-like name, a high-entropy non-placeholder value.
 */
export function detectValue(value: string, holder?: string): Detection | undefined {
  if (value.length === 0 || isReference(value)) return undefined;
  const known = scanKnownFormats(value, holder);
  if (known.length) return known[0];
  if (isSecretLikeName(holder) && !isPlaceholder(value) && looksLikeGenericSecret(value) && hasSecretEvidence(value, holder)) {
    return { detector: 'generic', kind: 'Secret', secret: value, start: 0, end: value.length, tier: 2, confidence: 'medium' };
  }
  return undefined;
}

/**
 * A stable, non-reversible digest for fingerprints and baselines: never store the secret itself.
 * SHA-256 (truncated) so a committed baseline cannot be brute-forced back to short secrets cheaply.
 */
export function fingerprintOf(...parts: string[]): string {
  const h = createHash('sha256');
  for (const part of parts) h.update(part).update('\u0000');
  return h.digest('hex').slice(0, 24);
}
