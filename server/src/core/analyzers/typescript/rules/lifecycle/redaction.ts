import ts from 'typescript';
import type { AnalysisContext } from '../../../context.js';
import type { TextEdit } from '../../../../types.js';
import { type SecretSite, forEachDescendant, isFunctionLike } from '../../dataflow/index.js';

export const REDACTED = '[REDACTED]';

export function quoted(text: string, quote: '\'' | '"'): string {
  return quote + text.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`).replace(/\n/g, '\\n') + quote;
}

/**
 * The edit that puts a redaction where a secret site is: the expression becomes `'[REDACTED]'`,
 * a `${secret}` span becomes the text `[REDACTED]`, `{ apiKey }` becomes `{ apiKey: '[REDACTED]' }`.
 * Undefined for a spread (`{ ...process.env }`), which has no one-token replacement.
 */
export function redactionEdit(ctx: AnalysisContext, sf: ts.SourceFile, site: SecretSite, quote: '\'' | '"'): TextEdit | undefined {
  const lit = quoted(REDACTED, quote);
  switch (site.shape) {
    case 'expression': {
      const n = site.node;
      // `{ key: await getKey() }` keeps its shape; a bare identifier statement would not parse differently.
      return ctx.edit(n.getStart(sf), n.getEnd(), lit);
    }
    case 'template-span': {
      const span = site.node as ts.TemplateSpan;
      const tpl = span.parent;
      const i = tpl.templateSpans.indexOf(span);
      const before = i === 0 ? tpl.head : tpl.templateSpans[i - 1].literal;
      // From the `${` that ends the previous literal to the `}` that starts this span's literal.
      return ctx.edit(before.getEnd() - 2, span.literal.getStart(sf) + 1, REDACTED);
    }
    case 'shorthand': {
      const p = site.node as ts.ShorthandPropertyAssignment;
      return ctx.edit(p.getStart(sf), p.getEnd(), `${p.name.text}: ${lit}`);
    }
    case 'spread':
      return undefined;
  }
}

/**
 * Whether replacing the site would drop something the program does besides producing the value:
 * a call (`await vault.read(…)`, `getKey()`), an assignment, `++`/`--`, `new`, `delete`, `yield`.
 * Plain reads (`apiKey`, `cfg.apiKey`, `key.slice(0, 8)` excepted as a known string method) do not.
 */
export function replacingDropsEffects(site: SecretSite): boolean {
  if (site.shape === 'shorthand') return false;
  let effect = false;
  forEachDescendant(site.expr, (n) => {
    if (effect || isFunctionLike(n)) return false;
    if (ts.isCallExpression(n)) {
      const c = n.expression;
      if (!(ts.isPropertyAccessExpression(c) && PURE_METHODS.has(c.name.text))) effect = true;
    } else if (ts.isAwaitExpression(n) || ts.isNewExpression(n) || ts.isDeleteExpression(n) || ts.isYieldExpression(n)
      || (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment)
      || ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken))) {
      effect = true;
    }
    return undefined;
  });
  return effect;
}

/** String methods with no side effects: dropping them with the value changes nothing else. */
const PURE_METHODS = new Set(['slice', 'substring', 'substr', 'at', 'charAt', 'split', 'trim', 'trimStart', 'trimEnd', 'toString',
  'toUpperCase', 'toLowerCase', 'padStart', 'padEnd', 'normalize', 'concat', 'replace', 'replaceAll', 'stringify']);
