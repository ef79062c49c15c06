import ts from 'typescript';
import { noteScopeSearch } from '../dataflow/fileIndex.js';
import type { AnalysisContext } from '../../context.js';
import { isSecretQueryParam } from '../../../secrets/index.js';
import type { Fix, TextEdit } from '../../../types.js';
import { nameText, symbolPathOf } from '../syntax.js';
import { insertProperty } from '../objectEdits.js';
import { type SecretFlow, type SecretSource, analyzeSecretFlow, forEachDescendant, plusOperands, secretPhrase, unwrap } from '../dataflow/index.js';
import { outboundCallFor } from './lifecycle/http.js';
import { quoted } from './lifecycle/redaction.js';
import { BEARER_NAMES, PARAM_BEFORE, hardcodedInUrl, moveToHeaderFixTitle, queryLiteralSecrets, secretInUrlMessage, secretParamBefore } from '../../common/wording/secret-in-url.js';

const RULE = 'secret-in-url';


/**
 * secret-in-url: a secret placed in a URL's query string by a template literal, `+`,
 * `new URLSearchParams({…})` or `searchParams.set/append(…)`, and credential literals written
 * into a URL's query. The fix (template or `+` URL passed straight to fetch/axios/got) moves the
 * secret to a header.
 */
export function checkSecretInUrl(ctx: AnalysisContext, sf: ts.SourceFile): void {
  const flow = analyzeSecretFlow(sf);
  const idx = flow.index;
  const seen = new Set<ts.Node>();

  const report = (node: ts.Node, start: number, end: number, param: string, what: string, fingerprint: string, fixes: Fix[] = []) => {
    ctx.report({
      ruleId: RULE,
      start,
      end,
      message: secretInUrlMessage(what, param),
      fingerprintSource: fingerprint,
      symbolPath: symbolPathOf(node),
      fixes,
    });
  };
  const reportExpr = (expr: ts.Expression, param: string, src: SecretSource, fixes: Fix[] = []) => {
    if (seen.has(expr)) return;
    seen.add(expr);
    report(expr, expr.getStart(sf), expr.getEnd(), param, secretPhrase(src), `${param}:${expr.getText(sf)}`, fixes);
  };

  for (const t of idx.templates) {
    t.templateSpans.forEach((span, i) => {
      const before = i === 0 ? t.head : t.templateSpans[i - 1].literal;
      const p = secretParamBefore(before.text);
      if (!p) return;
      const src = flow.isSecret(span.expression);
      if (src) reportExpr(span.expression, p.param, src, templateFix(ctx, sf, flow, t, i, p.param));
    });
  }
  for (const chain of idx.plusChains) {
    const ops = flatten(chain);
    for (let i = 1; i < ops.length; i++) {
      const prev = unwrap(ops[i - 1]);
      if (!ts.isStringLiteralLike(prev)) continue;
      const p = secretParamBefore(prev.text);
      if (!p) continue;
      const src = flow.isSecret(ops[i]);
      if (src) reportExpr(ops[i], p.param, src, concatFix(ctx, sf, flow, chain, ops, i, p.param));
    }
  }
  for (const lit of idx.queryLiterals) {
    const raw = sf.text.slice(lit.getStart(sf) + 1, lit.getEnd() - 1);
    const exact = raw === lit.text;
    for (const q of queryLiteralSecrets(lit.text)) {
      const start = exact ? lit.getStart(sf) + 1 + q.start : lit.getStart(sf);
      const end = exact ? lit.getStart(sf) + 1 + q.end : lit.getEnd();
      report(lit, start, end, q.param, hardcodedInUrl(q.kind, q.secret), q.secret);
    }
  }
  for (const n of idx.news) {
    if (!ts.isIdentifier(n.expression) || n.expression.text !== 'URLSearchParams' || !n.arguments?.[0]) continue;
    const init = unwrap(n.arguments[0]);
    if (!ts.isObjectLiteralExpression(init)) continue;
    let formBody: boolean | undefined; // looked up only once a secret parameter is found
    for (const { key, value, src } of secretParams(init, flow)) {
      if (!(formBody ??= isFormBody(n, flow))) reportExpr(value, key, src);
    }
  }
  // `axios.get(url, { params: { api_key } })`, `axios({ url, params })`, `got(url, { searchParams })`:
  // the client writes the object into the query string. Starts from the index's `params` and
  // `searchParams` properties, so files without them pay nothing.
  for (const prop of QUERY_OPTIONS.flatMap((key) => idx.keyedProperties.get(key) ?? [])) {
    let options: ts.Node = prop.parent;
    while (ts.isParenthesizedExpression(options.parent) || ts.isAsExpression(options.parent) || ts.isSatisfiesExpression(options.parent)) options = options.parent;
    const call = options.parent;
    if (!ts.isCallExpression(call)) continue;
    const out = call.arguments[0] && outboundCallFor(call.arguments[0], flow);
    if (!out || (call.arguments[out.optionsIndex] !== options && call.arguments[0] !== options)) continue;
    const query = unwrap(prop.initializer);
    if (ts.isObjectLiteralExpression(query)) for (const { key, value, src } of secretParams(query, flow)) reportExpr(value, key, src);
  }
  for (const call of idx.calls) {
    const c = unwrap(call.expression);
    if (!ts.isPropertyAccessExpression(c) || !/^(set|append)$/.test(c.name.text) || call.arguments.length < 2) continue;
    const key = call.arguments[0];
    if (!ts.isStringLiteralLike(key) || !isSecretQueryParam(key.text) || !isQueryParams(c.expression, flow)) continue;
    const src = flow.isSecret(call.arguments[1]);
    if (src) reportExpr(call.arguments[1], key.text, src);
  }
}

