import ts from 'typescript';
import { describeSecret, detectValue, isSecretLikeName, scanKnownFormats, splitWords } from '../../../secrets/index.js';
import { dottedName, holderOf } from '../syntax.js';
import type { PathStep } from './fileIndex.js';
import { CLEAN, type FlowEngine, type FlowSpec, UNKNOWN, type Verdict, isSecretVerdict, unwrap } from './engine.js';
import type { SecretSource } from './types.js';
import { memoByText } from '../../../memo.js';

/**
 * The sources of the secret flow: environment variables with secret-like names, secrets-manager
 * calls, credential-format literals, and (as the last resort for values the file cannot show)
 * secret-like names.
 */

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
  'str', 'string', 'text', 'parent', 'child', 'sub', 'nested', 'display', 'desc', 'description']);
/** `token` qualified by one of these names a pagination or sync token, not a credential. */
const PAGE_TOKEN_WORDS = new Set(['next', 'page', 'pagination', 'continuation', 'cursor', 'sync', 'resume', 'offset', 'paging', 'prev', 'previous', 'delta']);

function judgeName(name: string): boolean {
  if (!isSecretLikeName(name)) return false;
  const words = splitWords(name);
  const last = words[words.length - 1];
  if (HANDLER_NOUNS.has(last)) return false;
  // A bare `session` is a session object or name; its secret is `sessionToken`, `sessionSecret`…
  if (words.length === 1 && (last === 'session' || last === 'sessions')) return false;
  if (last === 'tokens' && words.some((w) => TOKEN_COUNT_WORDS.has(w))) return false;
  // Judged on the name as a whole: `key`/`token` qualified only by data or paging words.
  const others = words.filter((w) => w !== 'key' && w !== 'keys' && w !== 'token' && w !== 'tokens');
  if (others.some((w) => isSecretLikeName(w))) return true;
  const hasKey = words.some((w) => w === 'key' || w === 'keys');
  const hasToken = words.some((w) => w === 'token' || w === 'tokens');
  if (hasKey && !hasToken && (others.length === 0 || others.some((w) => DATA_KEY_WORDS.has(w)))) return false;
  if (hasToken && !hasKey && others.some((w) => PAGE_TOKEN_WORDS.has(w))) return false;
  return true;
}

/**
 * A binding, property or parameter name that holds a credential: `isSecretLikeName`, minus names
 * of things that handle secrets (`authClient`, `tokenService`), model token counts
 * (`promptTokens`), a bare `key`/`keys`/`session`, data keys (`cacheKey`, `platformKey`) and
 * pagination tokens (`nextPageToken`). Memoised: identifiers come from a bounded vocabulary; the
 * cap only guards against generated code.
 */
export const isSecretName: (name: string) => boolean = memoByText(judgeName, 50_000);

/** An environment variable name that holds a credential (`API_KEY`, `KEY`; not `AWS_REGION` or `TOKEN_TTL`). */
export function isSecretEnvName(name: string): boolean {
  return isSecretLikeName(name);
}

const GETTER = /^(get|load|fetch|read|resolve|retrieve|obtain|lookup|require)(?=[A-Z_])/;

/** `process` as the Node global (or imported from `process` / `node:process`). */
function isProcess(e: ts.Expression, engine: FlowEngine): boolean {
  if (!ts.isIdentifier(e) || e.text !== 'process') return false;
  const b = engine.resolve(e);
  if (!b) return true;
  const from = engine.index.importedFrom.get('process');
  return b.kind === 'import' && (from === 'process' || from === 'node:process');
}

/** The path read from the environment when `e` is `process.env` (or `process` read at `env…`). */
function envPath(e: ts.Expression, path: readonly PathStep[], engine: FlowEngine): readonly PathStep[] | undefined {
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'env') {
    if (isProcess(e.expression, engine)) return path;
    if (ts.isMetaProperty(e.expression)) return path; // import.meta.env
  }
  if (isProcess(e, engine) && path[0] === 'env') return path.slice(1);
  return undefined;
}

function envSource(name: string, node: ts.Node): SecretSource {
  return { kind: 'env', name: `process.env.${name}`, secretName: name, node };
}

/** A literal or a constant bound to one: the text a secret id is spelled with. */
function literalText(e: ts.Expression | undefined, engine: FlowEngine): string | undefined {
  if (!e) return undefined;
  const u = unwrap(e);
  if (ts.isStringLiteralLike(u)) return u.text;
  if (ts.isTemplateExpression(u)) return u.getText().slice(1, -1);
  if (ts.isIdentifier(u)) {
    const b = engine.resolve(u);
    if (b?.kind === 'const' && b.values.length === 1 && !b.values[0].path.length) {
      const v = unwrap(b.values[0].expr);
      if (ts.isStringLiteralLike(v)) return v.text;
    }
    return undefined;
  }
  if (ts.isObjectLiteralExpression(u)) {
    for (const key of ['SecretId', 'name', 'secretName', 'secretKey', 'path', 'secretPath']) {
      const p = u.properties.find((q) => ts.isPropertyAssignment(q) && q.name.getText() === key) as ts.PropertyAssignment | undefined;
      const t = p && literalText(p.initializer, engine);
      if (t) return t;
    }
  }
  return undefined;
}

