import type { AnalysisContext } from '../context.js';
import { analyzeCompose } from './compose.js';
import { scanScalars } from './genericScan.js';
import { analyzeKubernetes } from './kubernetes.js';
import { parseYaml } from './parse.js';
import { scanLostLines } from './recovery.js';
import { checkTls } from './tls.js';
import { analyzeWorkflow } from './workflow.js';
import type { YDoc } from './nodes.js';

type Check = (ctx: AnalysisContext, doc: YDoc) => void;

const FLAVOR_CHECKS: Record<string, Check | undefined> = {
  compose: analyzeCompose,
  kubernetes: analyzeKubernetes,
  workflow: analyzeWorkflow,
};

/**
 * YAML: one parse of the stream; each flavour's rules (compose, Kubernetes, workflows) run on
 * the parsed documents, then the TLS settings and the shared literal check on every scalar.
 * Each check runs on each document on its own, so a document (or a check) that trips over a
 * malformed tree costs only its own findings, never those of the rest of the file.
 */
export function analyzeYaml(ctx: AnalysisContext): void {
  const flavor = ctx.kind.kind === 'yaml' ? ctx.kind.flavor : 'other';
  // `${{ }}` is workflow syntax, not a template: only other flavours get Helm-style recovery.
  const parsed = parseYaml(ctx.text, { templates: flavor !== 'workflow' });
  const checks = [FLAVOR_CHECKS[flavor], checkTls, scanScalars].filter((c): c is Check => !!c);
  for (const doc of parsed.docs) {
    for (const check of checks) {
      try {
        check(ctx, doc);
      } catch {
        // Partial trees from broken YAML can break a walker's assumptions; the other checks go on.
      }
    }
  }
  try {
    scanLostLines(ctx, parsed.docs);
  } catch {
    // Best effort only: the documents above were analysed already.
  }
}
