import type { AnalysisContext } from '../../context.js';
import { secretPhrase } from '../../common/secretSource.js';
import { SECRET_LOGGED, secretLoggedFixTitle, secretLoggedMessage } from '../../common/wording/secret-logged.js';
import { sitesOf, type PyFileIndex } from '../fileIndex.js';
import { pySecretFlowOf } from '../flow.js';
import { pyIncomingTokenFlowOf } from '../incoming.js';
import { callOf, textOf, type PyNode } from '../syntax.js';
import { isExceptionConstruction, pyLogSink } from './loggers.js';
import { reportRedactableSite, replacingDropsEffects, secretSitesIn, type PySecretSite } from './redaction.js';

/**
 * secret-logged for Python: a secret reaching `print`, `logging`, a logger (stdlib, structlog,
 * loguru), `sys.stderr.write`, a FastMCP `Context` log method, or an exception's message
 * (`raise ValueError(f"bad key {api_key}")`). Secrets are what the flow proves (environment,
 * secrets manager, token response, known-format literal), never a name alone; the authorization the
 * server received counts too. A credential literal written straight into the call is left to
 * hardcoded-credential. The fix puts `"[REDACTED]"` where the secret was.
 */
export function checkPySecretLogged(ctx: AnalysisContext, idx: PyFileIndex): void {
  const flow = pySecretFlowOf(idx);
  const incoming = pyIncomingTokenFlowOf(idx);
  const seen = new Set<number>();

  const report = (arg: PyNode, sink: string, projectLogger: boolean) => {
    let sites = secretSitesIn(idx, arg, (n) => flow.secretOf(n));
    // The request's own headers given to the project's logger module: it may carry the redaction.
    if (!sites.length && !projectLogger) sites = secretSitesIn(idx, arg, (n) => incoming.secretOf(n));
    for (const site of sites) {
      if (seen.has(site.node.from) || isInlineLiteral(site) || isErrorResponseBranch(idx, arg, site)) continue;
      seen.add(site.node.from);
      reportRedactableSite(ctx, idx, site, {
        ruleId: SECRET_LOGGED,
        message: secretLoggedMessage(secretPhrase(site.source), sink),
        fingerprintSource: `${sink}:${textOf(idx.src, site.expr)}`,
        fixTitle: secretLoggedFixTitle(),
        // Safe: only the logged text changes, unless the replaced expression also did something (a call, an await).
        applicability: replacingDropsEffects(idx, site) ? 'unsafe' : 'safe',
      });
    }
  };

  for (const n of sitesOf(idx, idx.calls)) {
    const call = callOf(idx.src, n);
    if (!call) continue;
    const sink = pyLogSink(idx, call);
    if (sink) for (const a of sink.args) report(a, sink.sink, sink.projectLogger);
    else if (isExceptionConstruction(idx, call)) for (const a of call.args) if (!a.star) report(a.value, 'an exception message', false);
  }
}

/** The logged value is itself a credential literal: hardcoded-credential already reports that range. */
function isInlineLiteral(site: PySecretSite): boolean {
  if (site.source.kind !== 'literal') return false;
  const s = site.source.node;
  return s.from >= site.node.from && s.to <= site.node.to;
}

/**
 * A token endpoint's response logged inside `if "error" in data:`: that branch runs only for an
 * OAuth error payload (`error`, `error_description`), which carries no token.
 */
function isErrorResponseBranch(idx: PyFileIndex, at: PyNode, site: PySecretSite): boolean {
  if (site.source.kind !== 'secret-manager' || !/token endpoint/.test(site.source.name)) return false;
  for (let p = at.parent; p && p.name !== 'FunctionDefinition'; p = p.parent) {
    if (p.name !== 'IfStatement') continue;
    const test = p.firstChild?.nextSibling;
    if (test && /["']error["']\s+in\b|\.get\(\s*["']error["']\s*\)|\[\s*["']error["']\s*\]/.test(textOf(idx.src, test))) return true;
  }
  return false;
}
