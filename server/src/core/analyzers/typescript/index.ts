import type { AnalysisContext } from '../context.js';
import { TYPESCRIPT_PARSER } from './parse.js';
import { TS_RULES } from './rules/index.js';

/** One parse per document, shared by every TypeScript/JavaScript rule. */
export function analyzeTypeScript(ctx: AnalysisContext): void {
  if (ctx.kind.kind !== 'typescript') return;
  const sourceFile = ctx.parseCache.tree(TYPESCRIPT_PARSER, ctx.path, ctx.text, ctx.kind.scriptKind);
  for (const rule of TS_RULES) rule(ctx, sourceFile);
}
