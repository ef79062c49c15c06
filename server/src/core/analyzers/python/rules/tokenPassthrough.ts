import type { AnalysisContext } from '../../context.js';
import { TOKEN_PASSTHROUGH, isAuthorizationHeader, tokenPassthroughMessage } from '../../common/wording/token-passthrough.js';
import { memoOn, noteScopeSearch, scopeOf, sitesOf, valuesOf, type PyFileIndex } from '../fileIndex.js';
import { pyIncomingTokenFlowOf } from '../incoming.js';
import { symbolPathOf } from '../literalSites.js';
import { stringValue } from '../strings.js';
import { callOf, calleeEndsWith, children, dictEntriesOf, dottedPath, keywordArg, lastName, objectOf, positionalArg, subscriptIndex, textOf, type PyNode } from '../syntax.js';
import { httpClientLibOf } from '../httpClients.js';
import { outboundCall } from './http.js';
import { holdsWithin, occurrencesOf } from '../../../text/sorted.js';

/**
 * token-passthrough for Python: the authorization the server received (or a token cut out of it,
 * or the whole incoming headers) placed in the headers of a request the server sends: `headers=`
 * of requests/httpx/aiohttp calls, clients and sessions and the MCP SDKs' HTTP transports (an
 * inline dict, a local dict it names and the `dict[...] = …` / `.update(…)` that fill it, or
 * `dict(request.headers)` / `get_http_headers()` whole), and `session.headers[…] = …` /
 * `session.headers.update(…)` on a client. No fix: the right token has to come from an exchange
 * or the server's own credentials.
 */
export function checkPyTokenPassthrough(ctx: AnalysisContext, idx: PyFileIndex): void {
  const flow = pyIncomingTokenFlowOf(idx);
  const src = idx.src;
  const seen = new Set<number>();

  const check = (value: PyNode) => {
    if (seen.has(value.from)) return;
    const source = flow.secretOf(value);
    if (!source) return;
    seen.add(value.from);
    ctx.report({
      ruleId: TOKEN_PASSTHROUGH,
      start: value.from,
      end: value.to,
      message: tokenPassthroughMessage(source),
      fingerprintSource: textOf(src, value),
      symbolPath: symbolPathOf(src, value),
    });
  };

  /** A dict literal of headers: each value, and `**spread` entries not overridden by a later `authorization`. */
  const checkDict = (dict: PyNode) => {
    const kids = children(dict);
    const entries = dictEntriesOf(dict);
    kids.forEach((k, i) => {
      if (k.name !== '**' || !kids[i + 1]) return;
      const spread = kids[i + 1];
      const replaced = entries.some((e) => e.key.from > spread.to && isAuthorizationHeader(stringValue(src, e.key) ?? ''));
      if (!replaced) check(spread);
    });
    for (const e of entries) check(e.value);
  };

  /** `headers=` of an outbound call: a literal, a local dict (and what fills it), or a whole value. */
  const checkHeaders = (value: PyNode) => {
    if (value.name === 'DictionaryExpression') return checkDict(value);
    if (value.name === 'VariableName') {
      const name = textOf(src, value);
      const values = valuesOf(idx, name, value);
      for (const filled of fillsOf(idx, name, value)) filled.name === 'DictionaryExpression' ? checkDict(filled) : check(filled);
      if (values.length && values.every((v) => v.name === 'DictionaryExpression')) {
        values.forEach(checkDict);
        return;
      }
    }
    check(value);
  };

  const headersAt = occurrencesOf(src, 'headers');
  for (const n of sitesOf(idx, idx.calls)) {
    // Only a call that says `headers` can pass them: the others skip the client judgement.
    const out = holdsWithin(headersAt, n.from, n.to) ? outboundCall(idx, n) : undefined;
    if (out) {
      const headers = keywordArg(out.call, 'headers')?.value;
      // The headers may be a dict declared in another statement: what it holds is this call's finding.
      if (headers) ctx.fromSite(n.from, () => checkHeaders(headers));
      continue;
    }
    // client.headers.update({...}) / session.headers.update(Authorization=…)
    if (!calleeEndsWith(src, n, UPDATE)) continue;
    const call = callOf(src, n)!;
    if (call.callee.name !== 'MemberExpression' || lastName(dottedPath(src, call.callee)) !== 'update') continue;
    const target = objectOf(call.callee);
    if (!target || !isClientHeaders(idx, target)) continue;
    ctx.fromSite(n.from, () => {
      for (const a of call.args) a.value.name === 'DictionaryExpression' ? checkDict(a.value) : a.star ? check(a.value) : a.name ? check(a.value) : checkHeaders(a.value);
    });
  }
  // session.headers["Authorization"] = …, client.headers = {...}
  for (const a of sitesOf(idx, idx.assignments, (x) => x.node)) {
    if (!a.value) continue;
    for (const t of a.targets) {
      if (t.name !== 'MemberExpression') continue;
      const obj = objectOf(t);
      if (subscriptIndex(t) && obj && isClientHeaders(idx, obj)) check(a.value);
      else if (!subscriptIndex(t) && lastName(dottedPath(src, t)) === 'headers' && obj && !!httpClientLibOf(idx, obj)) {
        const value = a.value;
        ctx.fromSite(a.node.from, () => checkHeaders(value));
      }
    }
  }
}

