import { memoByText } from '../memo.js';

/**
 * Secret-like names, judged on word boundaries (camelCase, snake_case, kebab-case, SCREAMING_CASE)
 * so that `apiKey` and `x-api-key` are secret-like while `keyboard` and `tokenizer` are not.
 */

const SECRET_WORDS = new Set([
  'key', 'keys', 'token', 'tokens', 'secret', 'secrets', 'password', 'passwords', 'passwd', 'pwd', 'pass',
  'passphrase', 'credential', 'credentials', 'creds', 'cred', 'auth', 'authorization', 'private', 'session',
  'cookie', 'signing', 'bearer', 'pat', 'apikey', 'apitoken', 'accesskey', 'secretkey', 'authtoken',
  'accesstoken', 'privatekey', 'clientsecret', 'refreshtoken', 'sessiontoken', 'dsn',
]);

/**
 * Words that say the name holds something other than a credential (a number, a duration, a path,
 * an identifier, a flag): such names are judged by their value, never flagged by name alone.
 */
const SHAPE_WORDS = new Set([
  'interval', 'timeout', 'ttl', 'ms', 'sec', 'secs', 'seconds', 'minutes', 'hours', 'days', 'duration', 'age',
  'expiry', 'expires', 'expiration', 'lifetime', 'count', 'max', 'min', 'limit', 'limits', 'length', 'len',
  'size', 'num', 'number', 'retries', 'path', 'paths', 'file', 'files', 'dir', 'directory', 'folder', 'url',
  'uri', 'endpoint', 'host', 'hostname', 'port', 'version', 'id', 'ids', 'arn', 'prefix', 'suffix', 'name',
  'names', 'type', 'types', 'header', 'field', 'param', 'env', 'var', 'store', 'format', 'algorithm', 'alg',
  'enabled', 'enable', 'disabled', 'disable', 'required', 'require', 'provider', 'region', 'kind', 'label',
  'mode', 'pattern', 'regex', 'schema', 'location', 'is', 'has', 'use', 'should', 'allow', 'cache', 'primary',
  'foreign', 'partition', 'sort', 'idempotency', 'public', 'publishable', 'storage', 'manager', 'rotation',
  'policy', 'scope', 'scopes', 'hint', 'mask', 'masked', 'redacted', 'hash', 'hashed', 'encoding', 'usage',
  'budget', 'window', 'rate', 'issuer', 'audience', 'kid', 'ref', 'reference', 'source', 'selector', 'mount',
  'registry', 'network', 'subnet', 'ip', 'address', 'domain', 'namespace', 'bucket', 'repo', 'repository', 'image', 'tag',
]);

export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** True when one of the name's words is a credential word. */
export function hasSecretWord(name: string): boolean {
  return splitWords(name).some((w) => SECRET_WORDS.has(w));
}

/** True when the name says it holds a non-credential shape (duration, path, id, flag…). */
export function hasShapeWord(name: string): boolean {
  return splitWords(name).some((w) => SHAPE_WORDS.has(w));
}

/**
 * Words that, before the credential word, make it something else: `cacheKey`, `primaryKey`,
 * `publicKey`, `maxTokens`, `isPrivate`, `useAuth`.
 */
const MODIFIER_WORDS = new Set([
  'is', 'has', 'use', 'should', 'allow', 'enable', 'enabled', 'disable', 'disabled', 'require', 'required',
  'max', 'min', 'num', 'number', 'total', 'count', 'cache', 'primary', 'foreign', 'partition', 'sort',
  'idempotency', 'public', 'publishable',
]);

/**
 * A name whose value is presumed to be a credential. Position matters: the words after the last
 * credential word say what is held (`secretArnPrefix`, `TOKEN_REFRESH_INTERVAL_MS` and
 * `PRIVATE_REGISTRY` hold no credential; `PRIVATE_REGISTRY_PASSWORD` and `AZURE_STORAGE_KEY` do),
 * and a few words before it change its meaning (`cacheKey`, `publicKey`, `maxTokens`, `isPrivate`).
 */
// Memoised: a file repeats the same few hundred names, and judging one costs three regex passes.
export function isSecretLikeName(name: string | undefined): boolean {
  return !!name && secretLikeName(name);
}

const secretLikeName = memoByText(judgeSecretLikeName, 10_000);

function judgeSecretLikeName(name: string): boolean {
  const words = splitWords(name);
  let last = -1;
  for (let i = 0; i < words.length; i++) if (SECRET_WORDS.has(words[i])) last = i;
  if (last < 0) return false;
  if (words.slice(last + 1).some((w) => SHAPE_WORDS.has(w))) return false;
  return !words.slice(0, last).some((w) => MODIFIER_WORDS.has(w));
}

/** `apiKey` → `API_KEY`, `x-api-key` → `X_API_KEY`: the environment variable name a fix writes. */
export function toEnvName(name: string): string {
  const words = splitWords(name);
  return (words.length ? words.join('_') : 'SECRET').toUpperCase();
}

export function nameMentions(name: string | undefined, word: string): boolean {
  return !!name && splitWords(name).includes(word);
}
