import { describeSecret, firstKnownFormat, isSecretEnvName } from '../../secrets/index.js';
import type { SecretSourceOf } from '../common/secretSource.js';
import { memoOn, resolvedPath, valuesOf, type PyFileIndex } from './fileIndex.js';
import { stringValue, formatStringValues } from './strings.js';
import { MemoisedFlow } from './memoisedFlow.js';
import { callOf, children, dictEntriesOf, dottedPath, lastName, namedChildren, objectOf, positionalArg, keywordArg, subscriptIndex, textOf, type PyCall, type PyNode } from './syntax.js';

export type PySecretSource = SecretSourceOf<PyNode>;

/**
 * Where a Python expression's secret comes from, when the file shows it: an environment variable
 * with a secret-like name, a secrets-manager call, a known-format literal, a token endpoint's
 * response, and values derived from those (f-strings, `+`, `%`, `.format`, subscripts, slices,
 * bindings in the same scope or the module, one call into a function of this file). A name alone is
 * never a source here: rules that judge names (tool parameters) read names themselves.
 */
export class PySecretFlow extends MemoisedFlow {
  protected compute(n: PyNode, depth: number): PySecretSource | undefined {
    const src = this.idx.src;
    switch (n.name) {
      case 'String': case 'ContinuedString': {
        const value = stringValue(src, n);
        const known = value && value.length >= 8 ? firstKnownFormat(value) : undefined;
        return known ? { kind: 'literal', name: describeSecret(known.kind, known.secret), node: n } : undefined;
      }
      case 'FormatString': return this.strongest(formatStringValues(n), depth);
      case 'ParenthesizedExpression': case 'AwaitExpression': case 'TupleExpression': case 'ArrayExpression': case 'SetExpression':
        return this.strongest(namedChildren(n), depth);
      case 'BinaryExpression': {
        const op = children(n).find((c) => !/^[A-Z]/.test(c.name) || c.name === 'ArithOp' || c.name === 'CompareOp' || c.name === 'BitOp');
        // `a == b`, `a or b` and friends produce booleans or pick one side; only `+` and `%` carry text.
        if (op && !/^(\+|%)$/.test(textOf(src, op)) && textOf(src, op) !== 'or') return undefined;
        return this.strongest(namedChildren(n), depth);
      }
      case 'ConditionalExpression': return this.strongest(namedChildren(n).filter((_, i) => i !== 1), depth);
      case 'DictionaryExpression': return this.strongest(namedChildren(n), depth);
      case 'VariableName': return this.viaBinding(textOf(src, n), n, depth);
      case 'MemberExpression': return this.member(n, depth);
      case 'CallExpression': return this.call(n, depth);
      default: return undefined;
    }
  }

  private viaBinding(name: string, at: PyNode, depth: number): PySecretSource | undefined {
    const values = valuesOf(this.idx, name, at).filter((v) => v.from !== at.from);
    const s = this.strongest(values, depth);
    return s && { ...s, via: s.via ?? name };
  }

  private member(n: PyNode, depth: number): PySecretSource | undefined {
    const src = this.idx.src;
    const path = resolvedPath(this.idx, n);
    if (path === 'os.environ') return { kind: 'env-object', name: 'os.environ', node: n };
    const index = subscriptIndex(n);
    const obj = objectOf(n);
    if (index && obj && resolvedPath(this.idx, obj) === 'os.environ') return this.envRead(stringValue(src, index), n);
    if (path?.startsWith('self.')) {
      const bound = this.viaBinding(path, n, depth);
      if (bound) return bound;
    }
    if (!obj) return undefined;
    // `config["mode"]` of a dict literal the file builds: that entry only, not the dict's strongest value.
    const entryKey = index ? stringValue(src, index) : undefined;
    if (entryKey !== undefined) {
      const entry = this.dictEntry(obj, entryKey, depth);
      if (entry !== null) return entry;
    }
    const inner = this.eval(obj, depth + 1);
    if (!inner) return undefined;
    // `secret["SecretString"]`, `resp.json()["access_token"]`, `token[:8]`: a part of a secret.
    const key = index ? stringValue(src, index) : lastName(path);
    if (inner.kind === 'secret-manager' && key && NON_SECRET_FIELDS.test(key)) return undefined;
    return { ...inner, partial: inner.partial || index?.name === 'SliceExpression' || (index === undefined && !!key && /^(\d+)$/.test(key)) };
  }

  /**
   * The value under `key` when `obj` is only ever a dict literal of this file (a binding or the
   * returns of a function here) without `**spread` entries or `obj[...] = …` writes: the source of
   * that entry (undefined: the entry holds no secret or is absent). `null` when the file does not
   * show such literals, and the whole object is judged instead.
   */
  private dictEntry(obj: PyNode, key: string, depth: number): PySecretSource | undefined | null {
    const dicts = this.dictLiterals(obj, depth);
    if (!dicts) return null;
    const values = dicts.flatMap((d) => dictEntriesOf(d).filter((e) => stringValue(this.idx.src, e.key) === key).map((e) => e.value));
    return this.strongest(values, depth);
  }

