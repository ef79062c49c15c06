import { SOURCE_STRENGTH } from '../common/secretSource.js';
import { isAuthorizationHeader } from '../common/wording/token-passthrough.js';
import { functionAt, memoOn, noteScopeSearch, resolvedPath, scopeOf, valuesOf, type PyFileIndex } from './fileIndex.js';
import type { PySecretSource } from './flow.js';
import { MemoisedFlow } from './memoisedFlow.js';
import { formatStringValues, stringValue } from './strings.js';
import {
  callOf, children, dictEntriesOf, dottedPath, enclosingFunction, forEachNode, keywordArg, lastName, namedChildren,
  objectOf, positionalArg, subscriptIndex, textOf, type PyNode,
} from './syntax.js';

/**
 * The flow of the authorization the server received, for Python web and MCP servers: the sources
 * are real reads of the incoming request, never names (a parameter called `token` may be a token
 * the server obtained itself).
 *
 * - `incoming-authorization`: `request.headers["authorization"]`, `request.headers.get("Authorization")`
 *   (Starlette/FastAPI, Flask, aiohttp, `ctx.request_context.request`, fastmcp `get_http_request()`),
 *   Django `request.META["HTTP_AUTHORIZATION"]`, `get_http_headers()["authorization"]`,
 *   `get_access_token().token`, a FastAPI parameter `authorization: str = Header(…)` or
 *   `= Depends(<OAuth2PasswordBearer / HTTPBearer …>)`, and tokens cut out of those (`.split()[1]`,
 *   `.replace("Bearer ", "")`, `[7:]`, `.removeprefix(…)`, f-strings, `+`);
 * - `incoming-headers`: the whole headers: `request.headers`, `dict(request.headers)`,
 *   `{**request.headers}`, fastmcp `get_http_headers()` (which keeps `authorization`), unless a
 *   later `"authorization"` entry replaces it or the file pops / deletes it from the copy.
 *
 * Followed through bindings of the same scope (then the module) and one call into a function of
 * this file. A token exchange (`exchange_token(auth)`) or any other call the file does not define
 * stops the flow: what comes out is a token the server obtained itself.
 */
export class PyIncomingTokenFlow extends MemoisedFlow {
  private label(n: PyNode): string {
    const t = textOf(this.idx.src, n).replace(/\s+/g, ' ');
    return t.length > 80 ? `${t.slice(0, 77)}...` : t;
  }

  protected compute(n: PyNode, depth: number): PySecretSource | undefined {
    const src = this.idx.src;
    switch (n.name) {
      case 'FormatString': return this.asToken(this.strongest(formatStringValues(n), depth));
      case 'ParenthesizedExpression': case 'AwaitExpression': return this.strongest(namedChildren(n), depth);
      case 'BinaryExpression': {
        const op = children(n).find((c) => !/^[A-Z]/.test(c.name) || /Op$/.test(c.name));
        const t = op ? textOf(src, op) : '';
        if (t !== '+' && t !== '%' && t !== 'or') return undefined;
        const s = this.strongest(namedChildren(n).filter((c) => !/Op$/.test(c.name)), depth);
        return t === 'or' ? s : this.asToken(s);
      }
      case 'ConditionalExpression': return this.strongest(namedChildren(n).filter((_, i) => i !== 1), depth);
      case 'DictionaryExpression': return this.dict(n, depth);
      case 'VariableName': return this.name(n, depth);
      case 'MemberExpression': return this.member(n, depth);
      case 'CallExpression': return this.call(n, depth);
      default: return undefined;
    }
  }

  /** Text built around the whole headers is not a token; text built around a token is. */
  private asToken(s: PySecretSource | undefined): PySecretSource | undefined {
    return s?.kind === 'incoming-authorization' ? s : undefined;
  }

  /** `{**request.headers, "x": 1}`: the spread headers, unless a later entry sets `authorization`. */
  private dict(n: PyNode, depth: number): PySecretSource | undefined {
    const kids = children(n);
    let best: PySecretSource | undefined;
    kids.forEach((k, i) => {
      if (k.name !== '**' || !kids[i + 1]) return;
      const spread = kids[i + 1];
      const s = this.eval(spread, depth + 1);
      if (!s) return;
      const later = dictEntriesOf(n).filter((e) => e.key.from > spread.to).map((e) => stringValue(this.idx.src, e.key));
      if (s.kind === 'incoming-headers' && later.some((key) => key !== undefined && isAuthorizationHeader(key))) return;
      if (!best || SOURCE_STRENGTH[s.kind] > SOURCE_STRENGTH[best.kind]) best = s;
    });
    for (const e of dictEntriesOf(n)) {
      const s = this.eval(e.value, depth + 1);
      if (s && (!best || SOURCE_STRENGTH[s.kind] > SOURCE_STRENGTH[best.kind])) best = s;
    }
    return best;
  }

