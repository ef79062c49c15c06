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
  return !!name && !isFilePathName(name) && secretLikeName(name);
}

/** A key that is a file path (`src/tokenManager.ts` in a hash manifest, `docs/auth.md`): not a variable. */
function isFilePathName(name: string): boolean {
  return name.includes('/') || /\.(ts|tsx|js|mjs|cjs|py|go|rs|java|md|mdx|json|ya?ml|toml|txt|sh|html?|css)$/i.test(name);
}

const secretLikeName = memoByText(judgeSecretLikeName, 50_000);

/** Last words that name a thing holding or handling secrets, not a secret: `authClient`, `tokenService`. */
const HANDLER_NOUNS = new Set(['client', 'clients', 'service', 'services', 'middleware', 'strategy', 'handler', 'handlers', 'router',
  'factory', 'instance', 'sdk', 'module', 'plugin', 'error', 'errors', 'err', 'exception', 'validator', 'verifier', 'parser',
  'generator', 'helper', 'helpers', 'util', 'utils', 'fn', 'func', 'callback', 'cb', 'listener', 'event', 'request', 'response',
  'req', 'res', 'manager', 'loader', 'cache', 'tool', 'tools', 'flow', 'screen', 'page', 'form', 'button', 'component', 'test']);

/** `promptTokens`, `total_tokens`: counts of model tokens, everywhere in LLM-facing servers. */
const TOKEN_COUNT_WORDS = new Set(['total', 'prompt', 'completion', 'input', 'output', 'used', 'remaining', 'cached', 'reasoning', 'generated', 'estimated']);

/** `key` qualified by one of these names a data key (`cacheKey`, `objectKey`, `platformKey`), not a credential. */
const DATA_KEY_WORDS = new Set(['object', 's3', 'cache', 'lookup', 'map', 'mapping', 'dict', 'field', 'column', 'row', 'cell', 'item',
  'group', 'message', 'translation', 'i18n', 'locale', 'lang', 'redis', 'bucket', 'hot', 'shortcut', 'entry', 'record', 'table', 'index',
  'range', 'composite', 'unique', 'dedup', 'dedupe', 'join', 'query', 'search', 'config', 'setting', 'settings', 'metadata', 'meta', 'tag',
  'property', 'prop', 'attribute', 'attr', 'json', 'state', 'route', 'element', 'list', 'node', 'blob', 'kv', 'value', 'registry',
  'lock', 'shard', 'event', 'topic', 'queue', 'job', 'task', 'cursor', 'doc', 'document', 'issue', 'project', 'jira', 'short',
  'natural', 'platform', 'arch', 'os', 'theme', 'feature', 'flag', 'component', 'react', 'template', 'data', 'sheet', 'dictionary',
  'str', 'string', 'text', 'parent', 'child', 'sub', 'nested', 'display', 'desc', 'description',
  // `file_key` (an S3 object), `thread_key` (a chat thread), `old_key`/`new_key` (a rename's key names).
  'file', 'thread', 'old', 'new']);
/** `token` qualified by one of these names a pagination, sync or MCP progress token, not a credential. */
const PAGE_TOKEN_WORDS = new Set(['progress', 'cancellation', 'next', 'page', 'pagination', 'continuation', 'cursor', 'sync', 'resume', 'offset', 'paging', 'prev', 'previous', 'delta', 'starting', 'start', 'marker']);

/** Words that may follow a credential word and still hold the credential itself. */
const TRAILING_HOLDER_WORDS = new Set(['value', 'val', 'string', 'str', 'text', 'raw', 'plain', 'plaintext', 'literal', 'b64', 'base64',
  'encoded', 'hex', 'bytes', 'pem', 'prod', 'production', 'staging', 'stage', 'dev', 'development', 'test', 'qa', 'live', 'sandbox',
  'primary', 'secondary', 'backup', 'old', 'new', 'current', 'next', 'prev', 'previous', 'readonly', 'ro', 'rw', 'read', 'write', 'admin',
  'local', 'remote', 'global', 'default', 'override', 'v1', 'v2', 'v3', 'a', 'b', 'main', 'internal', 'external', 'public', 'private',
  'secret', 'secrets', 'key', 'keys', 'token', 'tokens', 'password', 'passwords', 'passwd', 'pwd', 'pass', 'credential', 'credentials',
  'creds', 'auth', 'pat', 'apikey', 'apitoken', 'secretkey', 'accesskey', 'privatekey', 'clientsecret', 'passphrase', 'base']);