/** Client options whose object becomes the query string (axios `params`, got/ky `searchParams`). */
const QUERY_OPTIONS = ['params', 'searchParams'];

/** The properties of a query object that put a secret under a credential parameter name. */
function secretParams(obj: ts.ObjectLiteralExpression, flow: SecretFlow): { key: string; value: ts.Expression; src: SecretSource }[] {
  const found: { key: string; value: ts.Expression; src: SecretSource }[] = [];
  for (const p of obj.properties) {
    const key = ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) ? nameText(p.name) : undefined;
    if (!key || !isSecretQueryParam(key)) continue;
    const value = ts.isPropertyAssignment(p) ? p.initializer : (p as ts.ShorthandPropertyAssignment).name;
    const src = flow.isSecret(value);
    if (src) found.push({ key, value, src });
  }
  return found;
}

function flatten(e: ts.BinaryExpression): ts.Expression[] {
  return plusOperands(e);
}

/** `url.searchParams`, or a binding made by `new URLSearchParams(…)` that is not a form body. */
function isQueryParams(e: ts.Expression, flow: SecretFlow): boolean {
  const u = unwrap(e);
  if (ts.isPropertyAccessExpression(u) && u.name.text === 'searchParams') return true;
  if (!ts.isIdentifier(u)) return false;
  const b = flow.bindingOf(u);
  const made = b?.values.find((v) => {
    const x = unwrap(v.expr);
    return ts.isNewExpression(x) && ts.isIdentifier(x.expression) && x.expression.text === 'URLSearchParams';
  });
  return !!made && !isFormBody(unwrap(made.expr) as ts.NewExpression, flow);
}

/**
 * `new URLSearchParams(…)` sent as a request body (a token request's `client_secret`), not as a
 * query: a `body:`/`data:`/`form:` value, an argument after the URL, or a binding used as one.
 */
function isFormBody(n: ts.NewExpression, flow: SecretFlow): boolean {
  const usedAsBody = (e: ts.Node): boolean => {
    let x: ts.Node = e;
    while (ts.isParenthesizedExpression(x.parent) || ts.isAsExpression(x.parent)) x = x.parent;
    // `params.toString()`: the call on the binding (or on the `new` expression) is what is sent.
    if (ts.isPropertyAccessExpression(x.parent) && x.parent.expression === x && x.parent.name.text === 'toString' && ts.isCallExpression(x.parent.parent)) x = x.parent.parent;
    while (ts.isParenthesizedExpression(x.parent) || ts.isAsExpression(x.parent)) x = x.parent;
    const p = x.parent;
    if (ts.isPropertyAssignment(p) && /^(body|data|form|payload)$/.test(p.name.getText())) return true;
    if (ts.isShorthandPropertyAssignment(p) && /^(body|data|form|payload)$/.test(p.name.text)) return true;
    if (ts.isCallExpression(p) && p.arguments.indexOf(x as ts.Expression) >= 1) return true;
    return false;
  };
  if (usedAsBody(n)) return true;
  let d: ts.Node = n;
  while (ts.isParenthesizedExpression(d.parent) || ts.isAsExpression(d.parent)) d = d.parent;
  if (!ts.isVariableDeclaration(d.parent) || !ts.isIdentifier(d.parent.name)) return false;
  const b = flow.bindingOf(d.parent.name);
  if (!b) return false;
  let body = false;
  noteScopeSearch(b.scope);
  forEachDescendant(b.scope, (x) => {
    if (body) return false;
    if (ts.isIdentifier(x) && x.text === b.name && x !== b.id && flow.bindingOf(x) === b && usedAsBody(x)) body = true;
    return undefined;
  });
  return body;
}