/** `session.headers`, `self.client.headers`: the default headers of an HTTP client. */
function isClientHeaders(idx: PyFileIndex, e: PyNode): boolean {
  if (e.name !== 'MemberExpression' || lastName(dottedPath(idx.src, e)) !== 'headers') return false;
  const obj = objectOf(e);
  return !!obj && !!httpClientLibOf(idx, obj);
}

/** What fills a local headers dict in its scope: `h["Authorization"] = …`, `h.update({...})`, `h.update(Authorization=…)`. */
function fillsOf(idx: PyFileIndex, name: string, at: PyNode): PyNode[] {
  const scope = scopeOf(at);
  // A module-level dict: any statement of the module may fill it.
  noteScopeSearch(scope);
  return fillIndexOf(idx).get(`${scope}:${name}`) ?? [];
}

const UPDATE = ['update'];
const FILLING_METHODS = ['update', 'setdefault'];

/** Every dict fill of the file by scope and dict name, gathered in one pass (asked once per outbound call). */
function fillIndexOf(idx: PyFileIndex): Map<string, PyNode[]> {
  return memoOn(idx, gatherFills);
}

function gatherFills(idx: PyFileIndex): Map<string, PyNode[]> {
  const fills = new Map<string, PyNode[]>();
  const add = (scope: number, name: string, value: PyNode) => {
    const key = `${scope}:${name}`;
    const list = fills.get(key);
    if (list) list.push(value); else fills.set(key, [value]);
  };
  const src = idx.src;
  for (const a of idx.assignments) {
    if (!a.value) continue;
    for (const t of a.targets) {
      const obj = objectOf(t);
      if (t.name === 'MemberExpression' && subscriptIndex(t) && obj) add(scopeOf(a.node), textOf(src, obj), a.value);
    }
  }
  for (const n of idx.calls) {
    if (!calleeEndsWith(src, n, FILLING_METHODS)) continue;
    const call = callOf(src, n)!;
    if (call.callee.name !== 'MemberExpression') continue;
    const m = lastName(dottedPath(src, call.callee));
    if (m !== 'update' && m !== 'setdefault') continue;
    const recv = objectOf(call.callee);
    if (!recv) continue;
    if (m === 'update') for (const a of call.args) add(scopeOf(n), textOf(src, recv), a.value);
    else if (positionalArg(call, 1)) add(scopeOf(n), textOf(src, recv), positionalArg(call, 1)!);
  }
  return fills;
}
