import { referenceName } from '../lang/shell.js';
import { KNOWN_PREFIXES } from './detectors.js';

/**
 * The placeholder/reference filter every rule shares: a value that is clearly not a real secret
 * (documentation filler, a variable reference, a path, a plain URL) never becomes a finding.
 */

// `$VAR` and `${VAR:-x}` are shell references, recognised by the shared shell-word rules in
// isReference; the `${…}` pattern stays for the wider editor forms (`${input:id}`, `${env:VAR}`).
const REFERENCE_PATTERNS: RegExp[] = [
  /^\$\{[^}]+\}$/, // ${VAR}, ${VAR:-x}, ${input:id}, ${env:VAR}
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %VAR%
  /^\$\{\{[^}]*\}\}$/, // ${{ secrets.X }}
  /^\{\{[^}]*\}\}$/, // {{ secrets.X }} / Helm-style templates
  /^process\.env(\.[A-Za-z_$][\w$]*|\[[^\]]+\])$/,
  /^os\.environ(\[[^\]]+\]|\.get\(.+\))$/,
];

/** First characters a reference can start with (`$`, `%`, `{`, `process.env`, `os.environ`). */
const REFERENCE_STARTS = new Set(['$', '%', '{', 'p', 'o']);

export function isReference(value: string): boolean {
  const v = value.trim();
  // Every literal in a file comes through here: skip the patterns when none can match.
  if (!REFERENCE_STARTS.has(v.charAt(0))) return false;
  return (v.charAt(0) === '$' && referenceName(v) !== undefined) || REFERENCE_PATTERNS.some((re) => re.test(v));
}

/** A value that is only references glued together (`Bearer ${TOKEN}`, `${A}:${B}`). */
export function isOnlyReferences(value: string): boolean {
  const stripped = value.replace(/\$\{\{[^}]*\}\}|\$\{[^}]+\}|\{\{[^}]*\}\}|\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%/g, '');
  // What remains may only be an auth scheme and separators: `Bearer ${TOKEN}`, `${USER}:${PASS}`.
  return stripped !== value && /^[\s:;,/@.=_-]*$/.test(stripped.replace(/^\s*(bearer|basic|token)\s+/i, ''));
}

const PLACEHOLDER_WORDS = /(fake|dummy|sample|example|placeholder|redacted|invalid|changeme|change[-_]me|change[-_]in[-_]prod|replace[-_]?(me|with|this)|notreal|not[-_]a[-_]real|insert|todo|fixme|your[-_]|<[^>]*>|xxxx|\*\*\*\*|\.\.\.|…)/i;
/** The value without a provider prefix (`sk-proj-xxxx` → `xxxx`): the rest is what a placeholder fills. */
function withoutKnownPrefix(v: string): string {
  const prefix = KNOWN_PREFIXES.find((k) => v.startsWith(k));
  return prefix ? v.slice(prefix.length) : v;
}

/** True for an obvious run (`abcdef`, `123456`) or a short unit repeated (`abcabcabc`). */
function isObviousSequence(body: string): boolean {
  if (body.length < 4) return false;
  if (/^(.)\1+$/.test(body)) return true;
  if (/^(.{1,6})\1{2,}.{0,6}$/.test(body)) return true;
  let run = 1;
  for (let i = 1; i < body.length; i++) {
    const d = body.charCodeAt(i) - body.charCodeAt(i - 1);
    run = d === 1 ? run + 1 : 1;
    if (run >= 6 && run >= body.length * 0.5) return true;
  }
  return /^(abc123|123456|abcdef|012345|qwerty|password|secret|token)/i.test(body);
}

export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (isReference(v) || isOnlyReferences(v)) return true;
  if (/^(test|testing|secret|password|token|key|null|none|undefined|true|false|changeme|required|optional|string)$/i.test(v)) return true;
  if (/^your[-_ ]/i.test(v) || /here$/i.test(v) || /^<.*>$/.test(v) || /^\[.*\]$/.test(v)) return true;
  if (PLACEHOLDER_WORDS.test(v)) return true;
  const body = withoutKnownPrefix(v);
  if (isObviousSequence(body)) return true;
  if (isPathLike(v)) return true;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) && !/^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]*@/i.test(v)) return true;
  return false;
}

export function isPathLike(v: string): boolean {
  return /^(\.{1,2}\/|~\/|\/(?!\/)|[A-Za-z]:\\)/.test(v) && !/[A-Za-z0-9+/]{32,}={0,2}$/.test(v);
}