// ---- fixes: move the parameter from the URL to a header of the call that uses the URL ----

function headerProperty(param: string, exprText: string, quote: '\'' | '"'): string {
  return BEARER_NAMES.test(param) ? `Authorization: \`Bearer \${${exprText}}\`` : `${quoted('x-api-key', quote)}: ${exprText}`;
}

/** Edits that add the header to the call's options, or undefined when the options are not a literal we can extend. */
function addHeaderEdits(ctx: AnalysisContext, sf: ts.SourceFile, flow: SecretFlow, url: ts.Expression, header: string): TextEdit[] | undefined {
  const out = outboundCallFor(url, flow);
  if (!out) return undefined;
  const args = out.call.arguments;
  if (args.length <= out.optionsIndex) {
    const fill = Array.from({ length: out.optionsIndex - args.length }, () => ', undefined').join('');
    const at = args[args.length - 1].getEnd();
    return [ctx.edit(at, at, `${fill}, { headers: { ${header} } }`)];
  }
  const opts = unwrap(args[out.optionsIndex]);
  if (!ts.isObjectLiteralExpression(opts)) return undefined;
  const existing = opts.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText(sf) === 'headers') as ts.PropertyAssignment | undefined;
  if (existing) {
    const h = unwrap(existing.initializer);
    return ts.isObjectLiteralExpression(h) ? [insertProperty(ctx, sf, h, header)] : undefined;
  }
  if (opts.properties.some((p) => !ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p) && !ts.isMethodDeclaration(p))) return undefined;
  return [insertProperty(ctx, sf, opts, `headers: { ${header} }`)];
}

function fixOf(edits: TextEdit[], param: string): Fix[] {
  return [{ title: moveToHeaderFixTitle(param), applicability: 'unsafe', isPreferred: true, edits }];
}

function templateFix(ctx: AnalysisContext, sf: ts.SourceFile, flow: SecretFlow, t: ts.TemplateExpression, i: number, param: string): Fix[] {
  const span = t.templateSpans[i];
  const before = i === 0 ? t.head : t.templateSpans[i - 1].literal;
  const rawBefore = sf.text.slice(before.getStart(sf), before.getEnd() - 2);
  const m = PARAM_BEFORE.exec(rawBefore);
  if (!m) return [];
  const paramStart = before.getEnd() - 2 - m[0].length;
  const spanEnd = span.literal.getStart(sf) + 1; // after the `}`
  // A template cut off while typing has no `}` there: the cut would run past the URL argument.
  if (sf.text.charAt(spanEnd - 1) !== '}' || spanEnd > t.getEnd()) return [];
  const next = sf.text.charAt(spanEnd);
  const cut = m[1] === '?' && next === '&' ? ctx.edit(paramStart + 1, spanEnd + 1, '') : ctx.edit(paramStart, spanEnd, '');
  const header = addHeaderEdits(ctx, sf, flow, t, headerProperty(param, span.expression.getText(sf), flow.index.quote));
  return header ? fixOf([cut, ...header], param) : [];
}

function concatFix(ctx: AnalysisContext, sf: ts.SourceFile, flow: SecretFlow, chain: ts.BinaryExpression, ops: ts.Expression[], i: number, param: string): Fix[] {
  const lit = unwrap(ops[i - 1]) as ts.StringLiteral;
  const rawInner = sf.text.slice(lit.getStart(sf) + 1, lit.getEnd() - 1);
  if (rawInner !== lit.text) return [];
  const m = PARAM_BEFORE.exec(rawInner);
  if (!m) return [];
  const nextOp = ops[i + 1] && unwrap(ops[i + 1]);
  if (nextOp && !(ts.isStringLiteral(nextOp) && /^[&#]/.test(nextOp.text) && sf.text.slice(nextOp.getStart(sf) + 1, nextOp.getEnd() - 1) === nextOp.text)) return [];
  const litEnd = lit.getEnd() - 1;
  const edits: TextEdit[] = [];
  if (m[1] === '?' && nextOp && ts.isStringLiteral(nextOp) && nextOp.text.startsWith('&')) {
    edits.push(ctx.edit(litEnd - m[0].length + 1, litEnd, ''));
    edits.push(ctx.edit(nextOp.getStart(sf) + 1, nextOp.getStart(sf) + 2, ''));
  } else edits.push(ctx.edit(litEnd - m[0].length, litEnd, ''));
  edits.push(ctx.edit(ops[i - 1].getEnd(), ops[i].getEnd(), ''));
  const header = addHeaderEdits(ctx, sf, flow, chain, headerProperty(param, ops[i].getText(sf), flow.index.quote));
  return header ? fixOf([...edits, ...header], param) : [];
}

