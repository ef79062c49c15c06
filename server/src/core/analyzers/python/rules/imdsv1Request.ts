import type { AnalysisContext } from '../../context.js';
import type { Fix, TextEdit } from '../../../types.js';
import { message } from '../../../secrets/message.js';
import {
  IMDS_RULE, TOKEN_HEADER, imdsAdvice, imdsMessage, imdsProviderTitle, imdsRemoveLookupTitle, metadataLookupOf,
  metadataPath, shownMetadataPath,
} from '../../common/wording/imdsv1-request.js';
import { MODULE_SCOPE, importedAs, moduleText, noteScopeSearch, scopeOf, sitesOf, valuesOf, type PyFileIndex } from '../fileIndex.js';
import { httpCalleeOf, importedPath, type PyHttpLib } from '../httpClients.js';
import { symbolPathOf } from '../literalSites.js';
import { importModulesEdit, wholeLinesOf } from '../pyEdits.js';
import { staticTextOf } from '../staticText.js';
import {
  callOf, children, dictEntriesOf, dottedPath, enclosingFunction, forEachNode, keywordArg, namedChildren, objectOf, positionalArg, subscriptIndex, textOf,
  type PyCall, type PyNode,
} from '../syntax.js';
import { stringValue } from '../strings.js';

const PROVIDER_WORDS = {
  inSentence: message`boto3's default credential chain (boto3.Session().get_credentials())`,
  atStart: message`boto3's default credential chain (boto3.Session().get_credentials())`,
};
/** IMDS credential fields and the attributes of botocore's frozen credentials that hold the same values. */
const RENAMES: Record<string, string> = { AccessKeyId: 'access_key', SecretAccessKey: 'secret_key', Token: 'token' };

interface MetadataRequest {
  lib: PyHttpLib;
  path: string;
  /** The request may send the session token (a header it sets, or headers the file does not show). */
  mayCarryToken: boolean;
}

/**
 * imdsv1-request in Python: a GET to the EC2 instance metadata service's `/latest/meta-data`
 * (a literal, an f-string, `+`, or a name bound to one) through requests, httpx, aiohttp, urllib3
 * or `urllib.request.urlopen`, that sends no `X-aws-ec2-metadata-token` header. Credential lookups
 * get a fix that asks boto3's credential chain (IMDSv2) instead.
 */
export function checkPyImdsV1Request(ctx: AnalysisContext, idx: PyFileIndex): void {
  const src = idx.src;
  for (const n of sitesOf(idx, idx.calls)) {
    const call = callOf(src, n);
    if (!call || !call.args.length) continue;
    const req = metadataRequest(idx, call);
    if (!req || req.mayCarryToken) continue;
    const lookup = metadataLookupOf(req.path);
    const fixes: Fix[] = [];
    const provider = lookup === 'credentials' ? providerFix(ctx, idx, call, req.lib) : undefined;
    if (provider) fixes.push(provider);
    const removal = unusedLookupRemoval(ctx, idx, n);
    if (removal) fixes.push(removal);
    ctx.report({
      ruleId: IMDS_RULE,
      start: n.from,
      end: n.to,
      message: imdsMessage(shownMetadataPath(req.path), imdsAdvice(lookup, PROVIDER_WORDS)),
      fingerprintSource: textOf(src, n),
      symbolPath: symbolPathOf(src, n),
      fixes,
    });
  }
}

const isNone = (n: PyNode | undefined) => !n || n.name === 'None';

