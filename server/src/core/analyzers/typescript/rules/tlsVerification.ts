import ts from 'typescript';
import type { AnalysisContext } from '../../context.js';
import { calleeName, dottedName, nameText, symbolPathOf } from '../syntax.js';
import { walkMatches } from '../walkMatches.js';
import { staticString, unwrap } from '../staticValues.js';
import { message } from '../../../secrets/message.js';
import { TLS_RULE, tlsMessage, tlsNodeEnvTurnsOff, tlsSetTitle, tlsSettingTurnsOff } from '../../common/wording/tls-verification-disabled.js';

const RULE = TLS_RULE;
/** The keys, searched as plain words (same offsets as /rejectUnauthorized|NODE_TLS_REJECT_UNAUTHORIZED|strictSSL|insecure/g). */
export const TLS_KEYS = ['rejectUnauthorized', 'NODE_TLS_REJECT_UNAUTHORIZED', 'strictSSL', 'insecure'];

/** Keys whose insecure value turns verification off, and what makes a value insecure. */
type Check = { insecure: (v: ts.Expression) => boolean; secure: (v: ts.Expression) => string; needsHttpContext?: boolean };

const isFalse = (v: ts.Expression) => v.kind === ts.SyntaxKind.FalseKeyword || isNumber(v, '0') || isNotOne(v);
const isTrue = (v: ts.Expression) => v.kind === ts.SyntaxKind.TrueKeyword || isNumber(v, '1') || isNotZero(v);
const isZeroString = (v: ts.Expression) => staticString(v) === '0';

function isNumber(v: ts.Expression, text: string): boolean { return ts.isNumericLiteral(v) && v.text === text; }
function isNotOne(v: ts.Expression): boolean { return ts.isPrefixUnaryExpression(v) && v.operator === ts.SyntaxKind.ExclamationToken && isNumber(v.operand, '1'); }
function isNotZero(v: ts.Expression): boolean { return ts.isPrefixUnaryExpression(v) && v.operator === ts.SyntaxKind.ExclamationToken && isNumber(v.operand, '0'); }

/** The env var keeps its literal's kind and quotes: `'0'` → `'1'`, `0` → `1`. */
function enabledEnvValue(v: ts.Expression): string {
  const text = v.getText();
  if (ts.isNumericLiteral(v)) return '1';
  const q = text[0];
  return ts.isStringLiteralLike(v) ? `${q}1${q}` : "'1'";
}

const CHECKS: Record<string, Check> = {
  rejectUnauthorized: { insecure: isFalse, secure: () => 'true' },
  strictSSL: { insecure: isFalse, secure: () => 'true' },
  insecureSkipVerify: { insecure: isTrue, secure: () => 'false' },
  insecure: { insecure: isTrue, secure: () => 'false', needsHttpContext: true },
  NODE_TLS_REJECT_UNAUTHORIZED: { insecure: isZeroString, secure: enabledEnvValue },
};

/** Callees whose options configure an HTTP(S)/TLS agent or client. */
const HTTP_CALLEE = /agent|https?|undici|axios|got|fetch|request|client|pool|dispatcher|proxy|websocket|needle|ky\b|tls/i;
/** Properties whose object value is an agent's or client's TLS options (got `https`, axios `httpsAgent`…). */
const HTTP_HOLDER = /^(https?|tls|ssl|agent|httpsAgent|httpAgent|agentOptions|connect|dispatcher|requestOptions)$/;
/** Sibling keys that mark an object as HTTP request or client options. */
const HTTP_SIBLINGS = new Set(['url', 'baseURL', 'baseUrl', 'prefixUrl', 'headers', 'proxy', 'ca', 'cert', 'agent', 'httpsAgent',
  'dispatcher', 'endpoint', 'hostname', 'protocol', 'method', 'servername']);

/** `insecure: true` only counts in HTTP agent/client options, not in a feature-flag object. */
function inHttpContext(obj: ts.ObjectLiteralExpression): boolean {
  let holder: ts.Node = obj;
  while (ts.isParenthesizedExpression(holder.parent) || ts.isAsExpression(holder.parent) || ts.isSatisfiesExpression(holder.parent)) holder = holder.parent;
  const p = holder.parent;
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(holder as ts.Expression)) {
    const callee = dottedName(p.expression) ?? calleeName(p.expression);
    if (callee && HTTP_CALLEE.test(callee)) return true;
  }
  if (ts.isPropertyAssignment(p) && HTTP_HOLDER.test(nameText(p.name) ?? '')) return true;
  return obj.properties.some((q) => HTTP_SIBLINGS.has(nameText(q.name) ?? ''));
}

/**
 * tls-verification-disabled: `rejectUnauthorized: false`, `strictSSL: false`,
 * `insecureSkipVerify: true`, `insecure: true` in HTTP options, and `NODE_TLS_REJECT_UNAUTHORIZED`
 * set to `0`, as object properties or assignments. The fix writes the secure value back.
 */
export function checkTlsVerification(ctx: AnalysisContext, sf: ts.SourceFile): void {
  walkMatches(sf, TLS_KEYS, (n) => {
    let key: string | undefined;
    let value: ts.Expression | undefined;
    if (ts.isPropertyAssignment(n)) {
      key = nameText(n.name);
      value = n.initializer;
    } else if (ts.isBinaryExpression(n) && isAssignment(n.operatorToken.kind)
      && (ts.isPropertyAccessExpression(n.left) || ts.isElementAccessExpression(n.left))) {
      key = nameText(n.left);
      value = n.right;
    }
    if (!key || !value || !Object.hasOwn(CHECKS, key)) return;
    const check = CHECKS[key];
    const v = unwrap(value);
    if (!check.insecure(v)) return;
    if (check.needsHttpContext && !(ts.isPropertyAssignment(n) && inHttpContext(n.parent as ts.ObjectLiteralExpression))) return;
    report(ctx, sf, n, key, v, check.secure(v));
  });
}

function isAssignment(k: ts.SyntaxKind): boolean {
  return k === ts.SyntaxKind.EqualsToken || k === ts.SyntaxKind.QuestionQuestionEqualsToken || k === ts.SyntaxKind.BarBarEqualsToken;
}

function report(ctx: AnalysisContext, sf: ts.SourceFile, node: ts.Node, key: string, value: ts.Expression, secure: string): void {
  const start = node.getStart(sf);
  const shown = `${key} = ${value.getText(sf)}`;
  const what = key === 'NODE_TLS_REJECT_UNAUTHORIZED'
    ? tlsNodeEnvTurnsOff(value.getText(sf))
    : tlsSettingTurnsOff(`${key}: ${value.getText(sf)}`);
  ctx.report({
    ruleId: RULE,
    start,
    end: node.getEnd(),
    message: tlsMessage(what, message`\`ca\`, NODE_EXTRA_CA_CERTS`),
    fingerprintSource: shown,
    symbolPath: symbolPathOf(node),
    fixes: [{
      title: tlsSetTitle(key, secure),
      applicability: 'safe',
      isPreferred: true,
      edits: [ctx.edit(value.getStart(sf), value.getEnd(), secure)],
    }],
  });
}