  private name(n: PyNode, depth: number): PySecretSource | undefined {
    const name = textOf(this.idx.src, n);
    const values = valuesOf(this.idx, name, n).filter((v) => v.from !== n.from);
    if (!values.length) return this.parameter(name, n);
    const s = this.strongest(values, depth);
    if (s?.kind === 'incoming-headers' && this.authorizationRemoved(name, n)) return undefined;
    return s && { ...s, via: s.via ?? name };
  }

  /** `h.pop("authorization", None)` / `del h["Authorization"]` in the scope that holds `h`. */
  private authorizationRemoved(name: string, at: PyNode): boolean {
    const scope = scopeOf(at);
    // Module-level headers: any statement of the module may strip the header.
    noteScopeSearch(scope);
    const src = this.idx.src;
    for (const c of this.idx.calls) {
      const call = callOf(src, c)!;
      if (call.callee.name !== 'MemberExpression' || lastName(dottedPath(src, call.callee)) !== 'pop') continue;
      const recv = objectOf(call.callee);
      const key = stringValue(src, positionalArg(call, 0));
      if (recv && textOf(src, recv) === name && key && isAuthorizationHeader(key) && scopeOf(c) === scope) return true;
    }
    // `h["Authorization"] = f"Bearer {own_token}"`: the caller's token is replaced in the copy.
    for (const a of this.idx.assignments) {
      if (scopeOf(a.node) !== scope) continue;
      for (const t of a.targets) {
        const obj = objectOf(t);
        const key = stringValue(src, subscriptIndex(t));
        if (obj && textOf(src, obj) === name && key && isAuthorizationHeader(key)) return true;
      }
    }
    let removed = false;
    forEachNode(this.idx.root, (d) => {
      if (removed) return false;
      if (d.name !== 'DeleteStatement') return undefined;
      for (const t of namedChildren(d)) {
        const obj = objectOf(t);
        const key = stringValue(src, subscriptIndex(t));
        if (obj && textOf(src, obj) === name && key && isAuthorizationHeader(key) && scopeOf(d) === scope) removed = true;
      }
      return false;
    });
    return removed;
  }

  /**
   * A parameter FastAPI fills from the request: `authorization: str = Header(…)` (or a `Header`
   * with `alias="Authorization"`), `token: str = Depends(oauth2_scheme)` where the scheme is an
   * `OAuth2PasswordBearer`/`OAuth2AuthorizationCodeBearer`/`HTTPBearer`, or a parameter annotated
   * `HTTPAuthorizationCredentials`.
   */
  private parameter(name: string, at: PyNode): PySecretSource | undefined {
    const src = this.idx.src;
    const fnNode = enclosingFunction(at);
    const fn = fnNode && functionAt(this.idx, fnNode);
    const p = fn?.params.find((q) => q.name === name);
    if (!p) return undefined;
    const annotation = p.annotation ? textOf(src, p.annotation) : '';
    // `Annotated[str, Header()]` carries the default in the annotation.
    const marker = p.default?.name === 'CallExpression' ? p.default : findCall(p.annotation, /^(Header|Depends|Security)$/, this.idx);
    if (marker) {
      const call = callOf(src, marker)!;
      const fname = lastName(resolvedPath(this.idx, call.callee)) ?? '';
      if (fname === 'Header') {
        const alias = stringValue(src, keywordArg(call, 'alias')?.value);
        if (isAuthorizationHeader(alias ?? name)) return { kind: 'incoming-authorization', name: `${name} = Header(…)`, node: p.nameNode };
      } else if (fname === 'Depends' || fname === 'Security') {
        const dep = positionalArg(call, 0) ?? keywordArg(call, 'dependency')?.value;
        if (dep && this.isBearerScheme(dep)) return { kind: 'incoming-authorization', name: `${name} = ${fname}(${textOf(src, dep)})`, node: p.nameNode };
      }
    }
    if (/\bHTTPAuthorizationCredentials\b/.test(annotation)) return { kind: 'incoming-authorization', name: `${name}: HTTPAuthorizationCredentials`, node: p.nameNode };
    return undefined;
  }

