import ts from 'typescript';
import { noteScopeSearch } from '../dataflow/fileIndex.js';
import type { AnalysisContext } from '../../context.js';
import { dottedName, nameText, symbolPathOf } from '../syntax.js';
import { type SecretFlow, analyzeIncomingTokenFlow, analyzeSecretFlow, forEachDescendant, unwrap } from '../dataflow/index.js';
import { logSinkName } from './lifecycle/loggers.js';
import { isResponseHeaders } from './lifecycle/http.js';
import { tokenPassthroughMessage } from '../../common/wording/token-passthrough.js';

const RULE = 'token-passthrough';

/** Receivers of `.setHeader(…)` that are requests the server sends, not its response. */
const OUTGOING_REQUEST = /^(proxyReq|proxyRequest|outgoing\w*|upstream\w*|clientRequest|outReq)$/i;

/**
 * token-passthrough: the authorization the server received (or a token cut out of it) placed into
 * the headers of a request the server sends: a `headers:` object (fetch, axios, got, `axios.create`,
 * `new Request`), `new Headers(…)`, `headers.set/append(…)`, `config.headers.X = …`.
 */
export function checkTokenPassthrough(ctx: AnalysisContext, sf: ts.SourceFile): void {
  const flow = analyzeIncomingTokenFlow(sf);
  const idx = flow.index;
  const seen = new Set<ts.Node>();

  const check = (value: ts.Expression, rangeNode: ts.Node = value) => {
    if (seen.has(rangeNode)) return;
    const src = flow.isSecret(value);
    if (!src) return;
    seen.add(rangeNode);
    ctx.report({
      ruleId: RULE,
      start: rangeNode.getStart(sf),
      end: rangeNode.getEnd(),
      message: tokenPassthroughMessage(src),
      fingerprintSource: rangeNode.getText(sf),
      symbolPath: symbolPathOf(rangeNode),
    });
  };

  const checkHeaders = (e: ts.Expression) => {
    const u = unwrap(e);
    // `headers: new Headers({…})` is read where the Headers object is built.
    if (ts.isNewExpression(u) && ts.isIdentifier(u.expression) && u.expression.text === 'Headers') return;
    if (!ts.isObjectLiteralExpression(u)) { check(e); return; }
    u.properties.forEach((p, i) => {
      if (ts.isPropertyAssignment(p)) check(p.initializer);
      else if (ts.isShorthandPropertyAssignment(p)) check(p.name, p);
      // `{ ...req.headers, authorization: '[REDACTED]' }`: a later `authorization` replaces the spread one.
      else if (ts.isSpreadAssignment(p) && !u.properties.slice(i + 1).some((q) => /^authorization$/i.test(q.name ? nameText(q.name) ?? '' : ''))) check(p.expression, p);
    });
  };

  for (const prop of idx.keyedProperties.get('headers') ?? []) {
    // `logger.info({ headers: req.headers })` logs them (secret-logged says so); it sends nothing.
    if (!isResponseHeaders(prop) && !isLoggedObject(prop, sf)) checkHeaders(prop.initializer);
  }
  for (const n of idx.news) {
    const name = ts.isIdentifier(n.expression) ? n.expression.text : '';
    if (name === 'Headers' && n.arguments?.[0] && !adapterHeaders(n, flow)) checkHeaders(n.arguments[0]);
  }
  for (const call of idx.calls) {
    const c = unwrap(call.expression);
    if (!ts.isPropertyAccessExpression(c) || call.arguments.length < 2) continue;
    const m = c.name.text;
    if ((m === 'set' || m === 'append') && isHeadersObject(c.expression, flow) && !onlyBuildsReturnedRequest(c.expression, flow)) check(call.arguments[1]);
    else if (m === 'setHeader' && OUTGOING_REQUEST.test(dottedName(c.expression)?.split('.').pop() ?? '')) check(call.arguments[1]);
  }
  for (const a of idx.assignments) {
    const left = unwrap(a.left);
    if ((ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) && /\.headers\b/i.test(left.getText(sf))) check(a.right);
  }
}

