import type { AnalysisContext } from '../context.js';
import { familiesFor } from '../ruleFamily.js';
import { pyFileIndexOf } from './fileIndex.js';
import { PYTHON_PARSER } from './parse.js';
import { PY_FAMILIES } from './rules/index.js';
import { runPyFamilies } from './statementReuse.js';

/** One parse and one file index per document, shared by every Python check the text can trigger. */
export function analyzePython(ctx: AnalysisContext): void {
  if (ctx.kind.kind !== 'python') return;
  const families = familiesFor(ctx, PY_FAMILIES);
  if (!families.length) return; // nothing to find: not even a string literal
  const { tree } = ctx.parseCache.tree(PYTHON_PARSER, ctx.path, ctx.text, ctx.kind.flavor);
  const idx = pyFileIndexOf(tree, ctx.text);
  runPyFamilies(ctx, idx, families);
}
