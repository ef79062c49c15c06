import { shannonEntropy } from './entropy.js';
import { splitWords } from './names.js';

/**
 * Tier 2 of the confidence model: a value under a secret-like name is reported only when the value
 * itself carries evidence of being a credential. Names alone prove nothing on real code: `flagKey`,
 * `progressToken`, `topologyKey` and `sessionNote` hold identifiers, labels and words. Modelled on
 * gitleaks' generic-api-key (entropy, stopwords), detect-secrets' filters (id strings, templates,
 * indirect references, sequences) and CredSweeper's value checks.
 */

/** Values that say they are fake. Judged on word boundaries so random strings rarely trip them. */
const FAKE_WORD = /(^|[^a-z])(test|testing|fake|dummy|example|sample|mock|mocked|placeholder|changeme|change[-_]?me|change[-_]?(this|it|in)|replace[-_]?(me|with|this)|xxx+|foo|bar|baz|demo|fallback|default|local|dev|none|null|todo|redacted|invalid|your[-_])/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Names whose value is a digest or an id, however random it looks. */
const DIGEST_OR_ID_HOLDER = /(sha\d*|md5|hash|checksum|integrity|etag|digest|fingerprint|nonce|salt|uuid|guid|(^|[^a-z])ids?($|[^a-z])|kid|thumbprint)/i;
/** Code, not data: a call, an index, a template, a type expression, an arrow, a member chain. */
const CODE = /[()[\]{}<>]|=>|\$\{|%\(|^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$|::/;
const VOWEL = /[aeiouy]/i;
/** Passwords every list of defaults starts with, compared after undoing common letter swaps. */
const COMMON_PASSWORDS = new Set(['password', 'passw0rd', 'admin', 'administrator', 'root', 'letmein', 'qwerty', 'welcome', 'secret', 'changeit', 'postgres', 'mysql', 'default', 'guest', 'master', 'iloveyou', 'monkey', 'dragon', 'trustno1', 'abc123', 'password1', 'password123', 'admin123', 'secret123', 'welcome1', 'qwerty123']);
const unleet = (v: string) => v.toLowerCase().replace(/@/g, 'a').replace(/0/g, 'o').replace(/[1!]/g, 'i').replace(/3/g, 'e').replace(/\$/g, 's').replace(/[^a-z0-9]/g, '');
const isCommonPassword = (v: string) => COMMON_PASSWORDS.has(v.toLowerCase()) || [...COMMON_PASSWORDS].some((p) => unleet(p) === unleet(v) || unleet(v) === `${unleet(p)}i` || unleet(v) === `${unleet(p)}iie`);

/** Vowel-less words that are everyday in names and paths: `jwt`, `mcp`, `k8s`, `sql`. */
const ACRONYMS = new Set(['jwt', 'jwks', 'api', 'sql', 'db', 'k8s', 'mcp', 'ssh', 'tls', 'ssl', 'url', 'uri', 'http', 'https', 'www', 'gcp',
  'aws', 'cdn', 'dns', 'cli', 'sdk', 'npm', 'pgp', 'gpg', 'rsa', 'xml', 'html', 'json', 'yaml', 'yml', 'mfa', 'sso', 'smtp', 'ldap', 'kms',
  'iam', 'rbac', 'crm', 'cms', 'pdf', 'csv', 'md', 'js', 'ts', 'tsx', 'py', 'rs', 'go', 'sh', 'css', 'scss', 'cfg', 'std', 'src', 'dst',
  'tmp', 'pwd', 'pw', 'ttl', 'nfs', 'rpc', 'grpc', 'tcp', 'udp', 'ip', 'id', 'ids', 'pk', 'fk', 'qr', 'ui', 'ux', 'vm', 'cpu', 'gpu', 'mb', 'gb']);

/** A piece of a name that reads as a word: letters (a version digit or two may follow), a vowel, no run of five consonants. */
function wordLike(piece: string): boolean {
  const letters = piece.replace(/\d{1,2}$/, '');
  if (ACRONYMS.has(letters.toLowerCase())) return true;
  return /^[A-Za-z]{2,}$/.test(letters) && VOWEL.test(letters) && !/[^aeiouy]{5}/i.test(letters);
}

/**
 * Words or an identifier glued together (`fallback-key-value`, `environmentKey`, `user.session.note`,
 * `workspace_123`, `kubernetes.io/hostname`): every piece is a word or a short number, and pieces
 * are long enough on average that random mixed case (which splits into 1–2 letter pieces) is not taken.
 */
export function isWordsOrSlug(value: string): boolean {
  const pieces = value.split(/[-_./:@+=,~]+/).flatMap((p) => splitWords(p)).filter(Boolean);
  if (!pieces.length) return true;
  const letters = pieces.filter((p) => !/^\d+$/.test(p));
  if (!letters.length) return true; // only numbers
  if (!pieces.every((p) => wordLike(p) || /^\d{1,4}$/.test(p))) return false;
  return letters.reduce((n, p) => n + p.length, 0) / letters.length >= 3.5;
}

/** Runs and repeats: `abcdefgh`, `12345678`, `aaaaaaaa`, `abcabcabc`. */
export function isSequentialOrRepeated(value: string): boolean {
  if (/^(.)\1+$/.test(value) || /^(.{1,6})\1{2,}.{0,6}$/.test(value)) return true;
  let run = 1;
  let longest = 1;
  for (let i = 1; i < value.length; i++) {
    run = Math.abs(value.charCodeAt(i) - value.charCodeAt(i - 1)) === 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  return longest >= 6 && longest >= value.length * 0.5;
}

/** Character classes present: lower, upper, digit, symbol. */
function classes(value: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
}

/**
 * Entropy a random value of this alphabet and length would reach, less a margin: hex carries at most
 * 4 bits a character, base64 about 6, and short strings cannot reach their alphabet's maximum.
 */
function entropyFloor(value: string): number {
  const hexOnly = /^[0-9a-f]+$/i.test(value);
  const cap = hexOnly ? 3.0 : 3.5;
  // A string of n distinct characters has entropy log2(n): short values are held to what n allows.
  return Math.min(cap, Math.log2(value.length) * 0.85);
}

/** Why a value under a secret-like name is not a credential, or undefined when it may be one. */
export function notASecretBecause(value: string, holder?: string): string | undefined {
  if (!/^[\x21-\x7e]+$/.test(value)) return 'not printable ASCII without spaces (prose, a label, a path with spaces)';
  if (value.length < 8) return 'too short';
  if (CODE.test(value)) return 'code or a template, not a value';
  // `ZSCALER_MCP_AUTH_API_KEY`: the name of an environment variable or constant, not its value.
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(value) && isWordsOrSlug(value)) return 'the name of a variable, not a value';
  if (/\//.test(value) && /\.[A-Za-z0-9]{1,5}$/.test(value) && !/[+=]/.test(value)) return 'a file path';
  if (FAKE_WORD.test(value)) return 'says it is fake';
  if (isCommonPassword(value)) return 'a well-known default password';
  if (isWordsOrSlug(value)) return 'words or an identifier';
  // `TC3-HMAC-SHA256`, `AWS4-HMAC-SHA256`, `RSA-OAEP-256`: a signing scheme's name.
  if (/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/.test(value) && /(^|-)(HMAC|SHA\d*|RSA|AES\d*|GCM|OAEP|PSS|ECDSA|ED25519|HS\d+|RS\d+|ES\d+)(-|$)/.test(value)) return 'an algorithm name';
  // `_x402_payment`, `mcp_session_v2`: a lower-case snake_case identifier (a key name, a field).
  if (/^_*[a-z][a-z0-9]*(_[a-z0-9]+)+_*$/.test(value) && value.split('_').every((p) => p.length <= 12) && /[a-z]{4,}/.test(value)) return 'a snake_case identifier';
  if (isSequentialOrRepeated(value)) return 'a sequence or repetition';
  if (holder && DIGEST_OR_ID_HOLDER.test(holder)) return 'a digest or an id by its name';
  if (UUID.test(value) && holder && /(^|[^a-z])(id|client|tenant|workspace|project|app|org|team|user|account|resource)/i.test(holder)) return 'a UUID in an id context';
  if (/^[0-9a-f]{40}$|^[0-9a-f]{64}$/i.test(value) && holder && /commit|rev|sha|hash/i.test(holder)) return 'a commit or content hash';
  const h = shannonEntropy(value);
  if (h < entropyFloor(value)) return 'too little entropy for a random value';
  // A human-made password is evidence only when it mixes at least three character classes.
  if (value.length < 16 && classes(value) < 3) return 'short and not mixed enough to be a generated secret';
  if (classes(value) < 2) return 'one character class only';
  return undefined;
}

/**
 * A value under a password name that a person could really have chosen as a password: not a
 * placeholder, a fake, a well-known default, a word or a number. People do not make passwords
 * random, so randomness is not asked for; `postgres`, `admin` and `changeme` are defaults, not secrets.
 */
export function isPlausiblePassword(value: string): boolean {
  const why = notASecretBecause(value);
  if (why === undefined) return true;
  // Letters with digits or symbols (`mail-relay-2024`, `hunter2hunter2`) are how people make
  // passwords; bare words (`postgres`, `secret`) are defaults and names.
  return value.length >= 8 && /[^A-Za-z]/.test(value) && /[A-Za-z]/.test(value)
    && !['says it is fake', 'a well-known default password', 'code or a template, not a value', 'a sequence or repetition', 'not printable ASCII without spaces (prose, a label, a path with spaces)'].includes(why);
}

/**
 * The random part of a known-format token that has no offline check (`glpat-…`): a body made of
 * words, a sequence or a fake (`glpat-test-gitlab-token`, `…abcdefgh12345678`) is an example.
 */
export function bodyLooksMadeUp(body: string): boolean {
  return body.length > 0 && (FAKE_WORD.test(body) || isSequentialOrRepeated(body) || isWordsOrSlug(body) || /^[a-z]+\d+$/.test(body) && isWordsOrSlug(body.replace(/\d+$/, '')));
}

/** Tier 2 evidence: the value looks generated (or a deliberately mixed password), not written. */
export function hasSecretEvidence(value: string, holder?: string): boolean {
  return notASecretBecause(value, holder) === undefined;
}
