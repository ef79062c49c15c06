import type { AnalysisContext } from '../../context.js';
import type { Fix, TextEdit } from '../../../types.js';
import { isSecretQueryParam } from '../../../secrets/index.js';
import { secretPhrase } from '../../common/secretSource.js';
import {
  BEARER_NAMES, SECRET_IN_URL, hardcodedInUrl, moveToHeaderFixTitle, queryLiteralSecrets, secretInUrlMessage, secretParamBefore,
} from '../../common/wording/secret-in-url.js';
import { forEachSite, noteScopeSearch, resolvedPath, scopeOf, sitesOf, valuesOf, type PyFileIndex } from '../fileIndex.js';
import { pySecretFlowOf, type PySecretSource } from '../flow.js';
import { symbolPathOf } from '../literalSites.js';
import { formatStringPieces, splitString, stringValue } from '../strings.js';
import { callOf, children, dictEntriesOf, forEachNode, keywordArg, lastName, namedChildren, textOf, type PyArgument, type PyCall, type PyNode } from '../syntax.js';
import { outboundCall, urlArgument, type PyOutboundCall } from './http.js';
import { holdsWithin, occurrencesOf } from '../../../text/sorted.js';
import { appendArgumentEdit, appendDictEntryEdit, pyQuote, removeArgumentEdit, removeDictEntryEdit } from '../pyEdits.js';

/**
 * secret-in-url for Python: a secret put in a URL's query under a secret-like parameter name
 * (`api_key`, `apikey`, `appid`, `key`, `token`, `access_token`…), built with an f-string
 * (`f"…?api_key={key}"`), `+`, `%` or `.format`, passed as `params=` to requests/httpx/aiohttp
 * (an inline dict or list of pairs, or a name bound to one), or `urlencode({...})` placed after a
 * URL's `?`; and credential literals written into a URL's query. Secrets are what the flow proves,
 * never a name alone. The fix (an f-string URL or an inline `params=` dict of a request call) moves
 * the secret to an `x-api-key` or `Authorization: Bearer` header.
 */
/** The nodes that build text: `+`, `%` and `.format(…)` calls. */
const BUILT_TEXT: ReadonlySet<string> = new Set(['BinaryExpression', 'CallExpression']);
const NAMES: ReadonlySet<string> = new Set(['VariableName']);

