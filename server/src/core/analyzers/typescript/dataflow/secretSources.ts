import ts from 'typescript';
import { describeSecret, detectValue, firstKnownFormat, hasSecretWord, isSecretEnvName, isSecretLikeName, splitWords } from '../../../secrets/index.js';
import { dottedName, holderOf } from '../syntax.js';
import type { PathStep } from './fileIndex.js';
import { CLEAN, type FlowEngine, type FlowSpec, UNKNOWN, type Verdict, isSecretVerdict, unwrap } from './engine.js';
import type { SecretSource } from './types.js';

/**
 * The sources of the secret flow: environment variables with secret-like names, secrets-manager
 * calls, credential-format literals, and (as the last resort for values the file cannot show)
 * secret-like names.
 */

/**
 * A binding, property or parameter name that holds a credential: the one judgement of names every
 * analyzer shares (secrets/names.ts).
 */
export const isSecretName: (name: string) => boolean = isSecretLikeName;

export { isSecretEnvName };

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

/** A token endpoint: its response carries access (and refresh) tokens. */
const TOKEN_ENDPOINT = /\/(oauth2?\/)?token\b|\/oauth2?\/v\d+(\.\d+)?\/token|\/connect\/token|\/auth\/token|token_endpoint|tokenUrl|tokenEndpoint|TOKEN_URL/;

/**
 * `res.json()` / `res.text()` of a request to a token endpoint (`fetch(tokenUrl, …)`,
 * `axios.post('…/oauth/token', …)`): the parsed response holds the access token, so embedding it
 * whole in an error message or a log leaks the token.
 */
function tokenResponseCall(call: ts.CallExpression, engine: FlowEngine): SecretSource | undefined {
  const callee = unwrap(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !/^(json|text)$/.test(callee.name.text)) return undefined;
  let recv = unwrap(callee.expression);
  if (ts.isIdentifier(recv)) {
    const b = engine.resolve(recv);
    if (!b || b.values.length !== 1) return undefined;
    recv = unwrap(b.values[0].expr);
  }
  if (!ts.isCallExpression(recv) || !recv.arguments[0]) return undefined;
  const name = dottedName(unwrap(recv.expression)) ?? '';
  if (!/^(fetch|undici\.fetch|nodeFetch)$|\.(post|request)$/.test(name)) return undefined;
  const target = recv.arguments[0].getText();
  return TOKEN_ENDPOINT.test(target) ? { kind: 'secret-manager', name: 'the token endpoint\'s response', node: call } : undefined;
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
      const tokens = tokenResponseCall(e, engine);
      // Of a token response, the tokens are secret; `token_type`, `expires_in` and `scope` are not.
      if (tokens) return path.length && typeof path[0] === 'string' && !isSecretName(path[0]) ? CLEAN : engine.applyPath(tokens, path);
    }
    return undefined;
  },
  byName(name: string, node: ts.Node): SecretSource | undefined {
    return isSecretName(name) ? { kind: 'name', name, node } : undefined;
  },
  literal(text: string, node: ts.Node): SecretSource | undefined {
    if (text.length < 8) return undefined;
    const known = firstKnownFormat(text)
      ?? (ts.isStringLiteralLike(node) ? detectValue(text, holderOf(node)) : undefined);
    return known ? { kind: 'literal', name: describeSecret(known.kind, known.secret), node } : undefined;
  },
  byCallee(_call: ts.CallExpression, name: string): SecretSource | undefined {
    const m = GETTER.exec(name);
    if (!m) return undefined;
    // `getApiKey()`, `loadAccessToken()`: the getter's object is the credential itself (its last word).
    const rest = name.slice(m[0].length);
    const words = splitWords(rest);
    return isSecretName(rest) && hasSecretWord(words[words.length - 1]) ? { kind: 'name', name: `${name}()`, node: _call } : undefined;
  },
};
