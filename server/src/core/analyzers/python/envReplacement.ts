import type { AnalysisContext } from '../context.js';
import type { TextEdit } from '../../types.js';
import type { PyFileIndex } from './fileIndex.js';
import type { PyLiteral } from './literalSites.js';
import { importModulesEdit } from './pyEdits.js';

/**
 * The edits that read a literal's secret from `os.environ["NAME"]` instead: the whole literal
 * when the secret is all of it, else the literal becomes an f-string around the read (an f-string
 * piece gains a replacement). Adds `import os` when the module lacks it. Undefined where the
 * rewrite could change the program's meaning (bytes, escapes inside the secret's surroundings,
 * implicit concatenation).
 */
export function pyEnvEdits(ctx: AnalysisContext, idx: PyFileIndex, lit: PyLiteral, start: number, end: number, name: string): TextEdit[] | undefined {
  const { parts, node } = lit;
  if (parts.bytes || !parts.closed || node.parent?.name === 'ContinuedString') return undefined;
  const bodyStart = parts.bodyStart;
  const bodyEnd = bodyStart + parts.body.length;
  const inner = (q: string) => `os.environ[${q}${name}${q}]`;
  const other = parts.quote.startsWith('"') ? "'" : '"';
  let edit: TextEdit;
  if (lit.piece) {
    edit = ctx.edit(start, end, `{${inner(other)}}`);
  } else if (start === bodyStart && end === bodyEnd && !parts.format) {
    edit = ctx.edit(node.from, node.to, inner('"'));
  } else {
    // The secret is part of the text: an f-string keeps the rest. Needs the body written as its value.
    if (parts.body !== parts.value && !parts.raw) return undefined;
    const esc = (s: string) => s.replace(/\{/g, '{{').replace(/\}/g, '}}');
    const src = ctx.text;
    const before = esc(src.slice(bodyStart, start));
    const after = esc(src.slice(end, bodyEnd));
    const prefix = parts.prefix.replace(/[uU]/, '') + 'f';
    edit = ctx.edit(node.from, node.to, `${prefix}${parts.quote}${before}{${inner(other)}}${after}${parts.quote}`);
  }
  const imp = importOsEdit(ctx, idx);
  return imp ? [imp, edit] : [edit];
}

/** `import os` where the module's imports are (after a docstring, shebang and `__future__`), unless `os` is already imported. */
export function importOsEdit(ctx: AnalysisContext, idx: PyFileIndex): TextEdit | undefined {
  return importModulesEdit(ctx, idx, ['os']);
}
