import type { AnalysisContext } from '../context.js';
import { familiesFor } from '../ruleFamily.js';
import { TYPESCRIPT_PARSER } from './parse.js';
import { TS_FAMILIES } from './rules/index.js';
import { runFamilies } from './statementReuse.js';

/** One parse per document, shared by every TypeScript/JavaScript check the text can trigger. */
export function analyzeTypeScript(ctx: AnalysisContext): void {
  if (ctx.kind.kind !== 'typescript') return;
  const families = familiesFor(ctx, TS_FAMILIES);
  if (!families.length) return; // nothing to find: not even a string literal
  const sourceFile = ctx.parseCache.tree(TYPESCRIPT_PARSER, ctx.path, ctx.text, ctx.kind.scriptKind);
  runFamilies(ctx, sourceFile, families);
}
