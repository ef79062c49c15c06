import ts from 'typescript';
import type { AnalysisContext } from '../../context.js';
import { symbolPathOf } from '../syntax.js';
import { type SecretFlow, type SecretSite, analyzeIncomingTokenFlow, analyzeSecretFlow, secretPhrase, unwrap } from '../dataflow/index.js';
import { isErrorConstruction, logSinkName, loggedArguments } from './lifecycle/loggers.js';
import { redactionEdit, replacingDropsEffects } from './lifecycle/redaction.js';
import { secretLoggedFixTitle, secretLoggedMessage } from '../../common/wording/secret-logged.js';

const RULE = 'secret-logged';

/**
 * secret-logged: a secret reaching a log call or an error message. A credential literal written
 * straight into the call is left to hardcoded-credential (one problem, one diagnostic at a range);
 * a literal that reaches the log through a binding is reported here at the log argument.
 */
export function checkSecretLogged(ctx: AnalysisContext, sf: ts.SourceFile): void {
  const flow = analyzeSecretFlow(sf);
  const idx = flow.index;
  const seen = new Set<ts.Node>();
  // The authorization the server received is a secret too: logging `req.headers` whole (or
  // `req.get('authorization')`) writes every caller's bearer token to the log.
  let incoming: SecretFlow | undefined;
  const sitesOf = (expr: ts.Expression): SecretSite[] => {
    const sites = flow.secretSites(expr);
    return sites.length ? sites : (incoming ??= analyzeIncomingTokenFlow(sf)).secretSites(expr);
  };

  const reportSites = (expr: ts.Expression, sink: string, projectLogger = false) => {
    for (const site of sitesOf(expr)) {
      // The incoming request's headers given to the project's own logger module: such loggers carry
      // their redaction paths (pino `redact`, a serializer) where this file cannot see them.
      if (projectLogger && site.source.kind.startsWith('incoming-')) continue;
      // A value is judged by where it comes from, never by a name alone: `persistSession`, a `token`
      // parameter, `getFullKey()` (a cache key) and `LogId.SessionStart` are logged all the time.
      if (seen.has(site.node) || isInlineLiteral(site) || site.source.kind === 'name') continue;
      seen.add(site.node);
      const edit = redactionEdit(ctx, sf, site, idx.quote);
      ctx.report({
        ruleId: RULE,
        start: site.node.getStart(sf),
        end: site.node.getEnd(),
        message: secretLoggedMessage(secretPhrase(site.source), sink),
        fingerprintSource: `${sink}:${site.expr.getText(sf)}`,
        symbolPath: symbolPathOf(site.node),
        // Safe: only the logged text changes, unless the replaced expression also did something (a call, an assignment).
        fixes: edit ? [{
          title: secretLoggedFixTitle(),
          applicability: replacingDropsEffects(site) ? 'unsafe' : 'safe',
          isPreferred: true,
          edits: [edit],
        }] : [],
      });
    }
  };

  for (const call of idx.calls) {
    const sink = logSinkName(call, flow);
    if (sink) for (const a of loggedArguments(call, sink)) reportSites(a, sink, isProjectLogger(call, idx.importedFrom));
    else if (isErrorConstruction(call)) for (const a of call.arguments) reportSites(a, 'an Error message');
  }
  for (const n of idx.news) if (isErrorConstruction(n)) for (const a of n.arguments ?? []) reportSites(a, 'an Error message');
  for (const t of idx.throws) {
    const e = t.expression && unwrap(t.expression);
    if (!e || ts.isNewExpression(e) || (ts.isCallExpression(e) && isErrorConstruction(e))) continue;
    reportSites(t.expression!, 'a thrown value');
  }
}

/** `logger.debug(…)` where `logger` is imported from a module of this project (`../utils/logger`). */
function isProjectLogger(call: ts.CallExpression, importedFrom: ReadonlyMap<string, string>): boolean {
  let recv: ts.Expression = unwrap(call.expression);
  while (ts.isPropertyAccessExpression(recv)) recv = unwrap(recv.expression);
  return ts.isIdentifier(recv) && /^\.\.?\//.test(importedFrom.get(recv.text) ?? '');
}

/** The logged value is itself a credential literal: hardcoded-credential already reports that range. */
function isInlineLiteral(site: SecretSite): boolean {
  if (site.source.kind !== 'literal') return false;
  const s = site.source.node;
  return s.pos >= site.node.pos && s.end <= site.node.end;
}