  private isBearerScheme(dep: PyNode): boolean {
    const scheme = /^(OAuth2PasswordBearer|OAuth2AuthorizationCodeBearer|HTTPBearer)$/;
    const made = (v: PyNode) => v.name === 'CallExpression' && scheme.test(lastName(resolvedPath(this.idx, v.firstChild)) ?? '');
    if (made(dep)) return true;
    return dep.name === 'VariableName' && valuesOf(this.idx, textOf(this.idx.src, dep), dep).some(made);
  }

  private member(n: PyNode, depth: number): PySecretSource | undefined {
    const src = this.idx.src;
    const obj = objectOf(n);
    if (!obj) return undefined;
    const prop = n.getChild('PropertyName');
    const propName = prop ? textOf(src, prop) : undefined;
    // request.headers / request.META: the whole headers of the incoming request.
    if ((propName === 'headers' || propName === 'META') && this.isIncomingRequest(obj, depth)) {
      return { kind: 'incoming-headers', name: this.label(n), node: n };
    }
    // get_access_token().token: the bearer token the MCP server's auth middleware accepted.
    if (propName === 'token' && this.isAccessToken(obj)) return { kind: 'incoming-authorization', name: this.label(n), node: n };
    const inner = this.eval(obj, depth + 1);
    if (!inner) return undefined;
    const index = subscriptIndex(n);
    if (inner.kind === 'incoming-headers') {
      const key = stringValue(src, index);
      return key && isAuthorizationKey(key) ? { kind: 'incoming-authorization', name: this.label(n), node: n } : undefined;
    }
    // `auth[7:]`, `auth.split()[1]`, `credentials.credentials`: a part of the token.
    return { ...inner, partial: inner.partial || !!index };
  }

  private isAccessToken(obj: PyNode): boolean {
    const made = (v: PyNode) => v.name === 'CallExpression' && lastName(resolvedPath(this.idx, v.firstChild)) === 'get_access_token';
    let e = obj;
    if (e.name === 'AwaitExpression' && e.lastChild) e = e.lastChild;
    if (made(e)) return true;
    return e.name === 'VariableName' && valuesOf(this.idx, textOf(this.idx.src, e), e).some(made);
  }

  /** The request the server received: `request`/`req` (Starlette, FastAPI, Flask, aiohttp, Django), `ctx.request_context.request`, `get_http_request()`, a parameter annotated `Request`. */
  isIncomingRequest(e: PyNode, depth = 0): boolean {
    if (depth > 8) return false;
    const src = this.idx.src;
    if (e.name === 'AwaitExpression' && e.lastChild) return this.isIncomingRequest(e.lastChild, depth + 1);
    if (e.name === 'CallExpression') return lastName(resolvedPath(this.idx, e.firstChild)) === 'get_http_request';
    if (e.name === 'MemberExpression') {
      // `ctx.request_context.request`, `self.request`, `info.context.request`; never `response.request` (the request a client sent).
      const holder = lastName(dottedPath(src, objectOf(e))) ?? '';
      return !subscriptIndex(e) && INCOMING.test(lastName(dottedPath(src, e)) ?? '') && /^(self|request_context|context|ctx|info|scope|g)$/.test(holder);
    }
    if (e.name !== 'VariableName') return false;
    const name = textOf(src, e);
    const values = valuesOf(this.idx, name, e).filter((v) => v.from !== e.from);
    if (values.length) {
      // Bound here: to the incoming request (`request = get_http_request()`), never to a request the file builds.
      return values.some((v) => !isOwnRequest(this.idx, v) && (this.isIncomingRequest(v, depth + 1) || (INCOMING.test(name) && v.name === 'CallExpression' && /^Request$/.test(lastName(resolvedPath(this.idx, v.firstChild)) ?? ''))));
    }
    const fnNode = enclosingFunction(e);
    const p = fnNode && functionAt(this.idx, fnNode)?.params.find((q) => q.name === name);
    // `def auth_flow(self, request: httpx.Request)`: a request this process sends, whatever its name.
    const annotation = p?.annotation ? resolvedPath(this.idx, p.annotation) ?? textOf(src, p.annotation) : undefined;
    if (annotation && OWN_REQUEST_TYPE.test(annotation)) return false;
    if (INCOMING.test(name) || /^flask\.request$/.test(this.idx.imports.get(name) ?? '')) return true;
    return !!annotation && /(^|\.)(Request|HttpRequest)$/.test(annotation.replace(/\s+/g, ''));
  }