  private dictLiterals(obj: PyNode, depth: number): PyNode[] | null {
    const src = this.idx.src;
    const plain = (d: PyNode) => d.name === 'DictionaryExpression' && !children(d).some((c) => c.name === '**');
    if (depth > 8) return null;
    if (obj.name === 'DictionaryExpression') return plain(obj) ? [obj] : null;
    if (obj.name === 'VariableName') {
      const name = textOf(src, obj);
      if (valuesOf(this.idx, `${name}[]`, obj).length) return null;
      const values = valuesOf(this.idx, name, obj).filter((v) => v.from !== obj.from);
      if (!values.length) return null;
      const out: PyNode[] = [];
      for (const v of values) {
        const d = this.dictLiterals(v, depth + 1);
        if (!d) return null;
        out.push(...d);
      }
      return out;
    }
    if (obj.name === 'CallExpression' && obj.firstChild?.name === 'VariableName') {
      const fns = this.idx.functionsByName.get(textOf(src, obj.firstChild)) ?? [];
      // `return None` / a bare `return` add no entries.
      const returned = fns.flatMap((f) => this.idx.returns.filter((r) => r.from >= f.node.from && r.to <= f.node.to).map((r) => namedChildren(r)[0]))
        .filter((r) => r && r.name !== 'None');
      if (!fns.length || !returned.length || returned.some((r) => !plain(r))) return null;
      return returned;
    }
    return null;
  }

  private envRead(name: string | undefined, node: PyNode): PySecretSource | undefined {
    if (!name || !isSecretEnvName(name)) return undefined;
    return { kind: 'env', name: `os.environ["${name}"]`, secretName: name, node };
  }

  private call(n: PyNode, depth: number): PySecretSource | undefined {
    const src = this.idx.src;
    const call = callOf(src, n);
    if (!call) return undefined;
    const path = resolvedPath(this.idx, call.callee) ?? '';
    if (path === 'os.getenv' || path === 'os.environ.get' || path === 'os.environ.pop' || path === 'os.environ.setdefault') {
      return this.envRead(stringValue(src, positionalArg(call, 0) ?? keywordArg(call, 'key')?.value), n);
    }
    const sm = secretManagerCall(this.idx, call, path);
    if (sm) return sm;
    const token = this.tokenResponse(call, path, depth);
    if (token) return token;
    const name = lastName(path) ?? '';
    // Text built from a secret: `"{}".format(key)`, `str(key)`, `key.strip()`, `"Bearer " + key`, `base64.b64encode(key)`.
    if (/^(format|join|replace|strip|lstrip|rstrip|encode|decode|upper|lower|str|repr|bytes|b64encode|urlsafe_b64encode|dumps|quote|quote_plus|urlencode)$/.test(name)) {
      const recv = objectOf(call.callee);
      const parts = [...call.args.map((a) => a.value), ...(call.callee.name === 'MemberExpression' && recv ? [recv] : [])];
      return this.strongest(parts, depth);
    }
    if (name === 'get' && call.callee.name === 'MemberExpression') {
      // `secrets.get("api_key")` on a dict that holds secrets.
      const recv = objectOf(call.callee);
      const key = stringValue(src, positionalArg(call, 0));
      const entry = recv && key !== undefined ? this.dictEntry(recv, key, depth) : null;
      if (entry !== null) return entry ?? this.strongest(call.args.slice(1).map((a) => a.value), depth);
      const inner = recv ? this.eval(recv, depth + 1) : undefined;
      // `token_response.get("expires_in")`: the response's metadata, as with `token_response["expires_in"]`.
      if (inner && inner.kind === 'secret-manager' && key && NON_SECRET_FIELDS.test(key)) return undefined;
      if (inner && inner.kind !== 'env-object') return inner;
    }
    // One call into a function of this file: `def get_key(): return os.environ["API_KEY"]`.
    if (call.callee.name === 'VariableName' || path.startsWith('self.')) {
      for (const f of this.idx.functionsByName.get(name) ?? []) {
        for (const r of this.idx.returns) {
          if (r.from < f.node.from || r.to > f.node.to) continue;
          const s = this.eval(r.lastChild ?? r, depth + 3);
          if (s) return { ...s, via: `${name}()` };
        }
      }
    }
    return undefined;
  }

