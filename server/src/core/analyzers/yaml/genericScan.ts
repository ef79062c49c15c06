import type { AnalysisContext, FindingDraft } from '../context.js';
import { checkLiteral } from '../common/literals.js';
import { isQuoted, scalarSource, visitScalars, yamlPathText } from './parse.js';
import { scalarText } from './scalarMap.js';
import type { YDoc } from './nodes.js';

/**
 * The shared literal check on every scalar value (hard-coded credentials, connection-string
 * passwords), whatever the flavour. Multi-line scalars (`run: |` scripts, embedded config files)
 * are checked on their decoded text and the ranges mapped back line by line, so a token on line
 * 12 of a script is underlined there rather than across the whole block.
 */
export function scanScalars(ctx: AnalysisContext, doc: YDoc): void {
  visitScalars(doc.contents, ({ node, holder, path }) => {
    if (typeof node.value !== 'string' || node.value.length < 8) return;
    // A tagged scalar is not a literal: CloudFormation's `!Ref OAuthClientSecret`, `!Sub`, `!GetAtt`
    // and custom tags name or compute a value somewhere else.
    if (node.tag && node.tag.startsWith('!') && !node.tag.startsWith('tag:yaml.org,2002:')) return;
    const src = scalarSource(ctx.text, node);
    if (!src) return;
    const symbolPath = yamlPathText(path);
    const multiline = src.raw.includes('\n');
    const st = multiline ? scalarText(ctx.text, node) : undefined;
    if (st?.exact) {
      checkLiteral(remapped(ctx, st.toDoc), { value: st.value, rawStart: 0, rawText: st.value, quoted: false, holder, symbolPath });
      return;
    }
    checkLiteral(ctx, { value: node.value, rawStart: src.start, rawText: src.raw, quoted: isQuoted(node), holder, symbolPath });
  });
}

/** A view of the context whose reports are in value offsets, translated to document offsets. */
function remapped(ctx: AnalysisContext, toDoc: (s: number, e: number) => [number, number]): AnalysisContext {
  const view = Object.create(ctx) as AnalysisContext;
  view.report = (d: FindingDraft) => {
    const [start, end] = toDoc(d.start, d.end);
    ctx.report({ ...d, start, end });
  };
  return view;
}
