import type { AnalysisContext } from '../context.js';
import { checkLiteral } from '../common/literals.js';
import { isQuoted, parseYaml, scalarSource, visitScalars, yamlPathText } from './parse.js';

/**
 * YAML: one parse of the stream; each flavour's rules (compose, Kubernetes, workflows) run on
 * the parsed documents, then every scalar goes through the shared literal check.
 */
export function analyzeYaml(ctx: AnalysisContext): void {
  const parsed = parseYaml(ctx.text);
  for (const doc of parsed.docs) {
    visitScalars(doc.contents, ({ node, holder, path }) => {
      if (typeof node.value !== 'string' || node.value.length < 8) return;
      const src = scalarSource(ctx.text, node);
      if (!src) return;
      checkLiteral(ctx, { value: node.value, rawStart: src.start, rawText: src.raw, quoted: isQuoted(node), holder, symbolPath: yamlPathText(path) });
    });
  }
}