/** The request a call makes, when it is a GET to an instance metadata URL. */
function metadataRequest(idx: PyFileIndex, call: PyCall): MetadataRequest | undefined {
  const callee = httpCalleeOf(idx, call);
  if (!callee || call.args.some((a) => a.star)) return undefined;
  const { lib, method } = callee;
  let url: PyNode | undefined;
  let verb: PyNode | undefined;
  let headers = keywordArg(call, 'headers')?.value;
  let requestName: string | undefined;
  if (lib === 'urllib') {
    if (method !== 'urlopen' || !isNone(positionalArg(call, 1) ?? keywordArg(call, 'data')?.value)) return undefined;
    const target = positionalArg(call, 0) ?? keywordArg(call, 'url')?.value;
    const req = target && requestCall(idx, target);
    if (req) {
      if (!isNone(positionalArg(req, 1) ?? keywordArg(req, 'data')?.value)) return undefined;
      url = positionalArg(req, 0) ?? keywordArg(req, 'url')?.value;
      verb = keywordArg(req, 'method')?.value;
      headers = positionalArg(req, 2) ?? keywordArg(req, 'headers')?.value;
      requestName = target.name === 'VariableName' ? textOf(idx.src, target) : undefined;
    } else {
      url = target;
    }
  } else if (method === 'get' && lib !== 'urllib3') {
    url = positionalArg(call, 0) ?? keywordArg(call, 'url')?.value;
  } else if (method === 'request' || (method === 'stream' && lib === 'httpx') || (method === 'urlopen' && lib === 'urllib3')) {
    verb = positionalArg(call, 0) ?? keywordArg(call, 'method')?.value;
    if (!verb) return undefined;
    url = positionalArg(call, 1) ?? keywordArg(call, 'url')?.value;
  } else {
    return undefined;
  }
  if (verb && staticTextOf(idx, verb)?.toUpperCase() !== 'GET') return undefined;
  const text = url && staticTextOf(idx, url);
  const path = metadataPath(text);
  if (path === undefined) return undefined;
  let mayCarryToken = headers !== undefined && headersMayCarryToken(idx, headers);
  // Headers the client was built with or that are added later (`session.headers.update`, `req.add_header`).
  if (!mayCarryToken && callee.onClient) mayCarryToken = clientMayCarryToken(idx, objectOf(call.callee));
  if (!mayCarryToken && requestName) mayCarryToken = new RegExp(`\\b${requestName}\\.(add_header|add_unredirected_header|headers)\\b`).test(moduleText(idx));
  return { lib, path, mayCarryToken };
}

/**
 * Whether a client object may send the token by default: headers given to its constructor, headers
 * set on it anywhere in the file, or a client the file does not build (a parameter).
 */
function clientMayCarryToken(idx: PyFileIndex, recv: PyNode | undefined): boolean {
  const name = recv && dottedPath(idx.src, recv);
  if (!recv || !name || name.includes('(')) return true;
  const values = valuesOf(idx, name, recv);
  if (!values.length) return true;
  // `session.headers.update(…)`, `client.headers[…] = …` where the binding lives (its function, or the whole module).
  const fn = values.every((v) => scopeOf(v) !== MODULE_SCOPE && !name.startsWith('self.')) ? enclosingFunction(recv) : undefined;
  if ((fn ? idx.src.slice(fn.from, fn.to) : moduleText(idx)).includes(`${name}.headers`)) return true;
  return values.some((v) => {
    let c: PyNode | undefined = v;
    while (c && (c.name === 'AwaitExpression' || c.name === 'ParenthesizedExpression')) c = namedChildren(c)[0];
    const ctor = c?.name === 'CallExpression' ? callOf(idx.src, c) : undefined;
    if (!ctor || ctor.args.some((a) => a.star)) return true;
    const headers = keywordArg(ctor, 'headers')?.value;
    return headers !== undefined && headersMayCarryToken(idx, headers);
  });
}

/** `urllib.request.Request(url, …)` itself, or the one a name is bound to. */
function requestCall(idx: PyFileIndex, n: PyNode): PyCall | undefined {
  let v: PyNode | undefined = n;
  if (n.name === 'VariableName') {
    const values = valuesOf(idx, textOf(idx.src, n), n);
    v = values.length === 1 ? values[0] : undefined;
  }
  if (v?.name !== 'CallExpression' || importedPath(idx, v.firstChild) !== 'urllib.request.Request') return undefined;
  return callOf(idx.src, v);
}

/** Whether headers may include the session token: a literal dict that names it, or headers the file does not show. */
function headersMayCarryToken(idx: PyFileIndex, n: PyNode, depth = 0): boolean {
  if (depth > 4) return true;
  if (n.name === 'None') return false;
  if (n.name === 'VariableName') {
    const values = valuesOf(idx, textOf(idx.src, n), n);
    return values.length !== 1 || headersMayCarryToken(idx, values[0], depth + 1);
  }
  if (n.name !== 'DictionaryExpression') return true;
  if (children(n).some((c) => c.name === '**')) return true;
  return dictEntriesOf(n).some((e) => {
    const key = staticTextOf(idx, e.key);
    return key === undefined || TOKEN_HEADER.test(key);
  });
}

// ---------------------------------------------------------------------------------------------
// The fix: the lookup that yields the parsed credentials JSON becomes boto3's credentials.

/** Climbs through parentheses and `await`. */
function outer(n: PyNode): PyNode {
  let o = n;
  while (o.parent && (o.parent.name === 'ParenthesizedExpression' || o.parent.name === 'AwaitExpression')) o = o.parent;
  return o;
}

/** `x.name()` with no arguments on `n`: the call. */
function methodCallOn(n: PyNode, names: RegExp, src: string): PyNode | undefined {
  const o = outer(n);
  const m = o.parent;
  const prop = m?.name === 'MemberExpression' ? m.getChild('PropertyName') : null;
  if (!m || !prop || m.firstChild?.from !== o.from || !names.test(textOf(src, prop))) return undefined;
  const call = m.parent;
  if (call?.name !== 'CallExpression' || call.firstChild?.from !== m.from) return undefined;
  return callOf(src, call)!.args.length === 0 ? call : undefined;
}

