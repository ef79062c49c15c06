import type { AnalysisContext } from '../context.js';
import { pyFileIndexOf } from './fileIndex.js';
import { PYTHON_PARSER } from './parse.js';
import { PY_RULES } from './rules/index.js';

/** One parse and one file index per document, shared by every Python rule. */
export function analyzePython(ctx: AnalysisContext): void {
  if (ctx.kind.kind !== 'python') return;
  const { tree } = ctx.parseCache.tree(PYTHON_PARSER, ctx.path, ctx.text, ctx.kind.flavor);
  const idx = pyFileIndexOf(tree, ctx.text);
  for (const rule of PY_RULES) rule(ctx, idx);
}