function isGetSecretCommand(e: ts.Expression | undefined, engine: FlowEngine): boolean {
  if (!e) return false;
  const u = unwrap(e);
  if (ts.isNewExpression(u)) {
    const n = ts.isIdentifier(u.expression) ? u.expression.text : ts.isPropertyAccessExpression(u.expression) ? u.expression.name.text : '';
    return /^(Batch)?GetSecretValueCommand$/.test(n);
  }
  if (ts.isIdentifier(u)) {
    const b = engine.resolve(u);
    return !!b && b.values.length === 1 && isGetSecretCommand(b.values[0].expr, engine);
  }
  return false;
}

/** keytar entries are named by service and account: `mcp/github`. */
function keytarSource(call: ts.CallExpression, engine: FlowEngine): SecretSource {
  const parts = call.arguments.slice(0, 2).map((a) => literalText(a, engine)).filter((t): t is string => !!t);
  return { kind: 'secret-manager', name: 'keytar', secretName: parts.length ? parts.join('/') : undefined, node: call };
}

const VAULT_LOGIN = /^(approle|kubernetes|awsIam|aws|userpass|ldap|jwt|oidc|cert|github|token)Login$/;

/**
 * A call that fetches a secret from a secrets manager, with where it comes from; undefined for
 * any other call. Recognised by the client APIs' method names (and, for the generic ones, by the
 * receiver's name), since there is no type information.
 */
export function secretManagerCall(call: ts.CallExpression, engine: FlowEngine): SecretSource | undefined {
  const callee = unwrap(call.expression);
  const a0 = call.arguments[0];
  const src = (name: string): SecretSource => ({ kind: 'secret-manager', name, secretName: literalText(a0, engine), node: call });
  if (ts.isPropertyAccessExpression(callee)) {
    const m = callee.name.text;
    const recv = (dottedName(callee.expression) ?? callee.expression.getText()).toLowerCase();
    if (m === 'send' && isGetSecretCommand(a0, engine)) {
      const cmd = unwrap(a0);
      const arg = ts.isNewExpression(cmd) ? cmd.arguments?.[0] : undefined;
      return { kind: 'secret-manager', name: 'AWS Secrets Manager', secretName: literalText(arg, engine), node: call };
    }
    if (m === 'getSecretValue') return src('AWS Secrets Manager');
    if (m === 'accessSecretVersion') return src('GCP Secret Manager');
    if (recv.includes('vault') && (m === 'read' || VAULT_LOGIN.test(m))) return src(m === 'read' ? 'Vault' : `Vault ${m}`);
    if (m === 'getSecret') return src(recv.includes('infisical') ? 'Infisical' : /keyvault|secretclient|azure|\bkv\b/.test(recv) ? 'Azure Key Vault' : 'a secrets manager (getSecret)');
    if ((m === 'getPassword' || m === 'findPassword' || m === 'findCredentials') && (recv === 'keytar' || engine.index.importedFrom.get(recv) === 'keytar')) return keytarSource(call, engine);
    return undefined;
  }
  if (ts.isIdentifier(callee)) {
    const b = engine.resolve(callee);
    // A function of this file is followed through its returns instead.
    if (b && b.kind !== 'import' && b.kind !== 'param') return undefined;
    const from = engine.index.importedFrom.get(callee.text) ?? '';
    if (callee.text === 'getSecret' || callee.text === 'accessSecretVersion') return src(callee.text === 'getSecret' ? 'a secrets manager (getSecret)' : 'GCP Secret Manager');
    if ((callee.text === 'getPassword' || callee.text === 'findPassword') && from === 'keytar') return keytarSource(call, engine);
  }
  return undefined;
}

export const secretSpec: FlowSpec = {
  sourceAt(e: ts.Expression, path: readonly PathStep[], engine: FlowEngine): Verdict | undefined {
    const env = envPath(e, path, engine);
    if (env) {
      if (!env.length) return { kind: 'env-object', name: 'process.env', node: e };
      const [name, ...rest] = env;
      if (name === '*' || name === '#') return UNKNOWN;
      return isSecretEnvName(name) ? engine.applyPath(envSource(name, e.parent ?? e), rest) : CLEAN;
    }
    if (path[0] === 'SecretString' || path[0] === 'SecretBinary') {
      const whole = engine.evalAt(e, []);
      const src: SecretSource = isSecretVerdict(whole) && whole.kind === 'secret-manager' ? whole : { kind: 'secret-manager', name: 'AWS Secrets Manager', node: e };
      return engine.applyPath(src, path.slice(1));
    }
    if (ts.isCallExpression(e)) {
      const sm = secretManagerCall(e, engine);
      if (sm) return engine.applyPath(sm, path);
    }
    return undefined;
  },
  byName(name: string, node: ts.Node): SecretSource | undefined {
    return isSecretName(name) ? { kind: 'name', name, node } : undefined;
  },
  literal(text: string, node: ts.Node): SecretSource | undefined {
    if (text.length < 8) return undefined;
    const known = scanKnownFormats(text)[0]
      ?? (ts.isStringLiteralLike(node) ? detectValue(text, holderOf(node)) : undefined);
    return known ? { kind: 'literal', name: describeSecret(known.kind, known.secret), node } : undefined;
  },
  byCallee(_call: ts.CallExpression, name: string): SecretSource | undefined {
    const m = GETTER.exec(name);
    if (!m) return undefined;
    // `getApiKey()`, `loadAccessToken()`: the getter's object is the credential itself (its last word).
    const rest = name.slice(m[0].length);
    const words = splitWords(rest);
    return isSecretName(rest) && isSecretLikeName(words[words.length - 1]) ? { kind: 'name', name: `${name}()`, node: _call } : undefined;
  },
};
