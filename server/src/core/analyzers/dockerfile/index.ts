import type { AnalysisContext } from '../context.js';
import { checkArgs } from './arg.js';
import { checkCopies } from './copy.js';
import { checkEnvs } from './env.js';
import { checkLiterals } from './literals.js';
import { checkTlsDisabled } from './tls.js';
import { buildModel, type Pair } from './model.js';

/**
 * Dockerfiles: one parse with dockerfile-ast into instructions grouped by build stage, then the
 * Dockerfile rules (ENV, ARG, COPY/ADD), then the shared literal check on whatever they did not
 * report. ENV/ARG pairs a rule reported are "claimed" so a secret gets one diagnostic.
 */
export function analyzeDockerfile(ctx: AnalysisContext): void {
  const model = buildModel(ctx);
  const claimed = new Set<Pair>();
  checkTlsDisabled(ctx, model, claimed);
  checkEnvs(ctx, model, claimed);
  checkArgs(ctx, model, claimed);
  checkCopies(ctx, model);
  checkLiterals(ctx, model, claimed);
}
