import ts from 'typescript';
import type { AnalysisContext } from '../context.js';
import type { TextEdit } from '../../types.js';
import type { TsLiteral } from './literalSites.js';

function escapeForTemplate(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/**
 * Rewrites the part [valueStart, valueEnd) of a literal's value into `process.env.NAME`, keeping
 * the rest of the literal: the whole literal becomes `process.env.NAME`; a part of a plain string
 * becomes a template literal; a part of a template gets a `${…}` placeholder. Undefined when the
 * literal has escapes that make the offsets ambiguous.
 */
export function replaceWithEnv(ctx: AnalysisContext, lit: TsLiteral, valueStart: number, valueEnd: number, envName: string): TextEdit | undefined {
  const expr = `process.env.${envName}`;
  const inner = lit.rawText.slice(1, -1);
  const n = lit.node;
  const isTemplatePart = !ts.isStringLiteral(n);
  if (inner !== lit.value && !(valueStart === 0 && valueEnd === lit.value.length && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)))) return undefined;

  if (!isTemplatePart || ts.isNoSubstitutionTemplateLiteral(n)) {
    const whole = valueStart === 0 && valueEnd === lit.value.length;
    const start = n.getStart();
    const end = n.getEnd();
    if (whole) {
      const inJsx = ts.isJsxAttribute(n.parent);
      return ctx.edit(start, end, inJsx ? `{${expr}}` : expr);
    }
    if (ts.isNoSubstitutionTemplateLiteral(n)) {
      return ctx.edit(lit.rawStart + 1 + valueStart, lit.rawStart + 1 + valueEnd, `\${${expr}}`);
    }
    const before = escapeForTemplate(lit.value.slice(0, valueStart));
    const after = escapeForTemplate(lit.value.slice(valueEnd));
    const template = `\`${before}\${${expr}}${after}\``;
    return ctx.edit(start, end, ts.isJsxAttribute(n.parent) ? `{${template}}` : template);
  }
  return ctx.edit(lit.rawStart + 1 + valueStart, lit.rawStart + 1 + valueEnd, `\${${expr}}`);
}
