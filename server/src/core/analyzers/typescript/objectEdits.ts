import ts from 'typescript';
import type { AnalysisContext } from '../context.js';
import type { TextEdit } from '../../types.js';

/** Leading whitespace of the line that holds `offset`. */
export function indentAt(ctx: AnalysisContext, offset: number): string {
  return /^[ \t]*/.exec(ctx.lines.lineText(ctx.lines.positionAt(offset).line))![0];
}

/** The file's indentation step: the first indented line's leading whitespace, two spaces by default. */
export function indentUnit(text: string): string {
  const m = /\n([ \t]+)\S/.exec(text);
  if (!m) return '  ';
  return m[1].startsWith('\t') ? '\t' : m[1].length >= 4 && m[1].length % 4 === 0 ? '    ' : '  ';
}

function onSameLine(sf: ts.SourceFile, a: number, b: number): boolean {
  return sf.getLineAndCharacterOfPosition(a).line === sf.getLineAndCharacterOfPosition(b).line;
}

/**
 * Adds `propText` (`audience: "x"`) as the last property of an object literal, in its layout:
 * `{ a }` → `{ a, propText }`; one property per line stays one per line, trailing comma kept.
 */
export function insertProperty(ctx: AnalysisContext, sf: ts.SourceFile, obj: ts.ObjectLiteralExpression, propText: string): TextEdit {
  const props = obj.properties;
  if (props.length === 0) return ctx.edit(obj.getStart(sf), obj.getEnd(), `{ ${propText} }`);
  const last = props[props.length - 1];
  const comma = props.hasTrailingComma ? sf.text.indexOf(',', last.getEnd()) + 1 : -1;
  if (!onSameLine(sf, obj.getStart(sf), last.getStart(sf))) {
    const indent = indentAt(ctx, last.getStart(sf));
    const eol = ctx.lines.eol();
    return comma > 0
      ? ctx.edit(comma, comma, `${eol}${indent}${propText},`)
      : ctx.edit(last.getEnd(), last.getEnd(), `,${eol}${indent}${propText}`);
  }
  return comma > 0 ? ctx.edit(comma, comma, ` ${propText},`) : ctx.edit(last.getEnd(), last.getEnd(), `, ${propText}`);
}

/** Removes one property with its comma and the whitespace that separated it, keeping the layout. */
export function removeProperty(ctx: AnalysisContext, sf: ts.SourceFile, obj: ts.ObjectLiteralExpression, prop: ts.ObjectLiteralElementLike): TextEdit {
  const props = obj.properties;
  const i = props.indexOf(prop);
  if (props.length === 1) return ctx.edit(obj.getStart(sf), obj.getEnd(), '{}');
  if (i < props.length - 1) {
    // Up to whatever follows the comma (the next property or a comment about it), not into it.
    // Only a comma before the next property separates them: while typing, it may be missing.
    const limit = props[i + 1].getStart(sf);
    const comma = sf.text.indexOf(',', prop.getEnd());
    let end = comma >= 0 && comma < limit ? comma + 1 : limit;
    while (end < limit && /\s/.test(sf.text[end])) end++;
    return ctx.edit(prop.getStart(sf), end, '');
  }
  return ctx.edit(props[i - 1].getEnd(), prop.getEnd(), '');
}
