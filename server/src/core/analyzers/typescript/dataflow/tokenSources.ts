import ts from 'typescript';
import { dottedName } from '../syntax.js';
import type { PathStep } from './fileIndex.js';
import { type FlowEngine, type FlowSpec, type Verdict, unwrap } from './engine.js';

/**
 * The sources of the incoming-token flow: the authorization the server's own caller sent. Only
 * real reads of the request count; names never do (a parameter called `token` may be a token the
 * server obtained itself).
 */

/** The last name of something that is the request the server received. */
const INCOMING = /^(req|request|incomingRequest|incoming|requestInfo|rawRequest|httpRequest)$/;

/** `opts` bound only to object literals the file builds itself is never the incoming request. */
function isOwnObject(e: ts.Expression, engine: FlowEngine): boolean {
  if (ts.isObjectLiteralExpression(e)) return true;
  if (!ts.isIdentifier(e)) return false;
  const b = engine.resolve(e);
  return !!b && b.values.length > 0 && b.values.every((v) => !v.path.length && ts.isObjectLiteralExpression(unwrap(v.expr)));
}

function label(e: ts.Expression, steps: readonly PathStep[]): string {
  const base = dottedName(e) ?? 'request';
  return [base, ...steps].join('.');
}

export const incomingTokenSpec: FlowSpec = {
  sourceAt(e: ts.Expression, path: readonly PathStep[], engine: FlowEngine): Verdict | undefined {
    if (ts.isCallExpression(e)) {
      // req.get('authorization'), req.header('Authorization'), request.headers.get('authorization'), c.req.header(…)
      const callee = unwrap(e.expression);
      const a0 = e.arguments[0];
      if (ts.isPropertyAccessExpression(callee) && /^(get|header)$/.test(callee.name.text) && a0 && ts.isStringLiteralLike(a0)
        && a0.text.toLowerCase() === 'authorization' && !isOwnObject(callee.expression, engine)) {
        return engine.applyPath({ kind: 'incoming-authorization', name: `${dottedName(callee.expression) ?? 'request'}.${callee.name.text}('${a0.text}')`, node: e }, path);
      }
      return undefined;
    }
    if (!path.length || isOwnObject(e, engine)) return undefined;
    for (let i = 0; i < path.length; i++) {
      const step = path[i];
      const next = path[i + 1];
      if (step === 'headers' && next?.toLowerCase() === 'authorization') {
        return engine.applyPath({ kind: 'incoming-authorization', name: label(e, path.slice(0, i + 2)), node: e }, path.slice(i + 2));
      }
      if (step === 'authInfo' && next === 'token') {
        return engine.applyPath({ kind: 'incoming-authorization', name: label(e, path.slice(0, i + 2)), node: e }, path.slice(i + 2));
      }
    }
    if (path[path.length - 1] === 'headers') {
      const owner = path.length >= 2 ? path[path.length - 2] : (dottedName(e) ?? '').split('.').pop() ?? '';
      if (INCOMING.test(owner)) return { kind: 'incoming-headers', name: label(e, path), node: e };
    }
    return undefined;
  },
  byName: () => undefined,
  literal: () => undefined,
  byCallee: () => undefined,
};