/** Words before `key`/`token` that make it a credential whatever else qualifies it (`SEARCH_API_KEY`). */
const CREDENTIAL_QUALIFIERS = new Set(['api', 'access', 'refresh', 'id', 'bot', 'app', 'personal', 'deploy', 'service', 'master', 'admin', 'signing', 'encryption', 'webhook', 'oauth', 'client', 'user', 'account', 'license', 'subscription']);

function judgeSecretLikeName(name: string): boolean {
  const words = splitWords(name);
  let lastSecret = -1;
  for (let i = 0; i < words.length; i++) if (SECRET_WORDS.has(words[i])) lastSecret = i;
  if (lastSecret < 0) return false;
  // Past the credential word only words that say how the value is held may follow
  // (`API_KEY_PROD`, `secretValue`); others name an attribute of it (`token_dialect`,
  // `token_encryption`, `authorization_details`, `PASSWORD_POLICY`).
  if (words.slice(lastSecret + 1).some((w) => !TRAILING_HOLDER_WORDS.has(w) && !/^\d+$/.test(w))) return false;
  if (words.slice(0, lastSecret).some((w) => MODIFIER_WORDS.has(w))) return false;
  const last = words[words.length - 1];
  if (HANDLER_NOUNS.has(last)) return false;
  // A bare `session` is a session object or name; its secret is `sessionToken`, `sessionSecret`…
  if (words.length === 1 && (last === 'session' || last === 'sessions')) return false;
  if (last === 'tokens' && words.some((w) => TOKEN_COUNT_WORDS.has(w))) return false;
  // Judged on the name as a whole: `key`/`token` qualified only by data or paging words.
  const others = words.filter((w) => w !== 'key' && w !== 'keys' && w !== 'token' && w !== 'tokens');
  if (others.some((w) => SECRET_WORDS.has(w) || CREDENTIAL_QUALIFIERS.has(w))) return true;
  const hasKey = words.some((w) => w === 'key' || w === 'keys');
  const hasToken = words.some((w) => w === 'token' || w === 'tokens');
  if (hasKey && !hasToken && (others.length === 0 || others.some((w) => DATA_KEY_WORDS.has(w)))) return false;
  if (hasToken && !hasKey && others.some((w) => PAGE_TOKEN_WORDS.has(w))) return false;
  return true;
}

/**
 * An environment variable name that holds a credential. Environment names are credentials more
 * readily than code names: a bare `KEY` or `TOKEN` in a container's env is the credential itself.
 */
export function isSecretEnvName(name: string): boolean {
  return isSecretLikeName(name) || /^(KEY|TOKEN|SECRET|PASSWORD|PASS|PWD)$/i.test(name);
}

/** `apiKey` → `API_KEY`, `x-api-key` → `X_API_KEY`: the environment variable name a fix writes. */
export function toEnvName(name: string): string {
  const words = splitWords(name);
  return (words.length ? words.join('_') : 'SECRET').toUpperCase();
}

export function nameMentions(name: string | undefined, word: string): boolean {
  return !!name && splitWords(name).includes(word);
}

/** Query parameter names that carry credentials besides the secret-like ones (`appid` is OpenWeather's key). */
const QUERY_SECRET_NAMES = new Set(['api_key', 'apikey', 'api-key', 'appid', 'app_id', 'key', 'token', 'access_token', 'accesstoken',
  'auth_token', 'private_token', 'client_secret', 'secret', 'password', 'passwd', 'pwd', 'sig', 'signature', 'code']);

/** A URL query parameter that carries a credential: `api_key`, `appid`, a bare `key` or `token` (as Google and many APIs use them). */
export function isSecretQueryParam(name: string): boolean {
  const lower = name.toLowerCase();
  return (QUERY_SECRET_NAMES.has(lower) && lower !== 'code') || isSecretLikeName(name);
}