/** `json.load(x)` / `json.loads(x)` / `json.loads(x.read())` / `json.loads(x.read().decode())` around `n`. */
function jsonLoadAround(idx: PyFileIndex, n: PyNode): PyNode | undefined {
  let body = outer(n);
  const read = methodCallOn(body, /^read$/, idx.src);
  if (read) {
    body = outer(read);
    const decoded = methodCallOn(body, /^decode$/, idx.src);
    if (decoded) body = outer(decoded);
  }
  const argList = body.parent;
  const call = argList?.name === 'ArgList' ? argList.parent : undefined;
  if (!call || call.name !== 'CallExpression') return undefined;
  const c = callOf(idx.src, call)!;
  const path = importedPath(idx, c.callee);
  return path === (read ? 'json.loads' : 'json.load') && c.args.length === 1 ? call : undefined;
}

/** Turns a response into its parsed body: `.json()` (awaited for aiohttp), or json.load(s) for urllib. */
function bodyOf(idx: PyFileIndex, n: PyNode, lib: PyHttpLib): PyNode | undefined {
  if (lib === 'urllib') return jsonLoadAround(idx, n);
  if (lib === 'urllib3') return undefined;
  const json = methodCallOn(n, /^json$/, idx.src);
  return json && outer(json);
}

interface Lookup { replace: PyNode; value: PyNode; extra: TextEdit[] }

function findLookup(ctx: AnalysisContext, idx: PyFileIndex, call: PyNode, lib: PyHttpLib): Lookup | undefined {
  const direct = bodyOf(idx, call, lib); // requests.get(url).json()
  if (direct) return { replace: direct, value: direct, extra: [] };
  const top = outer(call);
  const stmt = top.parent;
  const binding = singleNameBinding(idx, stmt, top);
  if (!binding) return undefined;
  // resp = requests.get(url); resp.raise_for_status(); creds = resp.json()
  const refs = referencesOf(idx, binding.name, top);
  if (!refs) return undefined;
  let use: PyNode | undefined;
  const extra: TextEdit[] = [];
  for (const r of refs) {
    const body = bodyOf(idx, r, lib);
    if (body && !use) { use = body; continue; }
    const check = methodCallOn(r, /^raise_for_status$/, idx.src);
    if (check && outer(check).parent?.name === 'ExpressionStatement') {
      const s = outer(check).parent!;
      const lines = wholeLinesOf(ctx, s.from, s.to);
      extra.push(ctx.edit(lines.start, lines.end, ''));
      continue;
    }
    return undefined;
  }
  if (!use) return undefined;
  extra.push(ctx.edit(use.from, use.to, binding.name));
  return { replace: top, value: use, extra };
}

/** `name = value` as the only assignment of `name` in its scope. */
function singleNameBinding(idx: PyFileIndex, stmt: PyNode | null, value: PyNode): { name: string } | undefined {
  if (stmt?.name !== 'AssignStatement') return undefined;
  const kids = children(stmt);
  if (kids.filter((c) => c.name === 'AssignOp').length !== 1 || kids[0].name !== 'VariableName') return undefined;
  const name = textOf(idx.src, kids[0]);
  const values = valuesOf(idx, name, kids[0]);
  return values.length === 1 && values[0].from === value.from ? { name } : undefined;
}

/**
 * The reads of a name bound to `value`, or undefined when the file might read it in ways not seen
 * here (a `global`/`nonlocal` statement, a `del`).
 */
function referencesOf(idx: PyFileIndex, name: string, value: PyNode): PyNode[] | undefined {
  const scopeFrom = scopeOf(value);
  let scope: PyNode = idx.root;
  if (scopeFrom !== MODULE_SCOPE) for (let p = value.parent; p; p = p.parent) if (p.from === scopeFrom && p.name === 'FunctionDefinition') { scope = p; break; }
  if (scope === idx.root && scopeFrom !== MODULE_SCOPE) return undefined;
  noteScopeSearch(scopeFrom);
  const refs: PyNode[] = [];
  let unsure = false;
  forEachNode(scope, (n) => {
    if (n.name !== 'VariableName' || textOf(idx.src, n) !== name) return;
    const p = n.parent;
    if (!p || p.name === 'ParamList' || p.name === 'FunctionDefinition' || p.name === 'ClassDefinition' || p.name === 'ImportStatement') return;
    if (p.name === 'ScopeStatement' || p.name === 'DeleteStatement') { unsure = true; return; }
    if (p.name === 'ArgList' && n.nextSibling?.name === 'AssignOp') return; // a keyword argument's name
    if ((p.name === 'AssignStatement' || p.name === 'UpdateStatement') && n.nextSibling?.name === 'AssignOp') {
      if (p.name === 'UpdateStatement' || scopeOf(n) === scopeFrom) unsure ||= p.from !== value.parent?.from;
      return;
    }
    if (valuesOf(idx, name, n).some((v) => v.from === value.from)) refs.push(n);
  });
  return unsure ? undefined : refs;
}

