import type { RuleId } from '../rules/index.js';
import type { AnalysisContext } from './context.js';

/**
 * One check of a code analyzer, as data: the rules it reports and its needles, the text a document
 * must contain for the check to find anything. A document without a check's needles skips the
 * check; one without any check's needles skips the parse too. Tests hold the needles to that
 * promise: every positive fixture contains its rule's needles, and findings are the same with the
 * prefilter off (test/unit/core/prefilter.test.ts).
 */
export interface RuleFamily<Tree> {
  rules: readonly RuleId[];
  /** Undefined: the check always runs. */
  needles?: RegExp;
  check: (ctx: AnalysisContext, tree: Tree) => void;
}

/** The families a document can trigger (all of them when the prefilter is off). */
export function familiesFor<Tree>(ctx: AnalysisContext, families: readonly RuleFamily<Tree>[]): RuleFamily<Tree>[] {
  return ctx.prefilter ? families.filter((f) => !f.needles || f.needles.test(ctx.text)) : [...families];
}

/** Escapes literal text for a needle regex. */
export function literalNeedle(words: readonly string[], flags = ''): RegExp {
  return new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), flags);
}

/** Where a secret a flow rule follows can come from, in any language: a literal (a quote), the environment, a secrets manager, a request's headers. */
export const SECRET_SOURCES = /["'`]|env|secret|token|passw|auth|header|credential|vault|key/i;
