import { detectValue, findConnectionPasswords, isPlaceholder, isSecretLikeName, splitWords, type Detection } from '../../secrets/index.js';

/**
 * What counts as a credential in an MCP server's config. The shared `detectValue` (known formats
 * anywhere, high-entropy values under secret-like names) plus one MCP-specific allowance:
 * passwords are chosen by people, so a low-entropy literal under a password name still is one.
 */
export function credentialIn(value: string, holder: string | undefined): Detection | undefined {
  const d = detectValue(value, holder);
  if (d) return d;
  if (isPasswordName(holder) && plausiblePassword(value)) {
    return { detector: 'generic', kind: 'Password', secret: value, start: 0, end: value.length, tier: 2, confidence: 'medium' };
  }
  return undefined;
}

function isPasswordName(name: string | undefined): boolean {
  return !!name && isSecretLikeName(name) && splitWords(name).some((w) => /^(password|passwd|pwd|pass|passphrase)$/.test(w));
}

function plausiblePassword(value: string): boolean {
  return value.length >= 6 && !/\s/.test(value) && !/^\d+$/.test(value) && !isPlaceholder(value);
}

/** `${…}` spans: a detection inside one is a reference's business (see fallbacks), not a literal. */
export function referenceSpans(value: string): [number, number][] {
  return [...value.matchAll(/\$\{[^}]*\}/g)].map((m) => [m.index!, m.index! + m[0].length]);
}

export function insideAny(spans: [number, number][], start: number, end: number): boolean {
  return spans.some(([s, e]) => start < e && s < end);
}

/** `${VAR:-<fallback>}` whose fallback is itself a credential. */
export interface FallbackHit {
  variable: string;
  /** The whole `${VAR:-…}` expression. */
  exprStart: number;
  exprEnd: number;
  /** The fallback text, and where the credential sits in `value`. */
  fallback: string;
  start: number;
  end: number;
  secret: string;
  kind: string;
}

export function credentialFallbacks(value: string): FallbackHit[] {
  const out: FallbackHit[] = [];
  for (const m of value.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):-([^}]*)\}/g)) {
    const fallback = m[2];
    const base = m.index! + m[0].length - 1 - fallback.length;
    const expr = { variable: m[1], exprStart: m.index!, exprEnd: m.index! + m[0].length, fallback };
    const pw = findConnectionPasswords(fallback)[0];
    if (pw) {
      out.push({ ...expr, start: base + pw.start, end: base + pw.end, secret: pw.password, kind: 'Connection string password' });
      continue;
    }
    const d = credentialIn(fallback, m[1]);
    if (d) out.push({ ...expr, start: base + d.start, end: base + d.end, secret: d.secret, kind: d.kind });
  }
  return out;
}
