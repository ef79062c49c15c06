import ts from 'typescript';
import type { AnalysisContext } from '../../context.js';
import type { Fix, TextEdit } from '../../../types.js';
import { symbolPathOf } from '../syntax.js';
import { indentAt, indentUnit } from '../objectEdits.js';
import { type SecretFlow, analyzeSecretFlow, forEachDescendant, isFunctionLike, secretManagerCall, unwrap } from '../dataflow/index.js';
import { isLogFunctionReference, isLogStatement, logSinkName } from './lifecycle/loggers.js';
import { quoted } from './lifecycle/redaction.js';
import type { Message } from '../../../secrets/message.js';
import { failedToLoadText, isSecretBootstrapName, secretFetchSwallowedFixTitle, secretFetchSwallowedMessage } from '../../common/wording/secret-fetch-error-swallowed.js';

const RULE = 'secret-fetch-error-swallowed';

/**
 * secret-fetch-error-swallowed: a `catch` (or `.catch(…)`) around a secret fetch or credential
 * bootstrap whose handler is empty or only logs, so the process carries on without the secret.
 * Rethrowing, `process.exit(…)`, returning a value, or any other statement counts as handling.
 */
export function checkSecretFetchErrorSwallowed(ctx: AnalysisContext, sf: ts.SourceFile): void {
  const flow = analyzeSecretFlow(sf);
  const idx = flow.index;

  for (const t of idx.tries) {
    const clause = t.catchClause;
    if (!clause || !swallows(clause.block.statements, flow)) continue;
    const fetched = secretFetchIn(t.tryBlock, flow, 0);
    if (!fetched) continue;
    const start = clause.getStart(sf);
    const vd = clause.variableDeclaration;
    // `catch (err)`; a clause cut off before its `)` (while typing) ends at its variable.
    const close = vd ? sf.text.indexOf(')', vd.getEnd()) : -1;
    const end = !vd ? start + 'catch'.length : close >= 0 && close < clause.block.getStart(sf) ? close + 1 : vd.getEnd();
    ctx.report({
      ruleId: RULE,
      start,
      end,
      message: swallowedMessage(fetched, clause.block.statements.length === 0),
      fingerprintSource: `catch:${fetched}`,
      symbolPath: symbolPathOf(clause),
      fixes: catchClauseFix(ctx, sf, clause, fetched, flow.index.quote),
    });
  }

  for (const call of idx.calls) {
    const c = unwrap(call.expression);
    if (!ts.isPropertyAccessExpression(c) || c.name.text !== 'catch' || call.arguments.length !== 1) continue;
    const handler = unwrap(call.arguments[0]);
    if (!swallowingHandler(handler, flow)) continue;
    const fetched = secretFetchIn(c.expression, flow, 0);
    if (!fetched) continue;
    const start = c.name.getStart(sf);
    ctx.report({
      ruleId: RULE,
      start,
      end: call.getEnd(),
      message: swallowedMessage(fetched, isEmptyHandler(handler), true),
      fingerprintSource: `.catch:${fetched}`,
      symbolPath: symbolPathOf(call),
      fixes: promiseCatchFix(ctx, sf, handler, fetched, flow.index.quote),
    });
  }
}

function swallowedMessage(what: string, empty: boolean, promise = false): Message {
  return secretFetchSwallowedMessage(promise ? '.catch' : 'catch', what, empty);
}

/** Nothing but log calls (or nothing at all): the failure is noted and forgotten. */
function swallows(statements: readonly ts.Statement[], flow: SecretFlow): boolean {
  return statements.every((s) => isLogStatement(s, flow));
}

function isEmptyHandler(h: ts.Expression): boolean {
  return (ts.isArrowFunction(h) || ts.isFunctionExpression(h)) && ts.isBlock(h.body) && h.body.statements.length === 0;
}

function swallowingHandler(h: ts.Expression, flow: SecretFlow): boolean {
  if (ts.isArrowFunction(h) || ts.isFunctionExpression(h)) {
    if (ts.isBlock(h.body)) return swallows(h.body.statements, flow);
    const body = unwrap(h.body);
    if (ts.isIdentifier(body) && body.text === 'undefined') return true;
    if (ts.isVoidExpression(body)) return true;
    return ts.isCallExpression(body) && !!logSinkName(body, flow);
  }
  return isLogFunctionReference(h, flow);
}

/**
 * What secret a block (or a promise expression) fetches, named for a message: the secret id or
 * env var name where the code spells it, else the provider or the bootstrap function's name.
 * Nested functions are not entered (their errors do not reach this catch), except functions of
 * this file that the block calls.
 */