function isHeadersObject(e: ts.Expression, flow: SecretFlow): boolean {
  const u = unwrap(e);
  const last = dottedName(u)?.split('.').pop() ?? '';
  if (/headers$/i.test(last)) return true;
  if (!ts.isIdentifier(u)) return false;
  const b = flow.bindingOf(u);
  return !!b && b.values.some((v) => {
    const x = unwrap(v.expr);
    return ts.isNewExpression(x) && ts.isIdentifier(x.expression) && x.expression.text === 'Headers';
  });
}

/**
 * A Headers binding whose every other use is the `headers` of a `new Request(…)` that its function
 * returns: an adapter turning the incoming Node request into a Web Request for an in-process
 * framework (Hono, a fetch handler), which sends nothing anywhere.
 */
function onlyBuildsReturnedRequest(e: ts.Expression, flow: SecretFlow): boolean {
  const u = unwrap(e);
  if (!ts.isIdentifier(u)) return false;
  const b = flow.bindingOf(u);
  if (!b) return false;
  let uses = 0;
  let returned = 0;
  noteScopeSearch(b.scope);
  forEachDescendant(b.scope, (x) => {
    if (!ts.isIdentifier(x) || x === b.id || x.text !== b.name) return;
    // `req.headers`: a property name, not a use of the binding.
    if (ts.isPropertyAccessExpression(x.parent) && x.parent.name === x) return;
    // A shorthand `{ headers }` names the binding lexically; the index resolves it as a property name.
    if (!ts.isShorthandPropertyAssignment(x.parent) && flow.bindingOf(x) !== b) return;
    const parent = x.parent;
    // `headers.set(…)` / `headers.append(…)` fill it; every other use must hand it to a returned Request.
    if (ts.isPropertyAccessExpression(parent) && parent.expression === x && /^(set|append|has|get|delete)$/.test(parent.name.text)) return;
    uses++;
    const prop = ts.isShorthandPropertyAssignment(parent) || (ts.isPropertyAssignment(parent) && parent.initializer === x) ? parent : undefined;
    let options: ts.Node | undefined = prop?.parent;
    while (options && (ts.isAsExpression(options.parent) || ts.isParenthesizedExpression(options.parent) || ts.isSatisfiesExpression(options.parent))) options = options.parent;
    const request = options?.parent;
    if (prop && nameOf(prop) === 'headers' && request && ts.isNewExpression(request) && ts.isIdentifier(request.expression) && request.expression.text === 'Request' && ts.isReturnStatement(request.parent)) returned++;
  });
  return uses > 0 && uses === returned;
}

/** `const headers = new Headers(req.headers)` whose binding only builds a returned Request. */
function adapterHeaders(n: ts.NewExpression, flow: SecretFlow): boolean {
  let d: ts.Node = n;
  while (ts.isParenthesizedExpression(d.parent) || ts.isAsExpression(d.parent)) d = d.parent;
  return ts.isVariableDeclaration(d.parent) && ts.isIdentifier(d.parent.name) && onlyBuildsReturnedRequest(d.parent.name, flow);
}

function nameOf(p: ts.PropertyAssignment | ts.ShorthandPropertyAssignment): string | undefined {
  return ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : undefined;
}

/** The property sits in an object literal passed (maybe nested) to a log call. */
function isLoggedObject(prop: ts.PropertyAssignment, sf: ts.SourceFile): boolean {
  let n: ts.Node = prop.parent;
  while (ts.isPropertyAssignment(n.parent) || ts.isObjectLiteralExpression(n.parent) || ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const call = n.parent;
  return ts.isCallExpression(call) && call.arguments.some((a) => a === n) && !!logSinkName(call, analyzeSecretFlow(sf));
}
