import { detectValue, findConnectionPasswords, isPathLike, isSecretLikeName, splitWords } from '../../secrets/index.js';

/** A credential held by an ENV/ARG value: what it is and the secret itself (for masking and fingerprints). */
export interface CredentialValue {
  kind: string;
  secret: string;
}

/**
 * The value is a credential: a known format, a high-entropy value under a secret-like name, or a
 * URL/DSN with an inline password (the whole value is what lands in the image either way).
 */
export function credentialIn(value: string | null, holder: string): CredentialValue | undefined {
  if (!value) return undefined;
  const d = detectValue(value, holder);
  if (d && !(d.detector === 'generic' && isPublicKeyFingerprint(holder, value))) return { kind: d.kind, secret: d.secret };
  const pw = findConnectionPasswords(value)[0];
  if (pw) return { kind: `password in a ${pw.scheme} connection string`, secret: pw.password };
  return undefined;
}

/**
 * Literal values that say the variable holds something other than a credential, whatever its
 * name: a file path (`GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/sa.json`), a flag, a small
 * number or a duration, a version. References are never shapes: `${X}` can hold anything.
 */
function isNonCredentialShape(value: string): boolean {
  const v = value.trim();
  if (v.includes('$')) return false;
  if (isPathLike(v)) return true;
  if (/^(true|false|yes|no|on|off|none|null|enabled|disabled)$/i.test(v)) return true;
  if (/^\d{1,10}(\.\d+)?(ms|s|m|h|d|w)?$/i.test(v)) return true;
  if (/^v?\d+(\.\d+)+([-+][0-9A-Za-z.-]+)?$/.test(v)) return true;
  return false;
}

/**
 * GPG/PGP key fingerprints (`ENV GPG_KEY A035C8C1…` in the official language images) are public
 * identifiers used to verify downloads, not private keys.
 */
export function isPublicKeyFingerprint(name: string, value: string): boolean {
  const words = splitWords(name);
  if (!words.includes('gpg') && !words.includes('pgp')) return false;
  return /^(?:(?:0x)?[0-9A-Fa-f]{16}|[0-9A-Fa-f]{40}|[0-9A-Fa-f]{4}(?: [0-9A-Fa-f]{4}){9})(?:[\s,]+(?:0x)?[0-9A-Fa-f]{16,40})*$/.test(value.trim());
}

/**
 * A variable of this name holds a secret: the name is secret-like (shape words such as `_FILE`,
 * `_PATH`, `_TTL`, `_VERSION`, `_ID` already make it non-secret) and its literal value does not
 * say otherwise (a path, a flag, a number, a version, a GPG fingerprint). An empty ENV value bakes
 * nothing into the image; an ARG without a default gets its value at build time, so it counts.
 */
export function isSecretByName(name: string, value: string | null, opts: { emptyIsSecret: boolean }): boolean {
  if (!isSecretLikeName(name)) return false;
  if (value === null || value.trim() === '') return opts.emptyIsSecret;
  if (isNonCredentialShape(value)) return false;
  if (isPublicKeyFingerprint(name, value)) return false;
  return true;
}

/** The BuildKit secret id a fix uses for a variable: its name, lowercased. */
export function secretId(name: string): string {
  return name.toLowerCase();
}
