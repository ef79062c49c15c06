import type { AnalysisContext } from '../context.js';
import { familiesFor } from '../ruleFamily.js';
import { TYPESCRIPT_PARSER } from './parse.js';
import { TS_FAMILIES } from './rules/index.js';
import { runFamilies } from './statementReuse.js';

/** Escapes a JS string decodes to a letter or digit: `\x41`, `\u{41}`, octal, `\a` (any escape of a non-special character), a line continuation. */
const SPELLING_ESCAPES = /\\[^nrtbfv'"`\\]/;

/** One parse per document, shared by every TypeScript/JavaScript check the text can trigger. */
export function analyzeTypeScript(ctx: AnalysisContext): void {
  if (ctx.kind.kind !== 'typescript') return;
  const families = familiesFor(ctx, TS_FAMILIES, SPELLING_ESCAPES);
  if (!families.length) return; // nothing this text can trigger (ruleFamily.ts)
  const sourceFile = ctx.parseCache.tree(TYPESCRIPT_PARSER, ctx.path, ctx.text, ctx.kind.scriptKind);
  runFamilies(ctx, sourceFile, families);
}
