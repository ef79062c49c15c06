import ts from 'typescript';
import { dottedName } from '../syntax.js';
import { type FlowEngine, isSecretVerdict, plusOperands, unwrap } from './engine.js';
import type { SecretSource } from './types.js';

/**
 * Where, inside an expression that carries a secret, the secret sits: the smallest sub-expression a
 * fix can replace. `shape` says how to replace it: an expression, a `${…}` template span, a
 * shorthand property `{ apiKey }`, or a spread `{ ...process.env }` (no simple replacement).
 */
export interface SecretSite {
  node: ts.Node;
  /** The expression whose value is the secret (for a shorthand, its name). */
  expr: ts.Expression;
  shape: 'expression' | 'template-span' | 'shorthand' | 'spread';
  source: SecretSource;
}

const ENCODERS = new Set(['String', 'encodeURIComponent', 'encodeURI', 'btoa', 'structuredClone']);

export function secretSitesIn(engine: FlowEngine, expr: ts.Expression): SecretSite[] {
  const out: SecretSite[] = [];
  let depth = 0;
  const visit = (e0: ts.Expression): void => {
    const v = engine.evaluate(e0);
    if (!isSecretVerdict(v)) return;
    const before = out.length;
    const e = unwrapKeepAwait(e0);
    // Deeply nested `?:`/`||` (generated code): the whole expression is the site.
    if (++depth > 200) { depth--; out.push({ node: e0, expr: e0, shape: 'expression', source: v }); return; }
    try { visitInner(e); } finally { depth--; }
    if (out.length === before) out.push({ node: e0, expr: e0, shape: 'expression', source: v });
  };
  const visitInner = (e: ts.Expression): void => {
    if (ts.isTemplateExpression(e)) {
      for (const span of e.templateSpans) {
        const sv = engine.evaluate(span.expression);
        if (!isSecretVerdict(sv)) continue;
        const inner = unwrapKeepAwait(span.expression);
        const n = out.length;
        if (isLeaf(inner)) out.push({ node: span, expr: span.expression, shape: 'template-span', source: sv });
        else visit(span.expression);
        if (out.length === n) out.push({ node: span, expr: span.expression, shape: 'template-span', source: sv });
      }
    } else if (ts.isBinaryExpression(e)) {
      const k = e.operatorToken.kind;
      if (k === ts.SyntaxKind.AmpersandAmpersandToken) visit(e.right);
      else if (k === ts.SyntaxKind.PlusToken) for (const o of plusOperands(e)) visit(o);
      else if (k === ts.SyntaxKind.BarBarToken || k === ts.SyntaxKind.QuestionQuestionToken) { visit(e.left); visit(e.right); }
    } else if (ts.isConditionalExpression(e)) {
      visit(e.whenTrue);
      visit(e.whenFalse);
    } else if (ts.isObjectLiteralExpression(e)) {
      for (const p of e.properties) {
        if (ts.isPropertyAssignment(p)) visit(p.initializer);
        else if (ts.isShorthandPropertyAssignment(p)) {
          const sv = engine.evaluate(p.name);
          if (isSecretVerdict(sv)) out.push({ node: p, expr: p.name, shape: 'shorthand', source: sv });
        } else if (ts.isSpreadAssignment(p)) {
          const sv = engine.evaluate(p.expression);
          if (!isSecretVerdict(sv)) continue;
          if (ts.isObjectLiteralExpression(unwrap(p.expression))) visit(p.expression);
          else out.push({ node: p, expr: p.expression, shape: 'spread', source: sv });
        }
      }
    } else if (ts.isArrayLiteralExpression(e)) {
      for (const el of e.elements) {
        if (ts.isSpreadElement(el)) {
          const sv = engine.evaluate(el.expression);
          if (isSecretVerdict(sv)) out.push({ node: el, expr: el.expression, shape: 'spread', source: sv });
        } else visit(el);
      }
    } else if (ts.isCallExpression(e) && isEncoder(e) && e.arguments[0]) {
      visit(e.arguments[0]);
    }
  };
  visit(expr);
  return out;
}

/** `JSON.stringify(x)`, `String(x)`, `encodeURIComponent(x)`: the secret is in the argument. */
function isEncoder(call: ts.CallExpression): boolean {
  const c = unwrap(call.expression);
  if (ts.isIdentifier(c)) return ENCODERS.has(c.text);
  const d = dottedName(c);
  return d === 'JSON.stringify' || d === 'Buffer.from';
}

function unwrapKeepAwait(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e)) e = e.expression;
  return e;
}

function isLeaf(e: ts.Expression): boolean {
  return ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isAwaitExpression(e)
    || (ts.isCallExpression(e) && !isEncoder(e));
}
