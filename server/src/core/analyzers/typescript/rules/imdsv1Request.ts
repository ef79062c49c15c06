import ts from 'typescript';
import type { AnalysisContext } from '../../context.js';
import type { Fix, TextEdit } from '../../../types.js';
import { nameText, symbolPathOf } from '../syntax.js';
import { type FileIndex, fileIndexOf } from '../dataflow/fileIndex.js';
import { isWholeModule, moduleOf, ensureNamedImport } from '../imports.js';
import { findProperty, objectLiteralOf, staticString, unwrap } from '../staticValues.js';
import { referencesOf } from '../references.js';
import { lowerBound } from '../../../text/sorted.js';
import { message } from '../../../secrets/message.js';
import {
  IMDS_RULE, METADATA_ADDRESSES, TOKEN_HEADER, imdsAdvice, imdsMessage, imdsProviderTitle, imdsRemoveLookupTitle, metadataLookupOf,
  metadataPath, shownMetadataPath,
} from '../../common/wording/imdsv1-request.js';

const RULE = IMDS_RULE;
const PROVIDERS = '@aws-sdk/credential-providers';
const PROVIDER = 'fromInstanceMetadata';
const SDK_PROVIDER_WORDS = { inSentence: message`the AWS SDK's fromInstanceMetadata()`, atStart: message`The AWS SDK's fromInstanceMetadata()` };


type Client = 'fetch' | 'axios' | 'got' | 'http' | 'undici-request';

interface MetadataRequest {
  client: Client;
  /** The request's URL path from `/latest/meta-data` on; UNKNOWN marks parts not known statically. */
  path: string;
  /** The options (fetch init, axios/got config, http options) the request is made with. */
  options?: ts.Expression;
  /** The method the call itself implies (`axios.get`), when it does. */
  verb?: string;
}

const HTTP_MODULES = new Set(['http', 'https']);

/** Which client a callee is, and the method its name implies (`got.get` → GET). */
function clientOf(sf: ts.SourceFile, callee: ts.Expression): { client: Client; verb?: string; configFirst?: boolean } | undefined {
  const e = unwrap(callee);
  if (ts.isIdentifier(e)) {
    const b = moduleOf(sf, e.text);
    if (b?.module === 'node-fetch' || (b?.module === 'undici' && b.imported === 'fetch')) return { client: 'fetch' };
    if (b?.module === 'undici' && b.imported === 'request') return { client: 'undici-request' };
    if (b?.module === 'axios' && (isWholeModule(b) || b.imported === 'default')) return { client: 'axios', configFirst: true };
    if (b?.module === 'got' && (isWholeModule(b) || b.imported === 'default' || b.imported === 'got')) return { client: 'got', configFirst: true };
    if (b && HTTP_MODULES.has(b.module) && (b.imported === 'get' || b.imported === 'request')) return { client: 'http', verb: b.imported === 'get' ? 'GET' : undefined };
    if (b) return e.text === 'fetch' ? { client: 'fetch' } : undefined;
    if (e.text === 'fetch') return { client: 'fetch' };
    if (e.text === 'axios') return { client: 'axios', configFirst: true };
    if (e.text === 'got') return { client: 'got', configFirst: true };
    return undefined;
  }
  if (!ts.isPropertyAccessExpression(e) || !ts.isIdentifier(e.expression)) return undefined;
  const receiver = e.expression.text;
  const method = e.name.text;
  const b = moduleOf(sf, receiver);
  const mod = b ? (isWholeModule(b) || b.imported === 'default' ? b.module : undefined) : receiver;
  if (mod === 'axios' || mod === 'got') {
    if (method === 'request' && mod === 'axios') return { client: 'axios', configFirst: true };
    if (method === 'get') return { client: mod, verb: 'GET' };
    return undefined;
  }
  if (mod && HTTP_MODULES.has(mod)) {
    if (method === 'get') return { client: 'http', verb: 'GET' };
    if (method === 'request') return { client: 'http' };
  }
  if (mod === 'undici' && method === 'fetch') return { client: 'fetch' };
  if (mod === 'undici' && method === 'request') return { client: 'undici-request' };
  if ((receiver === 'globalThis' || receiver === 'window') && method === 'fetch') return { client: 'fetch' };
  return undefined;
}