  private call(n: PyNode, depth: number): PySecretSource | undefined {
    const src = this.idx.src;
    const call = callOf(src, n);
    if (!call) return undefined;
    const path = resolvedPath(this.idx, call.callee) ?? '';
    const name = lastName(path) ?? '';
    if (name === 'get_http_headers') return { kind: 'incoming-headers', name: this.label(n), node: n };
    const recv = call.callee.name === 'MemberExpression' ? objectOf(call.callee) : undefined;
    if (recv) {
      const inner = this.eval(recv, depth + 1);
      if (inner?.kind === 'incoming-headers') {
        // headers.get("authorization"), request.META.get("HTTP_AUTHORIZATION"); headers.copy() / .items() keep them all.
        if (name === 'get' || name === 'getlist' || name === 'get_all') {
          const key = stringValue(src, positionalArg(call, 0) ?? keywordArg(call, 'key')?.value);
          return key && isAuthorizationKey(key) ? { kind: 'incoming-authorization', name: this.label(n), node: n } : undefined;
        }
        return name === 'copy' || name === 'items' || name === 'mutablecopy' ? inner : undefined;
      }
      if (inner?.kind === 'incoming-authorization' && TOKEN_METHODS.test(name)) return { ...inner, partial: inner.partial || /split|partition/.test(name) };
    }
    if (!recv && /^(dict|MutableHeaders|Headers|CaseInsensitiveDict|str)$/.test(name)) {
      const s = this.eval(positionalArg(call, 0) ?? n, depth + 1);
      return name === 'str' ? this.asToken(s) : s;
    }
    if (name === 'format' && recv) return this.asToken(this.strongest(call.args.map((a) => a.value), depth));
    // One call into a function of this file: `def bearer(request): return request.headers["authorization"]`.
    if (call.callee.name === 'VariableName' || path.startsWith('self.')) {
      for (const f of this.idx.functionsByName.get(name) ?? []) {
        for (const r of this.idx.returns) {
          if (r.from < f.node.from || r.to > f.node.to || enclosingFunction(r)?.from !== f.node.from) continue;
          const value = namedChildren(r)[0];
          const s = value && this.eval(value, depth + 3);
          if (s) return { ...s, via: `${name}()` };
        }
      }
    }
    return undefined;
  }
}

/** The last name of something that is the request the server received. */
const INCOMING = /^(request|req|incoming_request|incoming|http_request|raw_request|starlette_request|current_request)$/;

/** Types of requests the process sends (an HTTP client's request objects), never the one it received. */
const OWN_REQUEST_TYPE = /^(httpx|requests|urllib|urllib3|aiohttp)\.|PreparedRequest|ClientRequest/;

/** String methods that keep (a part of) a token: `auth.split(" ")[1]`, `auth.removeprefix("Bearer ")`. */
const TOKEN_METHODS = /^(split|rsplit|partition|rpartition|replace|removeprefix|strip|lstrip|rstrip|encode|decode)$/;

/** `authorization` in any case, and Django's `HTTP_AUTHORIZATION`. */
function isAuthorizationKey(key: string): boolean {
  return isAuthorizationHeader(key) || key.toUpperCase() === 'HTTP_AUTHORIZATION';
}

/** A request the file builds itself (`httpx.Request(…)`, `requests.Request(…)`, a dict): never the incoming one. */
function isOwnRequest(idx: PyFileIndex, v: PyNode): boolean {
  if (v.name === 'DictionaryExpression') return true;
  if (v.name !== 'CallExpression') return false;
  return /^(httpx|requests|urllib|aiohttp)\./.test(resolvedPath(idx, v.firstChild) ?? '');
}

/** A call to `fn` (by last name) inside an annotation such as `Annotated[str, Header()]`. */
function findCall(n: PyNode | undefined, fn: RegExp, idx: PyFileIndex): PyNode | undefined {
  if (!n) return undefined;
  let found: PyNode | undefined;
  forEachNode(n, (c) => {
    if (found) return false;
    if (c.name === 'CallExpression' && fn.test(lastName(resolvedPath(idx, c.firstChild)) ?? '')) found = c;
    return undefined;
  });
  return found;
}

/** The incoming-token flow of a file, shared by the rules that ask for the same index. */
export function pyIncomingTokenFlowOf(idx: PyFileIndex): PyIncomingTokenFlow {
  return memoOn(idx, newIncomingTokenFlow);
}

const newIncomingTokenFlow = (idx: PyFileIndex) => new PyIncomingTokenFlow(idx);
