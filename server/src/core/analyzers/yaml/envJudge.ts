import { describeSecret, detectValue, findConnectionPasswords, hasSecretEvidence, isPlaceholder, isPlausiblePassword, isSecretLikeName, maskSecret, splitWords } from '../../secrets/index.js';
import type { Detection } from '../../secrets/index.js';

/** Why an environment value is a literal secret, and which part of the value to flag. */
export interface EnvVerdict {
  /** Offsets inside the value. */
  start: number;
  end: number;
  /** What the message shows (already masked). */
  description: string;
  /** The text a fix moves elsewhere (to `.env`): the whole value, or the fallback it hides. */
  moved: string;
  /** The secret itself, for the fingerprint. */
  secret: string;
  reason: 'credential' | 'secret-name' | 'fallback';
  /** For `${VAR:-<credential>}`: the variable the fix keeps referencing. */
  fallbackVar?: string;
  detection?: Detection;
}

export interface JudgeOptions {
  /** Compose interpolation: `${VAR:-default}` fallbacks are literals too. */
  composeFallbacks?: boolean;
  /** Kubernetes dependent variables: `$(OTHER_VAR)` is a reference. */
  kubernetesRefs?: boolean;
}

const FALLBACK = /\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-+])((?:[^{}]|\{[^{}]*\})*)\}/g;

/**
 * The judgement compose and Kubernetes share for one `NAME=value`: a credential value (known
 * format, high entropy under a secret-like name, a URL with a password) under any name, or any
 * value that is neither a reference nor a placeholder under a secret-like name.
 */
export function judgeEnvValue(name: string, rawValue: string, opts: JudgeOptions = {}): EnvVerdict | undefined {
  if (opts.composeFallbacks) {
    const hidden = judgeFallbacks(name, rawValue, 0);
    if (hidden) return hidden;
  }
  // `$(VAR)` → `${VAR}`: same length, so offsets stay valid, and the shared filters know it.
  const value = opts.kubernetesRefs ? rawValue.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, '$${$1}') : rawValue;
  const d = detectValue(value, name);
  if (d) {
    return { start: d.start, end: d.end, description: describeSecret(d.kind, d.secret), moved: rawValue, secret: d.secret, reason: 'credential', detection: d };
  }
  const pw = findConnectionPasswords(value)[0];
  if (pw) {
    return { start: pw.start, end: pw.end, description: `${pw.scheme} connection string with an inline password (${maskSecret(pw.password)})`, moved: rawValue, secret: pw.password, reason: 'credential' };
  }
  // Tier 2: the name says secret, and the value must back it (random, or a password a person chose).
  if (isSecretLikeName(name) && value.trim() !== '' && !isPlaceholder(value) && (hasSecretEvidence(value, name) || (isPasswordName(name) && isPlausiblePassword(value)))) {
    return { start: 0, end: value.length, description: `a literal value (${maskSecret(value)})`, moved: rawValue, secret: value, reason: 'secret-name' };
  }
  return undefined;
}

function isPasswordName(name: string): boolean {
  return splitWords(name).some((w) => /^(password|passwd|pwd|pass|passphrase)$/.test(w));
}

function judgeFallbacks(name: string, value: string, base: number): EnvVerdict | undefined {
  if (!value.includes('${')) return undefined;
  for (const m of value.matchAll(FALLBACK)) {
    const fallback = m[3];
    if (!fallback) continue;
    const at = m.index! + 2 + m[1].length + m[2].length;
    const nested = judgeFallbacks(name, fallback, base + at);
    if (nested) return nested;
    const d = detectValue(fallback, name);
    if (d) {
      return {
        start: base + at + d.start, end: base + at + d.end, description: describeSecret(d.kind, d.secret),
        moved: fallback, secret: d.secret, reason: 'fallback', fallbackVar: m[1], detection: d,
      };
    }
    const pw = findConnectionPasswords(fallback)[0];
    if (pw) {
      return {
        start: base + at + pw.start, end: base + at + pw.end, description: `${pw.scheme} connection string with an inline password (${maskSecret(pw.password)})`,
        moved: fallback, secret: pw.password, reason: 'fallback', fallbackVar: m[1],
      };
    }
  }
  return undefined;
}