  /** `requests.post(token_url, …).json()` and `resp.json()` of such a post: it carries access tokens. */
  private tokenResponse(call: PyCall, path: string, depth: number): PySecretSource | undefined {
    if (lastName(path) !== 'json' || call.callee.name !== 'MemberExpression') return undefined;
    let recv = objectOf(call.callee);
    if (recv?.name === 'AwaitExpression') recv = recv.lastChild ?? undefined;
    if (recv?.name === 'VariableName') {
      const values = valuesOf(this.idx, textOf(this.idx.src, recv), recv);
      recv = values.length === 1 ? values[0] : undefined;
      if (recv?.name === 'AwaitExpression') recv = recv.lastChild ?? undefined;
    }
    if (!recv || recv.name !== 'CallExpression' || depth > 8) return undefined;
    const post = callOf(this.idx.src, recv)!;
    if (!/\.post$/.test(resolvedPath(this.idx, post.callee) ?? '')) return undefined;
    const target = post.args[0]?.value ?? keywordArg(post, 'url')?.value;
    return target && TOKEN_ENDPOINT.test(textOf(this.idx.src, target)) ? { kind: 'secret-manager', name: 'the token endpoint\'s response', node: call.node } : undefined;
  }
}

/** Fields of a secrets-manager or token-endpoint response that describe the secret rather than hold it. */
const NON_SECRET_FIELDS = /^(ARN|Name|VersionId|VersionStages|CreatedDate|ResponseMetadata|lease_duration|lease_id|renewable|request_id|metadata|name|etag|token_type|expires_in|refresh_expires_in|expires_at|scope|version|error|error_description|error_uri)$/;

const TOKEN_ENDPOINT = /\/(oauth2?\/)?token\b|\/oauth2?\/v\d+(\.\d+)?\/token|\/connect\/token|\/auth\/token|token_endpoint|token_url|TOKEN_URL|tokenUrl/;

/**
 * A call that fetches a secret from a secrets manager (by the client APIs' method names; there is
 * no type information): boto3 `get_secret_value`, SSM `get_parameter(WithDecryption=True)`, GCP
 * `access_secret_version`, Azure `SecretClient.get_secret`, hvac reads, `keyring.get_password`.
 */
export function secretManagerCall(idx: PyFileIndex, call: PyCall, path = resolvedPath(idx, call.callee) ?? ''): PySecretSource | undefined {
  const m = lastName(path) ?? '';
  const recv = path.slice(0, Math.max(0, path.length - m.length - 1)).toLowerCase();
  const id = (...keys: string[]) => {
    for (const k of keys) {
      const v = k === '0' ? positionalArg(call, 0) : keywordArg(call, k)?.value;
      const s = stringValue(idx.src, v) ?? (v ? dottedPath(idx.src, v) : undefined);
      if (s) return s;
    }
    return undefined;
  };
  const src = (name: string, secretName?: string): PySecretSource => ({ kind: 'secret-manager', name, secretName, node: call.node });
  if (m === 'get_secret_value') return src('AWS Secrets Manager', id('SecretId'));
  if ((m === 'get_parameter' || m === 'get_parameters') && /True/.test(textOf(idx.src, keywordArg(call, 'WithDecryption')?.value ?? call.node).slice(0, 4))) return src('AWS SSM Parameter Store', id('Name'));
  if (m === 'access_secret_version') return src('GCP Secret Manager', id('name', '0'));
  if (m === 'get_secret' && /infisical/.test(recv)) return src('Infisical', id('secret_name', '0'));
  // As in TS: Azure only when the receiver says so; any other `get_secret` is a secrets manager the file wraps.
  if (m === 'get_secret' && /secret|vault|kv|client|mgr|manager/.test(recv)) return src(/keyvault|key_vault|secretclient|secret_client|azure|\bkv\b/.test(recv) ? 'Azure Key Vault' : 'a secrets manager (get_secret)', id('name', '0'));
  if (/^read_secret(_version)?$/.test(m) || (m === 'read' && /vault|hvac|client/.test(recv))) return src('Vault', id('path', '0'));
  if (m === 'get_password' && /keyring/.test(path)) return src('the keyring', id('service_name', '0'));
  return undefined;
}

/** The secret flow of a file, shared by every rule that asks for the same index. */
export function pySecretFlowOf(idx: PyFileIndex): PySecretFlow {
  return memoOn(idx, newSecretFlow);
}

const newSecretFlow = (idx: PyFileIndex) => new PySecretFlow(idx);

/**
 * A secrets-manager source with its secret id spelled as a literal where the file shows one: the
 * call's id argument `name` bound to `"projects/p/secrets/s/versions/latest"` reads as that string
 * (the source names the variable otherwise). Other sources are returned as they are.
 */
export function withLiteralSecretName(idx: PyFileIndex, source: PySecretSource): PySecretSource {
  const id = source.secretName;
  if (source.kind !== 'secret-manager' || !id || !/^[A-Za-z_]\w*$/.test(id) || source.node.name !== 'CallExpression') return source;
  const call = callOf(idx.src, source.node);
  const arg = call?.args.find((a) => a.value.name === 'VariableName' && textOf(idx.src, a.value) === id)?.value;
  if (!arg) return source;
  const values = valuesOf(idx, id, arg);
  const literal = values.length === 1 ? stringValue(idx.src, values[0]) : undefined;
  return literal ? { ...source, secretName: literal } : source;
}