/** The URL of a request made with an options object only: axios/got `{ url, baseURL }`, http `{ host, path }`. */
function urlFromConfig(client: Client, obj: ts.ObjectLiteralExpression): string | undefined {
  const text = (key: string) => {
    const p = findProperty(obj, key);
    return p && p !== 'unknown' ? staticString(p.value) : undefined;
  };
  if (client === 'http') {
    const host = text('hostname') ?? text('host');
    if (host === undefined) return undefined;
    const port = text('port');
    return `${text('protocol') ?? 'http:'}//${host}${port && port !== '80' ? `:${port}` : ''}${text('path') ?? '/'}`;
  }
  const url = text('url');
  if (url === undefined) return undefined;
  const base = text('baseURL') ?? text('prefixUrl');
  return base !== undefined && !/^[a-z]+:/i.test(url) ? base.replace(/\/$/, '') + '/' + url.replace(/^\//, '') : url;
}

/**
 * The texts a metadata URL's expression must contain: the metadata addresses, and the name of
 * every `const` whose initializer contains one of these texts (to a fixpoint). The static
 * evaluation below reads only the expression itself and the initializers of the consts it names,
 * so an expression whose text contains none of them cannot evaluate to a metadata URL. Most files
 * that mention the address make thousands of other requests; this keeps them from being evaluated.
 */
export function metadataNeedles(sf: ts.SourceFile, index: FileIndex): string[] {
  const needles = [...METADATA_ADDRESSES];
  let pending: { name: string; init: ts.Expression }[] = [];
  for (const b of index.bindings) {
    if (b.kind !== 'const' || !ts.isVariableDeclaration(b.decl) || !ts.isIdentifier(b.decl.name) || !b.decl.initializer) continue;
    const init = unwrap(b.decl.initializer);
    // Only what the evaluation can read a string or an object from; a function's or a call's
    // const (most consts of a large file, and the longest texts) never yields one.
    if (ts.isStringLiteralLike(init) || ts.isTemplateExpression(init) || ts.isBinaryExpression(init) || ts.isIdentifier(init)
      || ts.isPropertyAccessExpression(init) || ts.isObjectLiteralExpression(init) || ts.isNewExpression(init)
      || (ts.isCallExpression(init) && init.arguments.length === 0 && ts.isPropertyAccessExpression(init.expression) && init.expression.name.text === 'toString')) {
      pending.push({ name: b.name, init });
    }
  }
  for (let grew = true; grew;) {
    grew = false;
    pending = pending.filter(({ name, init }) => {
      const text = sf.text.slice(init.pos, init.end);
      if (!needles.some((n) => text.includes(n))) return true;
      needles.push(name);
      grew = true;
      return false;
    });
  }
  return needles;
}

const IDENTIFIER_CHAR = /[\w$]/;

/** Where the needles occur in the text: start offsets ascending, with the end of each. */
interface Occurrences { starts: number[]; ends: number[] }

/**
 * A const's name counts only as a whole word: the evaluation follows identifiers, and a one-letter
 * const must not make every word containing its letter a candidate.
 */
function occurrences(text: string, needles: string[], from: number, to: number): Occurrences {
  const found: [number, number][] = [];
  for (const n of needles) {
    const whole = !METADATA_ADDRESSES.includes(n);
    for (let i = text.indexOf(n, from); i >= 0 && i < to; i = text.indexOf(n, i + 1)) {
      if (whole && (IDENTIFIER_CHAR.test(text.charAt(i - 1)) || IDENTIFIER_CHAR.test(text.charAt(i + n.length)))) continue;
      found.push([i, i + n.length]);
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  return { starts: found.map((f) => f[0]), ends: found.map((f) => f[1]) };
}

/** Whether a whole occurrence lies inside [pos, end). */
function mentionsNeedle(found: Occurrences, pos: number, end: number): boolean {
  for (let i = lowerBound(found.starts, pos); i < found.starts.length && found.starts[i] < end; i++) if (found.ends[i] <= end) return true;
  return false;
}

function metadataRequest(sf: ts.SourceFile, call: ts.CallExpression, needles: Occurrences): MetadataRequest | undefined {
  const [first, second] = call.arguments;
  if (!first || !mentionsNeedle(needles, first.pos, first.end)) return undefined;
  const c = clientOf(sf, call.expression);
  if (!c) return undefined;
  const firstObj = (c.configFirst || c.client === 'http') ? objectLiteralOf(first) : undefined;
  if (firstObj) {
    const path = metadataPath(urlFromConfig(c.client, firstObj));
    return path !== undefined ? { client: c.client, path, options: first, verb: c.verb } : undefined;
  }
  const path = metadataPath(staticString(first));
  if (path === undefined) return undefined;
  const options = second && !ts.isArrowFunction(second) && !ts.isFunctionExpression(second) ? second : undefined;
  return { client: c.client, path, options, verb: c.verb };
}

/**
 * Whether the options may send the session token, or may do so in a way that cannot be seen
 * statically (an options parameter, a spread, headers built elsewhere): then the rule stays silent.
 */
function mayCarryToken(expr: ts.Expression, depth = 0): boolean {
  if (depth > 4) return true;
  const obj = objectLiteralOf(expr);
  if (!obj) return true;
  if (TOKEN_HEADER.test(obj.getText())) return true;
  for (const p of obj.properties) if (ts.isSpreadAssignment(p) && mayCarryToken(p.expression, depth + 1)) return true;
  const headers = findProperty(obj, 'headers');
  if (headers === 'unknown') return true;
  if (!headers) return false;
  const h = unwrap(headers.value);
  if (ts.isNewExpression(h) && h.arguments?.length === 1) return mayCarryToken(h.arguments[0], depth + 1);
  if (ts.isArrayLiteralExpression(h)) return TOKEN_HEADER.test(h.getText());
  return mayCarryToken(h, depth + 1);
}

/** True when the request is a GET: by the callee (`axios.get`), else by a `method` option (default GET). */
function isGet(req: MetadataRequest): boolean {
  if (req.verb) return req.verb === 'GET';
  if (!req.options) return true;
  const obj = objectLiteralOf(req.options);
  if (!obj) return false;
  const m = findProperty(obj, 'method');
  if (m === 'unknown') return false;
  if (!m) return true;
  const v = staticString(m.value);
  return v !== undefined && v.toUpperCase() === 'GET';
}

/**
 * imdsv1-request: a GET to the EC2 instance metadata service's `/latest/meta-data` that sends no
 * `X-aws-ec2-metadata-token` header. Credential lookups get a fix that lets the AWS SDK's
 * `fromInstanceMetadata()` provider (IMDSv2, refreshed before expiry) fetch them instead.
 */
export function checkImdsV1Request(ctx: AnalysisContext, sf: ts.SourceFile): void {
  // The shared index lists every call in the same depth-first order a walk would meet them:
  // walking the whole tree again cost more than every other rule on a large file.
  const index = fileIndexOf(sf);
  const calls = index.calls;
  if (!calls.length) return;
  // Only occurrences inside some call can matter. The calls are in walk order, so the first
  // starts first; inside an index view they are the few statements a keystroke judges again.
  let to = 0;
  for (const c of calls) if (c.end > to) to = c.end;
  const needles = occurrences(sf.text, metadataNeedles(sf, index), calls[0].pos, to);
  for (const n of calls) {
    const req = metadataRequest(sf, n, needles);
    if (!req || !isGet(req) || (req.options && mayCarryToken(req.options))) continue;
    const shownPath = shownMetadataPath(req.path);
    const lookup = metadataLookupOf(req.path);
    const isCredentialLookup = lookup === 'credentials';
    const advice = imdsAdvice(lookup, SDK_PROVIDER_WORDS);
    const fixes: Fix[] = [];
    const credentialsFix = isCredentialLookup ? providerFix(ctx, sf, n, req.client) : undefined;
    if (credentialsFix) fixes.push(credentialsFix);
    const removal = unusedLookupRemoval(ctx, sf, n);
    if (removal) fixes.push(removal);
    ctx.report({
      ruleId: RULE,
      start: n.getStart(sf),
      end: n.getEnd(),
      message: imdsMessage(shownPath, advice),
      fingerprintSource: n.getText(sf),
      symbolPath: symbolPathOf(n),
      fixes,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The fix: replace the lookup that yields the parsed credentials JSON with `fromInstanceMetadata()()`.

/** IMDS credential fields and the names the SDK provider uses for them. */
const RENAMES: Record<string, string> = { AccessKeyId: 'accessKeyId', SecretAccessKey: 'secretAccessKey', Token: 'sessionToken', Expiration: 'expiration' };
/** Fields whose meaning the provider keeps (Expiration becomes a Date instead of a string). */
const SAME_MEANING = new Set(['AccessKeyId', 'SecretAccessKey', 'Token']);

interface Lookup {
  /** The expression replaced by the provider call. */
  replace: ts.Node;
  /** The expression whose value (once awaited) is the credentials after the rewrite. */
  value: ts.Node;
  extra: TextEdit[];
  /** Where the credentials get bound when the rewrite changes the binding (`const { data: c }`). */
  binding?: ts.BindingName;
}

/** Climbs through parentheses. */
function outer(n: ts.Node): ts.Node {
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  return n;
}

function awaitOf(n: ts.Node): ts.AwaitExpression | undefined {
  const o = outer(n);
  return ts.isAwaitExpression(o.parent) ? o.parent : undefined;
}

/** `x.name()` with no arguments, where `x` is `n` (through parentheses): the call. */
function methodCallOn(n: ts.Node, name: string): ts.CallExpression | undefined {
  const o = outer(n);
  const p = o.parent;
  if (ts.isPropertyAccessExpression(p) && p.expression === o && p.name.text === name && ts.isCallExpression(p.parent)
    && p.parent.expression === p && p.parent.arguments.length === 0) return p.parent;
  return undefined;
}

function propertyOn(n: ts.Node, name: string): ts.PropertyAccessExpression | undefined {
  const o = outer(n);
  const p = o.parent;
  return ts.isPropertyAccessExpression(p) && p.expression === o && p.name.text === name ? p : undefined;
}

/** `.then(r => r.json())` / `.then((r) => { return r.data; })` on `n`: the then-call. */
function thenUnwrap(n: ts.Node, bodyIs: (e: ts.Expression, param: string) => boolean): ts.CallExpression | undefined {
  const then = propertyOn(n, 'then');
  const call = then && ts.isCallExpression(then.parent) && then.parent.expression === then ? then.parent : undefined;
  const cb = call?.arguments.length === 1 ? unwrap(call.arguments[0]) : undefined;
  if (!call || !cb || !(ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) || cb.parameters.length !== 1) return undefined;
  const param = cb.parameters[0].name;
  if (!ts.isIdentifier(param)) return undefined;
  let body: ts.Node = cb.body;
  if (ts.isBlock(body)) {
    const only = body.statements.length === 1 ? body.statements[0] : undefined;
    if (!only || !ts.isReturnStatement(only) || !only.expression) return undefined;
    body = only.expression;
  }
  return bodyIs(unwrap(body as ts.Expression), param.text) ? call : undefined;
}

/** The step that turns a response into its parsed body: fetch `.json()`, axios `.data`. */
function bodyStep(client: Client): { on: (n: ts.Node) => ts.Node | undefined; is: (e: ts.Expression, param: string) => boolean } | undefined {
  if (client === 'fetch') {
    return {
      on: (n) => methodCallOn(n, 'json'),
      is: (e, p) => ts.isCallExpression(e) && e.arguments.length === 0 && ts.isPropertyAccessExpression(e.expression)
        && e.expression.name.text === 'json' && ts.isIdentifier(e.expression.expression) && e.expression.expression.text === p,
    };
  }
  if (client === 'axios') {
    return {
      on: (n) => propertyOn(n, 'data'),
      is: (e, p) => ts.isPropertyAccessExpression(e) && e.name.text === 'data' && ts.isIdentifier(e.expression) && e.expression.text === p,
    };
  }
  return undefined;
}

/** Recognises the shapes that turn an IMDS credentials request into the credentials object. */
function findLookup(ctx: AnalysisContext, sf: ts.SourceFile, call: ts.CallExpression, client: Client): Lookup | undefined {
  if (client === 'got') {
    const json = methodCallOn(call, 'json'); // got(url).json()
    return json ? { replace: json, value: json, extra: [] } : undefined;
  }
  const step = bodyStep(client);
  if (!step) return undefined;
  const then = thenUnwrap(call, step.is); // fetch(url).then((r) => r.json())
  if (then) return { replace: then, value: then, extra: [] };
  const awaited = awaitOf(call);
  if (!awaited) return undefined;
  const direct = step.on(awaited); // (await fetch(url)).json()
  if (direct) return { replace: direct, value: direct, extra: [] };
  const decl = outer(awaited).parent;
  if (!ts.isVariableDeclaration(decl) || decl.initializer !== outer(awaited)) return undefined;
  if (client === 'axios' && ts.isObjectBindingPattern(decl.name)) { // const { data } = await axios.get(url)
    const [el] = decl.name.elements;
    if (decl.name.elements.length !== 1 || el.dotDotDotToken || el.initializer || (nameText(el.propertyName ?? el.name) !== 'data')) return undefined;
    return { replace: call, value: call, binding: el.name, extra: [ctx.edit(decl.name.getStart(sf), decl.name.getEnd(), el.name.getText(sf))] };
  }
  if (!ts.isIdentifier(decl.name)) return undefined;
  // const res = await fetch(url); … await res.json() — the response's only use is its body.
  const refs = referencesOf(decl.name);
  if (!refs || refs.length !== 1) return undefined;
  const use = step.on(refs[0]);
  if (!use) return undefined;
  const useTop = awaitOf(use) ?? use;
  return { replace: call, value: useTop, extra: [ctx.edit(useTop.getStart(sf), useTop.getEnd(), decl.name.text)] };
}

interface Uses { edits: TextEdit[]; renamed: Set<string>; onlyCredentials: boolean }

function isCredentialsSlot(n: ts.Node): boolean {
  const p = n.parent;
  return (ts.isPropertyAssignment(p) && p.initializer === n && nameText(p.name) === 'credentials')
    || (ts.isShorthandPropertyAssignment(p) && p.name.text === 'credentials');
}

/** How the credentials are used once bound, with the renames the provider's field names need. */
function usesOf(ctx: AnalysisContext, sf: ts.SourceFile, name: ts.BindingName): Uses {
  const uses: Uses = { edits: [], renamed: new Set(), onlyCredentials: true };
  const rename = (key: string, edit: TextEdit) => {
    uses.edits.push(edit);
    uses.renamed.add(key);
    if (!SAME_MEANING.has(key)) uses.onlyCredentials = false;
  };
  if (ts.isIdentifier(name)) {
    const refs = referencesOf(name);
    if (!refs) return { edits: [], renamed: new Set(), onlyCredentials: false };
    for (const r of refs) {
      const p = r.parent;
      if (ts.isPropertyAccessExpression(p) && p.expression === r && Object.hasOwn(RENAMES, p.name.text) && !isWriteTarget(p)) {
        rename(p.name.text, ctx.edit(p.name.getStart(sf), p.name.getEnd(), RENAMES[p.name.text]));
      } else if (ts.isElementAccessExpression(p) && p.expression === r && ts.isStringLiteral(p.argumentExpression)
        && Object.hasOwn(RENAMES, p.argumentExpression.text) && !isWriteTarget(p)) {
        const lit = p.argumentExpression;
        rename(lit.text, ctx.edit(lit.getStart(sf) + 1, lit.getEnd() - 1, RENAMES[lit.text]));
      } else if (!isCredentialsSlot(r)) {
        uses.onlyCredentials = false;
      }
    }
    return uses;
  }
  if (ts.isArrayBindingPattern(name)) return { ...uses, onlyCredentials: false };
  for (const el of name.elements) {
    const key = el.dotDotDotToken ? undefined : nameText(el.propertyName ?? el.name);
    if (!key || !Object.hasOwn(RENAMES, key)) { uses.onlyCredentials = false; continue; }
    const sameAsLocal = ts.isIdentifier(el.name) && el.name.text === RENAMES[key];
    rename(key, !el.propertyName
      ? ctx.edit(el.name.getStart(sf), el.name.getStart(sf), `${RENAMES[key]}: `)
      : sameAsLocal // `Token: sessionToken` → `sessionToken`
        ? ctx.edit(el.propertyName.getStart(sf), el.name.getStart(sf), '')
        : ctx.edit(el.propertyName.getStart(sf), el.propertyName.getEnd(), RENAMES[key]));
  }
  return uses;
}

function isWriteTarget(n: ts.Node): boolean {
  const p = n.parent;
  return (ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment)
    || ts.isDeleteExpression(p) || ((ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken));
}

/** Where the credentials end up: a binding, a `credentials:` slot of an SDK client, or elsewhere. */
function consumerUses(ctx: AnalysisContext, sf: ts.SourceFile, lookup: Lookup): Uses {
  if (lookup.binding) return usesOf(ctx, sf, lookup.binding);
  let top: ts.Node = lookup.value;
  while (ts.isParenthesizedExpression(top.parent) || (ts.isAwaitExpression(top.parent) && top.parent.expression === top)) top = top.parent;
  const p = top.parent;
  if (ts.isVariableDeclaration(p) && p.initializer === top) return usesOf(ctx, sf, p.name);
  return { edits: [], renamed: new Set(), onlyCredentials: isCredentialsSlot(top) };
}

function providerFix(ctx: AnalysisContext, sf: ts.SourceFile, call: ts.CallExpression, client: Client): Fix | undefined {
  const lookup = findLookup(ctx, sf, call, client);
  if (!lookup) return undefined;
  const imp = ensureNamedImport(ctx, sf, PROVIDERS, PROVIDER);
  const uses = consumerUses(ctx, sf, lookup);
  const edits = [
    ...(imp.edit ? [imp.edit] : []),
    ctx.edit(lookup.replace.getStart(sf), lookup.replace.getEnd(), `${imp.ref}()()`),
    ...lookup.extra,
    ...uses.edits,
  ];
  const title = imdsProviderTitle({
    provider: `${PROVIDER}() from ${PROVIDERS} (IMDSv2)`,
    addsImport: !!imp.edit,
    renames: [...uses.renamed].map((k) => [k, RENAMES[k]]),
    caveat: uses.onlyCredentials ? undefined : 'the result has accessKeyId/secretAccessKey/sessionToken/expiration (a Date), not the metadata fields: check its other uses',
  });
  return { title, applicability: uses.onlyCredentials ? 'safe' : 'unsafe', isPreferred: true, edits };
}

// ---------------------------------------------------------------------------------------------
// A lookup whose result nothing uses any more (the role listing, once credentials come from the SDK).

function unusedLookupRemoval(ctx: AnalysisContext, sf: ts.SourceFile, call: ts.CallExpression): Fix | undefined {
  let top: ts.Node = call;
  for (;;) {
    const o = outer(top);
    const p = o.parent;
    if (ts.isAwaitExpression(p)) top = p;
    else if (ts.isPropertyAccessExpression(p) && p.expression === o && ts.isCallExpression(p.parent) && p.parent.expression === p) top = p.parent;
    else if (ts.isPropertyAccessExpression(p) && p.expression === o && (p.name.text === 'data' || p.name.text === 'body')) top = p;
    else { top = o; break; }
  }
  const decl = top.parent;
  if (!ts.isVariableDeclaration(decl) || decl.initializer !== top || !ts.isIdentifier(decl.name)) return undefined;
  const stmt = decl.parent.parent;
  if (!ts.isVariableStatement(stmt) || stmt.declarationList.declarations.length !== 1) return undefined;
  if (ts.canHaveModifiers(stmt) && ts.getModifiers(stmt)?.length) return undefined; // exported
  const refs = referencesOf(decl.name);
  if (!refs || refs.length) return undefined;
  const { start, end } = wholeLines(ctx, stmt.getStart(sf), stmt.getEnd());
  return {
    title: imdsRemoveLookupTitle(decl.name.text),
    applicability: 'unsafe',
    edits: [ctx.edit(start, end, '')],
  };
}

/** The statement's lines with their line break when nothing else shares them, else just the statement. */
function wholeLines(ctx: AnalysisContext, start: number, end: number): { start: number; end: number } {
  const first = ctx.lines.positionAt(start).line;
  const last = ctx.lines.positionAt(end).line;
  const lineStart = ctx.lines.lineStart(first);
  const lineEnd = ctx.lines.lineEnd(last);
  if (ctx.text.slice(lineStart, start).trim() || ctx.text.slice(end, lineEnd).trim()) return { start, end };
  const next = last + 1 < ctx.lines.lineCount ? ctx.lines.lineStart(last + 1) : lineEnd;
  return { start: lineStart, end: next };
}
