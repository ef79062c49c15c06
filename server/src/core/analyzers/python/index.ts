import type { AnalysisContext } from '../context.js';
import { familiesFor } from '../ruleFamily.js';
import { pyFileIndexOf } from './fileIndex.js';
import { PYTHON_PARSER } from './parse.js';
import { forgetPyMemos } from './syntax.js';
import { PY_FAMILIES } from './rules/index.js';
import { runPyFamilies } from './statementReuse.js';

/** Escapes a Python string decodes to a letter or digit: `\x41`, `\u0041`, `\N{…}`, octal, a line continuation. */
const SPELLING_ESCAPES = /\\[xuUN0-7\r\n]/;

/** One parse and one file index per document, shared by every Python check the text can trigger. */
export function analyzePython(ctx: AnalysisContext): void {
  if (ctx.kind.kind !== 'python') return;
  const families = familiesFor(ctx, PY_FAMILIES, SPELLING_ESCAPES);
  if (!families.length) return; // nothing this text can trigger (ruleFamily.ts)
  const { tree } = ctx.parseCache.tree(PYTHON_PARSER, ctx.path, ctx.text, ctx.kind.flavor);
  try {
    runPyFamilies(ctx, pyFileIndexOf(tree, ctx.text), families);
  } finally {
    forgetPyMemos();
  }
}
