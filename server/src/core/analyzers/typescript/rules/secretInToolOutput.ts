import ts from 'typescript';
import type { AnalysisContext } from '../../context.js';
import { symbolPathOf } from '../syntax.js';
import { type SecretFlow, analyzeSecretFlow, secretPhrase, unwrap } from '../dataflow/index.js';
import { objectOf, propertyValue, toolRegistrations } from './lifecycle/mcpTools.js';
import { redactionEdit } from './lifecycle/redaction.js';
import { secretInToolOutputFixTitle, secretInToolOutputMessage } from '../../common/wording/secret-in-tool-output.js';

const RULE = 'secret-in-tool-output';

/**
 * secret-in-tool-output: what an MCP tool handler returns in `content` (text items, embedded
 * resource text) or `structuredContent` carries a secret. Only the handler's own `return`s are
 * read (a result built by a helper function is not followed).
 */
export function checkSecretInToolOutput(ctx: AnalysisContext, sf: ts.SourceFile): void {
  const flow = analyzeSecretFlow(sf);
  const seen = new Set<ts.Node>();

  const report = (expr: ts.Expression, tool: string | undefined) => {
    for (const site of flow.secretSites(expr)) {
      if (seen.has(site.node)) continue;
      seen.add(site.node);
      const edit = redactionEdit(ctx, sf, site, flow.index.quote);
      ctx.report({
        ruleId: RULE,
        start: site.node.getStart(sf),
        end: site.node.getEnd(),
        message: secretInToolOutputMessage(secretPhrase(site.source), tool),
        fingerprintSource: `${tool ?? ''}:${site.expr.getText(sf)}`,
        symbolPath: symbolPathOf(site.node),
        fixes: edit ? [{ title: secretInToolOutputFixTitle(), applicability: 'unsafe', isPreferred: true, edits: [edit] }] : [],
      });
    }
  };

  for (const reg of toolRegistrations(flow)) {
    const handler = reg.handler;
    if (!handler) continue;
    // The handler may be a function declared elsewhere: its findings belong to the registration.
    ctx.fromSite(reg.call.pos, () => {
      for (const r of flow.index.returns.get(handler) ?? []) checkResult(flow, r, reg.name ?? caseLabel(r), report, 0);
    });
  }
}

type Reporter = (expr: ts.Expression, tool: string | undefined) => void;

function checkResult(flow: SecretFlow, e: ts.Expression, tool: string | undefined, report: Reporter, depth: number): void {
  if (depth > 3) return;
  const u = unwrap(e);
  if (ts.isConditionalExpression(u)) {
    checkResult(flow, u.whenTrue, tool, report, depth + 1);
    checkResult(flow, u.whenFalse, tool, report, depth + 1);
    return;
  }
  for (const obj of objectsOf(flow, u)) {
    const content = propertyValue(obj, 'content');
    if (content) checkContent(flow, content, tool, report);
    const structured = propertyValue(obj, 'structuredContent');
    if (structured) report(structured, tool);
  }
}

/** The object literals a result expression can be: itself, or the values of the binding it names. */
function objectsOf(flow: SecretFlow, e: ts.Expression): ts.ObjectLiteralExpression[] {
  if (ts.isObjectLiteralExpression(e)) return [e];
  if (!ts.isIdentifier(e)) return [];
  const b = flow.bindingOf(e);
  if (!b) return [];
  return b.values.filter((v) => !v.path.length).map((v) => unwrap(v.expr)).filter(ts.isObjectLiteralExpression);
}

function checkContent(flow: SecretFlow, e: ts.Expression, tool: string | undefined, report: Reporter): void {
  const u = unwrap(e);
  const arrays: ts.ArrayLiteralExpression[] = [];
  if (ts.isArrayLiteralExpression(u)) arrays.push(u);
  else if (ts.isIdentifier(u)) {
    const b = flow.bindingOf(u);
    for (const v of b?.values ?? []) if (!v.path.length && ts.isArrayLiteralExpression(unwrap(v.expr))) arrays.push(unwrap(v.expr) as ts.ArrayLiteralExpression);
  }
  for (const arr of arrays) {
    for (const el of arr.elements) {
      if (ts.isSpreadElement(el)) continue;
      const item = objectOf(el, flow);
      if (!item) continue;
      const text = propertyValue(item, 'text');
      if (text) report(text, tool);
      const resource = objectOf(propertyValue(item, 'resource'), flow);
      const rtext = resource && propertyValue(resource, 'text');
      if (rtext) report(rtext, tool);
    }
  }
}

/** In a `CallToolRequestSchema` handler, the `case 'tool_name':` a return sits under. */
function caseLabel(n: ts.Node): string | undefined {
  for (let p: ts.Node | undefined = n.parent; p; p = p.parent) {
    if (ts.isCaseClause(p) && ts.isStringLiteralLike(p.expression)) return p.expression.text;
    if (ts.isIfStatement(p) && ts.isBinaryExpression(p.expression) && ts.isStringLiteralLike(p.expression.right)
      && /name$/.test(p.expression.left.getText())) return p.expression.right.text;
    if (ts.isFunctionLike(p)) return undefined;
  }
  return undefined;
}