export function checkPySecretInUrl(ctx: AnalysisContext, idx: PyFileIndex): void {
  const flow = pySecretFlowOf(idx);
  const src = idx.src;
  const seen = new Set<number>();

  const report = (node: PyNode, start: number, end: number, param: string, what: string, fingerprint: string, fixes: Fix[] = []) => {
    ctx.report({
      ruleId: SECRET_IN_URL,
      start,
      end,
      message: secretInUrlMessage(what, param),
      fingerprintSource: fingerprint,
      symbolPath: symbolPathOf(src, node),
      fixes,
    });
  };
  const reportExpr = (expr: PyNode, param: string, source: PySecretSource, fixes: () => Fix[] = () => []) => {
    if (seen.has(expr.from)) return;
    seen.add(expr.from);
    report(expr, expr.from, expr.to, param, secretPhrase(source), `${param}:${textOf(src, expr)}`, fixes());
  };
  const checkQueryValue = (param: string | undefined, value: PyNode | undefined, fixes?: () => Fix[]) => {
    if (!param || !value || !isSecretQueryParam(param)) return;
    const source = flow.secretOf(value);
    if (source) reportExpr(value, param, source, fixes);
  };

  // f"https://api.example.com/v1?api_key={key}"
  for (const fs of sitesOf(idx, idx.formatStrings)) {
    const pieces = formatStringPieces(src, fs);
    for (let r = fs.firstChild; r; r = r.nextSibling) {
      if (r.name !== 'FormatReplacement') continue;
      const piece = pieces.find((p) => p.end === r!.from);
      const p = piece && secretParamBefore(piece.text);
      const value = valuesIn(r)[0];
      if (!p || !value) continue;
      const rep = r;
      checkQueryValue(p.param, value, () => fstringFix(ctx, idx, fs, rep, value, p));
    }
  }

  // "https://…?token=" + key, "…?key=%s" % key, "…?key={}".format(key)
  const marks = queryMarksOf(src);
  forEachSite(idx, (n) => {
    // The literal that names the parameter lies inside the expression: most expressions hold none.
    if (!holdsWithin(marks, n.from, n.to)) return undefined;
    if (n.name === 'BinaryExpression') {
      const op = operator(src, n);
      if (op === '+' && !(n.parent?.name === 'BinaryExpression' && operator(src, n.parent) === '+')) {
        const ops = plusOperands(src, n);
        for (let i = 1; i < ops.length; i++) {
          const p = secretParamBefore(trailingText(src, ops[i - 1]) ?? '');
          if (p) checkQueryValue(p.param, ops[i]);
        }
      } else if (op === '%') {
        const [left, right] = namedChildren(n).filter((c) => !/Op$/.test(c.name));
        const fmt = stringValue(src, left);
        if (fmt !== undefined && right) percentArgs(fmt, right).forEach(({ param, value }) => checkQueryValue(param, value));
      }
    } else if (n.name === 'CallExpression') {
      const call = callOf(src, n)!;
      if (call.callee.name === 'MemberExpression' && lastName(textOf(src, call.callee)) === 'format') {
        const fmt = stringValue(src, call.callee.firstChild);
        if (fmt !== undefined) formatArgs(fmt, call).forEach(({ param, value }) => checkQueryValue(param, value));
      }
    }
    return undefined;
  }, BUILT_TEXT);

  // requests.get(url, params={"api_key": key}), httpx.AsyncClient(params=…), session.get(url, params=[("key", key)])
  const paramsAt = occurrencesOf(src, 'params');
  const mayEncode = src.includes('urlencode');
  for (const n of sitesOf(idx, idx.calls)) {
    // Only a call that says `params` can pass them: the others skip the client judgement.
    const out = holdsWithin(paramsAt, n.from, n.to) ? outboundCall(idx, n) : undefined;
    if (out) {
      const params = keywordArg(out.call, 'params');
      if (!params) continue;
      if (params.value.name === 'DictionaryExpression') {
        for (const e of dictEntriesOf(params.value)) {
          const param = stringValue(src, e.key);
          checkQueryValue(param, e.value, () => paramsFix(ctx, idx, out, params, e.key, e.value, param!));
        }
      } else {
        for (const { param, value } of queryPairs(idx, params.value)) checkQueryValue(param, value);
      }
      continue;
    }
    // f"{base}?{urlencode({'api_key': key})}": an encoded query placed after a URL's `?`.
    if (!mayEncode) continue;
    const call = callOf(src, n)!;
    if (!/(^|\.)urlencode$/.test(resolvedPath(idx, call.callee) ?? '') || !call.args[0] || !inQuery(idx, n)) continue;
    for (const { param, value } of queryPairs(idx, call.args[0].value)) checkQueryValue(param, value);
  }

  // "https://www.googleapis.com/…?key=AIza…": a credential literal in a URL's query (shadows hardcoded-credential there).
  for (const s of sitesOf(idx, idx.strings)) {
    if (s.parent?.name === 'FormatReplacement') continue;
    const parts = splitString(src, s);
    if (!parts || parts.bytes || !/[?&]/.test(parts.value)) continue;
    const exact = parts.body === parts.value;
    for (const q of queryLiteralSecrets(parts.value)) {
      const start = exact ? parts.bodyStart + q.start : s.from;
      const end = exact ? parts.bodyStart + q.end : s.to;
      report(s, start, end, q.param, hardcodedInUrl(q.kind, q.secret), q.secret);
    }
  }
}

/**
 * Where a query parameter is written (`?key=`, `&token=`) in the source, and where a backslash is
 * (an escape may spell one): the expressions that build a query out of literals hold one of these.
 */
function queryMarksOf(src: string): number[] {
  const out: number[] = [];
  for (const m of src.matchAll(/[?&][A-Za-z0-9_.\-[\]]+=|\\/g)) out.push(m.index);
  return out;
}

function operator(src: string, n: PyNode): string {
  const op = children(n).find((c) => !/^[A-Z]/.test(c.name) || /Op$/.test(c.name));
  return op ? textOf(src, op) : '';
}

function plusOperands(src: string, n: PyNode): PyNode[] {
  if (n.name !== 'BinaryExpression' || operator(src, n) !== '+') return [n];
  return namedChildren(n).filter((c) => !/Op$/.test(c.name)).flatMap((c) => plusOperands(src, c));
}

/** The literal text an operand ends with: a string's value, an f-string's last piece. */
function trailingText(src: string, n: PyNode): string | undefined {
  if (n.name === 'FormatString') {
    const pieces = formatStringPieces(src, n);
    const last = n.lastChild?.name === 'FormatReplacement' ? undefined : pieces[pieces.length - 1];
    return last?.text;
  }
  return stringValue(src, n);
}

function valuesIn(r: PyNode): PyNode[] {
  return namedChildren(r).filter((c) => c.name !== 'FormatConversion' && c.name !== 'FormatSpec');
}

