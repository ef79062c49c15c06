import ts from 'typescript';
import { dottedName } from '../../syntax.js';
import { type SecretFlow, unwrap } from '../../dataflow/index.js';

/** Calls that build the server's own response: headers given there go back to the caller. */
const RESPONSE_CALLEE = /^(Response|json|writeHead|redirect|next|rewrite|send|respond|reply|status|html|text|body)$/;

function calleeText(e: ts.CallExpression | ts.NewExpression): string {
  const c = unwrap(e.expression);
  return ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : '';
}

/** A `headers:` property of an options object passed to a response constructor (`new Response(body, { headers })`). */
export function isResponseHeaders(prop: ts.PropertyAssignment): boolean {
  const owner = prop.parent;
  const p = owner.parent;
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.some((a) => unwrap(a) === owner || a === owner)) {
    return RESPONSE_CALLEE.test(calleeText(p));
  }
  return false;
}

/** Where an HTTP client call takes its options object, by client and method. */
export interface OutboundCall {
  call: ts.CallExpression;
  /** Index of the options argument (`fetch(url, init)` → 1, `axios.post(url, data, config)` → 2). */
  optionsIndex: number;
}

const CLIENT_FUNCTIONS = new Set(['fetch', 'got', 'ky', 'axios', 'nodeFetch', 'undiciFetch', 'ofetch', '$fetch']);
const CLIENT_OBJECTS = /^(axios|got|ky|undici|http|https|superagent|needle|ofetch)$/;
const WITH_BODY = new Set(['post', 'put', 'patch']);

/** The HTTP client call `url` is passed to as its first argument, if any. */
export function outboundCallFor(url: ts.Expression, flow: SecretFlow): OutboundCall | undefined {
  let e: ts.Node = url;
  while (ts.isParenthesizedExpression(e.parent)) e = e.parent;
  const call = e.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== e) return undefined;
  const c = unwrap(call.expression);
  if (ts.isIdentifier(c)) return CLIENT_FUNCTIONS.has(c.text) ? { call, optionsIndex: 1 } : undefined;
  if (!ts.isPropertyAccessExpression(c)) return undefined;
  const root = dottedName(c.expression) ?? '';
  const m = c.name.text;
  const isAxios = root === 'axios' || isAxiosInstance(c.expression, flow);
  if (isAxios) {
    if (WITH_BODY.has(m)) return { call, optionsIndex: 2 };
    if (/^(get|delete|head|options|request)$/.test(m)) return { call, optionsIndex: 1 };
    return undefined;
  }
  if (CLIENT_OBJECTS.test(root) && /^(get|post|put|patch|delete|head|request|fetch|stream)$/.test(m)) return { call, optionsIndex: 1 };
  return undefined;
}

function isAxiosInstance(e: ts.Expression, flow: SecretFlow): boolean {
  const u = unwrap(e);
  if (!ts.isIdentifier(u)) return false;
  const b = flow.bindingOf(u);
  return !!b && b.values.some((v) => {
    const x = unwrap(v.expr);
    return ts.isCallExpression(x) && dottedName(x.expression) === 'axios.create';
  });
}
