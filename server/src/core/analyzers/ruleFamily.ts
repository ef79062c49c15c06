import type { RuleId } from '../rules/index.js';
import { hasDetectorHint } from '../secrets/detectors.js';
import type { AnalysisContext } from './context.js';
import { NeedleSightings } from './needleSightings.js';

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
  needles?: Needles;
  check: (ctx: AnalysisContext, tree: Tree) => void;
  /**
   * The check judges sites (calls, literals, `try`s…) from the index's lists, reads other
   * statements only through the module-level names a site mentions, reports each finding in its
   * site's top-level statement or names the site (`ctx.fromSite`) when it reports where it
   * followed a name to, and declares any search of the whole module. The language server then
   * judges again, per keystroke, only the statements an edit made stale (keptFindings.ts).
   */
  perStatement?: boolean;
  /**
   * The family can report a verified known provider format: the only finding a test or a fixture
   * keeps (AnalysisContext.report). There, the others never run, and this one only when the text
   * may hold a format (`mayHoldKnownFormat`).
   */
  knownFormats?: boolean;
}

/**
 * Words looked for with `includes` (a regex alternation over a multi-megabyte file cost seconds
 * over the dev corpus in a CPU profile), optionally ignoring case, and a regex for what words cannot say.
 */
export interface Needles {
  words?: readonly string[];
  /** Words matched in any case. */
  anyCase?: readonly string[];
  pattern?: RegExp;
}

const anyCaseRegexes = new WeakMap<Needles, RegExp>();

/**
 * `words` with `includes`; `anyCase` with one case-insensitive regex per family (lower-casing a
 * 10,000-line document cost more, 0.85 ms, than every needle of a family together).
 */
export function hasNeedles(text: string, n: Needles): boolean {
  if (n.words?.some((w) => text.includes(w))) return true;
  if (n.anyCase?.length && anyCaseRegexOf(n).test(text)) return true;
  return !!n.pattern && n.pattern.test(text);
}

/** The family's `anyCase` words as one case-insensitive regex (not global: it keeps no state). */
export function anyCaseRegexOf(n: Needles): RegExp {
  let re = anyCaseRegexes.get(n);
  if (!re) anyCaseRegexes.set(n, (re = new RegExp((n.anyCase ?? []).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i')));
  return re;
}

/**
 * Whether a literal of this text may decode to a known provider format. Every format's hint
 * (a keyword, or a shape implied by its pattern) that a literal's value holds is in the text too,
 * unless an escape the language decodes (`hiddenBy`: `\x41`, a line continuation…) spells part of it.
 */
export function mayHoldKnownFormat(text: string, hiddenBy: RegExp): boolean {
  return hasDetectorHint(text) || hiddenBy.test(text);
}

/**
 * The families a document can trigger (all of them when the prefilter is off). `hiddenBy` is the
 * language's escapes that can spell a letter or digit inside a string (`mayHoldKnownFormat`).
 */
export function familiesFor<Tree>(ctx: AnalysisContext, families: readonly RuleFamily<Tree>[], hiddenBy: RegExp): RuleFamily<Tree>[] {
  if (!ctx.prefilter) return [...families];
  if (ctx.keepsOnlyKnownFormats) {
    return mayHoldKnownFormat(ctx.text, hiddenBy) ? families.filter((f) => f.knownFormats) : [];
  }
  // The language server keeps where each family's words were seen, and looks again only at what changed.
  const memo = ctx.parseCache.documentMemo?.(ctx.path);
  if (memo) {
    const seen = new NeedleSightings(ctx.text, memo);
    return families.filter((f) => !f.needles || seen.has(f.needles));
  }
  return families.filter((f) => !f.needles || hasNeedles(ctx.text, f.needles));
}

/**
 * Where a secret a flow rule follows can come from, in any language: a literal (a quote), the
 * environment, a secrets manager, a request's headers.
 */
export const SECRET_SOURCES: Needles = { words: ['"', "'", '`'], anyCase: ['env', 'secret', 'token', 'passw', 'auth', 'header', 'credential', 'vault', 'key'] };