/** `"…?key=%s&q=%s" % (key, q)`: each conversion's parameter and value. */
function percentArgs(fmt: string, right: PyNode): { param: string; value: PyNode }[] {
  const values = right.name === 'TupleExpression' ? namedChildren(right) : [right];
  const out: { param: string; value: PyNode }[] = [];
  let i = 0;
  for (const m of fmt.matchAll(/%(\([^)]*\))?[-#0 +]*(\d+|\*)?(\.\d+)?[a-zA-Z%]/g)) {
    if (m[0] === '%%') continue;
    if (m[1]) return []; // `%(name)s` takes a mapping
    const p = secretParamBefore(fmt.slice(0, m.index));
    if (p && values[i]) out.push({ param: p.param, value: values[i] });
    i++;
  }
  return out;
}

/** `"…?api_key={}".format(key)`, `{0}`, `{key}`: each field's parameter and argument. */
function formatArgs(fmt: string, call: PyCall): { param: string; value: PyNode }[] {
  const positional = call.args.filter((a) => !a.name && !a.star).map((a) => a.value);
  const out: { param: string; value: PyNode }[] = [];
  let auto = 0;
  for (const m of fmt.matchAll(/\{\{|\}\}|\{([^{}!:]*)(![rsa])?(:[^{}]*)?\}/g)) {
    if (m[0] === '{{' || m[0] === '}}') continue;
    const field = m[1];
    const value = field === '' ? positional[auto++] : /^\d+$/.test(field) ? positional[Number(field)] : keywordArg(call, field)?.value;
    const p = secretParamBefore(fmt.slice(0, m.index));
    if (p && value) out.push({ param: p.param, value });
  }
  return out;
}

/** The pairs of a query value: a dict literal, a list of `(name, value)` tuples, or a local name bound once to one. */
function queryPairs(idx: PyFileIndex, n: PyNode, depth = 0): { param: string; value: PyNode }[] {
  const src = idx.src;
  if (n.name === 'DictionaryExpression') {
    return dictEntriesOf(n).flatMap((e) => {
      const param = stringValue(src, e.key);
      return param ? [{ param, value: e.value }] : [];
    });
  }
  if (n.name === 'ArrayExpression' || n.name === 'TupleExpression') {
    return namedChildren(n).flatMap((t) => {
      const [k, v] = t.name === 'TupleExpression' ? namedChildren(t) : [];
      const param = k && stringValue(src, k);
      return param && v ? [{ param, value: v }] : [];
    });
  }
  if (n.name === 'VariableName' && depth < 2) {
    const values = valuesOf(idx, textOf(src, n), n);
    if (values.length === 1) return queryPairs(idx, values[0], depth + 1);
  }
  return [];
}

/** The text before `n` ends a URL's `?…` or `&`: `f"{base}?{query}"`, `url + "?" + query`. */
function precededByQuery(idx: PyFileIndex, n: PyNode): boolean {
  const src = idx.src;
  const p = n.parent;
  if (p?.name === 'FormatReplacement' && p.parent?.name === 'FormatString') {
    const piece = formatStringPieces(src, p.parent).find((x) => x.end === p.from);
    return !!piece && /[?&]$/.test(piece.text);
  }
  if (p?.name === 'BinaryExpression' && operator(src, p) === '+') {
    let top = p;
    while (top.parent?.name === 'BinaryExpression' && operator(src, top.parent) === '+') top = top.parent;
    const ops = plusOperands(src, top);
    const i = ops.findIndex((o) => o.from === n.from && o.to === n.to);
    return i > 0 && /[?&]$/.test(trailingText(src, ops[i - 1]) ?? '');
  }
  return false;
}

/** A `urlencode(…)` call placed in a URL's query, directly or through a local name. */
function inQuery(idx: PyFileIndex, call: PyNode): boolean {
  if (precededByQuery(idx, call)) return true;
  const assign = call.parent?.name === 'AssignStatement' ? call.parent : undefined;
  const target = assign?.firstChild;
  if (!target || target.name !== 'VariableName') return false;
  const name = textOf(idx.src, target);
  const scope = scopeOf(call);
  noteScopeSearch(scope); // a module-level name: any statement may use it
  let used = false;
  forEachNode(idx.root, (n) => {
    if (used) return false;
    if (n.name === 'VariableName' && n.from !== target.from && scopeOf(n) === scope && textOf(idx.src, n) === name && precededByQuery(idx, n)) used = true;
    return undefined;
  }, NAMES);
  return used;
}

// ---- fixes: move the parameter from the URL to a header of the call that sends it ----

/** `"x-api-key": key` or `"Authorization": f"Bearer {key}"`, in a quote the expression allows. */
function headerEntry(idx: PyFileIndex, param: string, expr: string): string | undefined {
  if (/[\\\n]/.test(expr)) return undefined;
  const want = pyQuote(idx);
  const other = want === '"' ? "'" : '"';
  const q = !expr.includes(want) ? want : !expr.includes(other) ? other : undefined;
  if (!q) return undefined;
  return BEARER_NAMES.test(param) ? `${q}Authorization${q}: f${q}Bearer {${expr}}${q}` : `${q}x-api-key${q}: ${expr}`;
}

/** Adds the header to the call: into an inline `headers={…}`, or as a new `headers=` argument. */
function addHeaderEdits(ctx: AnalysisContext, call: PyCall, entry: string): TextEdit[] | undefined {
  const headers = keywordArg(call, 'headers');
  if (headers) return headers.value.name === 'DictionaryExpression' ? [appendDictEntryEdit(ctx, headers.value, entry)] : undefined;
  const argList = call.node.getChild('ArgList');
  return argList ? [appendArgumentEdit(ctx, argList, `headers={${entry}}`)] : undefined;
}

function fixOf(edits: TextEdit[], param: string): Fix[] {
  return [{ title: moveToHeaderFixTitle(param), applicability: 'unsafe', isPreferred: true, edits }];
}

/** The outbound request call whose URL argument is `url`. */
function requestFor(idx: PyFileIndex, url: PyNode): PyOutboundCall | undefined {
  const argList = url.parent?.name === 'ArgList' ? url.parent : undefined;
  const call = argList?.parent;
  if (!call || call.name !== 'CallExpression') return undefined;
  const out = outboundCall(idx, call);
  if (!out || out.kind !== 'request') return undefined;
  const arg = urlArgument(out, idx);
  return arg && arg.from === url.from && arg.to === url.to ? out : undefined;
}

function fstringFix(ctx: AnalysisContext, idx: PyFileIndex, fs: PyNode, r: PyNode, value: PyNode, p: { sep: '?' | '&'; param: string; length: number }): Fix[] {
  const src = idx.src;
  const out = requestFor(idx, fs);
  const parts = splitString(src, fs);
  if (!out || !parts || valuesIn(r).length !== 1 || namedChildren(r).length !== 1) return [];
  const bodyEnd = parts.bodyStart + parts.body.length;
  const next = r.to < bodyEnd ? src.charAt(r.to) : '';
  if (next !== '' && next !== '&' && next !== '#') return [];
  const paramStart = r.from - p.length;
  const cut = p.sep === '?' && next === '&' ? ctx.edit(paramStart + 1, r.to + 1, '') : ctx.edit(paramStart, r.to, '');
  const entry = headerEntry(idx, p.param, textOf(src, value));
  const header = entry && addHeaderEdits(ctx, out.call, entry);
  if (!header) return [];
  const edits: TextEdit[] = [];
  // The f-string keeps no replacement: it becomes a plain string.
  const others = children(fs).filter((c) => c.name === 'FormatReplacement' && c.from !== r.from);
  if (!others.length && !/\{\{|\}\}/.test(parts.body)) {
    const at = fs.from + parts.prefix.search(/[fF]/);
    edits.push(ctx.edit(at, at + 1, ''));
  }
  return fixOf([...edits, cut, ...header], p.param);
}

function paramsFix(ctx: AnalysisContext, idx: PyFileIndex, out: PyOutboundCall, params: PyArgument, key: PyNode, value: PyNode, param: string): Fix[] {
  if (out.kind !== 'request') return [];
  const dict = params.value;
  if (children(dict).some((c) => c.name === '**')) return [];
  const entry = headerEntry(idx, param, textOf(idx.src, value));
  if (!entry) return [];
  const entries = dictEntriesOf(dict);
  const headers = keywordArg(out.call, 'headers');
  const argList = out.call.node.getChild('ArgList');
  if (entries.length === 1) {
    // The only parameter: the `params=` argument goes, the header takes its place (or joins `headers=`).
    if (!headers) return fixOf([ctx.edit(params.nameNode!.from, dict.to, `headers={${entry}}`)], param);
    const add = addHeaderEdits(ctx, out.call, entry);
    return add && argList ? fixOf([removeArgumentEdit(ctx, argList, params), ...add], param) : [];
  }
  const add = addHeaderEdits(ctx, out.call, entry);
  return add ? fixOf([removeDictEntryEdit(ctx, dict, key, value), ...add], param) : [];
}