function secretFetchIn(root: ts.Node, flow: SecretFlow, depth: number): string | undefined {
  let found: string | undefined;
  const visit = (n: ts.Node): boolean | void => {
    if (found) return false;
    if (n !== root && isFunctionLike(n)) return false;
    if (ts.isCallExpression(n)) {
      const sm = secretManagerCall(n, flow.engine);
      if (sm) { found = sm.secretName ?? `the ${sm.name} secret`; return; }
      const callee = unwrap(n.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      if (name && isBootstrapName(name)) { found = `secrets (${name}())`; return; }
      // One call deep: a function of this file that the block calls (its own callees are not followed).
      if (ts.isIdentifier(callee) && depth < 1) {
        const b = flow.bindingOf(callee);
        const fn = b?.fn ?? (b?.values.length === 1 ? unwrap(b.values[0].expr) : undefined);
        if (fn && isFunctionLike(fn) && fn.body) {
          const inner = secretFetchIn(fn.body, flow, depth + 1);
          if (inner) { found = inner; return; }
        }
      }
    }
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
      const src = /^process\.env\b/.test(n.getText()) ? flow.isSecret(n) : undefined;
      if (src?.kind === 'env') { found = src.secretName ?? src.name; return; }
    }
  };
  forEachDescendant(root, visit);
  return found;
}

const isBootstrapName = isSecretBootstrapName;

function throwText(what: string, errName: string, quote: '\'' | '"'): string {
  return `throw new Error(${quoted(failedToLoadText(what), quote)}, { cause: ${errName} });`;
}

/** A name for the caught error that the block does not already use. */
function freshName(block: ts.Node): string {
  const text = block.getText();
  return ['err', 'error', 'cause', 'loadError'].find((n) => !new RegExp(`\\b${n}\\b`).test(text)) ?? 'loadError';
}

/** Appends `stmt` as the block's last statement, in the block's layout. */
function appendToBlock(ctx: AnalysisContext, sf: ts.SourceFile, block: ts.Block, stmt: string): TextEdit {
  const close = block.getEnd() - 1;
  const lineStart = ctx.lines.lineStart(ctx.lines.positionAt(close).line);
  const closeOnOwnLine = /^[ \t]*$/.test(sf.text.slice(lineStart, close)) && ctx.lines.positionAt(block.getStart(sf)).line !== ctx.lines.positionAt(close).line;
  if (closeOnOwnLine) {
    const stmts = block.statements;
    const indent = stmts.length ? indentAt(ctx, stmts[stmts.length - 1].getStart(sf)) : indentAt(ctx, close) + indentUnit(sf.text);
    return ctx.edit(lineStart, lineStart, `${indent}${stmt}${ctx.lines.eol()}`);
  }
  const inner = sf.text.slice(block.getStart(sf) + 1, close);
  if (/^\s*$/.test(inner)) return ctx.edit(block.getStart(sf), block.getEnd(), `{ ${stmt} }`);
  const pad = /\s$/.test(inner) ? '' : ' ';
  return ctx.edit(close, close, `${pad}${stmt} `);
}

function fixTitle(what: string): string {
  return secretFetchSwallowedFixTitle(what);
}

function catchClauseFix(ctx: AnalysisContext, sf: ts.SourceFile, clause: ts.CatchClause, what: string, quote: '\'' | '"'): Fix[] {
  const vd = clause.variableDeclaration;
  if (vd && !ts.isIdentifier(vd.name)) return [];
  const edits: TextEdit[] = [];
  let errName: string;
  if (vd) errName = (vd.name as ts.Identifier).text;
  else {
    errName = freshName(clause.block);
    const at = clause.getStart(sf) + 'catch'.length;
    edits.push(ctx.edit(at, at, ` (${errName})`));
  }
  edits.push(appendToBlock(ctx, sf, clause.block, throwText(what, errName, quote)));
  return [{ title: fixTitle(what), applicability: 'unsafe', isPreferred: true, edits }];
}

function promiseCatchFix(ctx: AnalysisContext, sf: ts.SourceFile, handler: ts.Expression, what: string, quote: '\'' | '"'): Fix[] {
  if ((ts.isArrowFunction(handler) || ts.isFunctionExpression(handler)) && ts.isBlock(handler.body)
    && handler.parameters.length === 1 && ts.isIdentifier(handler.parameters[0].name)) {
    const edit = appendToBlock(ctx, sf, handler.body, throwText(what, handler.parameters[0].name.text, quote));
    return [{ title: fixTitle(what), applicability: 'unsafe', isPreferred: true, edits: [edit] }];
  }
  const errName = 'err';
  const edit = ctx.edit(handler.getStart(sf), handler.getEnd(), `(${errName}) => { ${throwText(what, errName, quote)} }`);
  return [{ title: fixTitle(what), applicability: 'unsafe', isPreferred: true, edits: [edit] }];
}