interface Uses { edits: TextEdit[]; renamed: Array<[string, string]>; onlyCredentials: boolean }

/** Where the credentials go: `creds["AccessKeyId"]` reads are renamed to the frozen credentials' attributes. */
function consumerUses(ctx: AnalysisContext, idx: PyFileIndex, value: PyNode): Uses {
  const top = outer(value);
  const binding = singleNameBinding(idx, top.parent, top);
  if (!binding) return { edits: [], renamed: [], onlyCredentials: false };
  const refs = referencesOf(idx, binding.name, top);
  if (!refs) return { edits: [], renamed: [], onlyCredentials: false };
  const uses: Uses = { edits: [], renamed: [], onlyCredentials: true };
  for (const r of refs) {
    const m = r.parent;
    const key = m?.name === 'MemberExpression' && m.firstChild?.from === r.from ? stringValue(idx.src, subscriptIndex(m)) : undefined;
    const isTarget = m?.parent && (m.parent.name === 'AssignStatement' || m.parent.name === 'UpdateStatement') && m.nextSibling?.name === 'AssignOp';
    if (m && key && Object.hasOwn(RENAMES, key) && !isTarget) {
      uses.edits.push(ctx.edit(r.to, m.to, `.${RENAMES[key]}`));
      if (!uses.renamed.some(([k]) => k === key)) uses.renamed.push([key, RENAMES[key]]);
    } else {
      uses.onlyCredentials = false;
    }
  }
  return uses;
}

function providerFix(ctx: AnalysisContext, idx: PyFileIndex, call: PyCall, lib: PyHttpLib): Fix | undefined {
  const lookup = findLookup(ctx, idx, call.node, lib);
  if (!lookup) return undefined;
  const alias = importedAs(idx, 'boto3');
  const imp = alias ? undefined : importModulesEdit(ctx, idx, ['boto3']);
  const uses = consumerUses(ctx, idx, lookup.value);
  const edits = [
    ...(imp ? [imp] : []),
    ctx.edit(lookup.replace.from, lookup.replace.to, `${alias ?? 'boto3'}.Session().get_credentials().get_frozen_credentials()`),
    ...lookup.extra,
    ...uses.edits,
  ];
  return {
    title: imdsProviderTitle({
      provider: "boto3.Session().get_credentials() (boto3's default credential chain, which speaks IMDSv2; credentials set in the environment or config files take precedence)",
      addsImport: !!imp,
      renames: uses.renamed,
      caveat: uses.onlyCredentials ? undefined : 'the result has access_key/secret_key/token, not the metadata fields: check its other uses',
    }),
    // The chain prefers credentials from the environment and config files to the instance role's.
    applicability: 'unsafe',
    isPreferred: true,
    edits,
  };
}

// ---------------------------------------------------------------------------------------------
// A lookup whose result nothing reads any more (the role listing, once credentials come from boto3).

const RESPONSE_STEPS = /^(text|content|json|read|decode|strip|rstrip|splitlines)$/;

function unusedLookupRemoval(ctx: AnalysisContext, idx: PyFileIndex, call: PyNode): Fix | undefined {
  let top = outer(call);
  for (;;) {
    const m = top.parent;
    const prop = m?.name === 'MemberExpression' && m.firstChild?.from === top.from ? m.getChild('PropertyName') : null;
    if (!m || !prop || !RESPONSE_STEPS.test(textOf(idx.src, prop))) break;
    top = m.parent?.name === 'CallExpression' && m.parent.firstChild?.from === m.from ? outer(m.parent) : outer(m);
  }
  const stmt = top.parent;
  const binding = singleNameBinding(idx, stmt, top);
  // Module-level names may be imported by other modules: only a function's own lookups are removed.
  if (!binding || !stmt || stmt.parent?.name !== 'Body' || scopeOf(stmt) === MODULE_SCOPE) return undefined;
  const refs = referencesOf(idx, binding.name, top);
  if (!refs || refs.length) return undefined;
  const lines = wholeLinesOf(ctx, stmt.from, stmt.to);
  return { title: imdsRemoveLookupTitle(binding.name), applicability: 'unsafe', edits: [ctx.edit(lines.start, lines.end, '')] };
}
