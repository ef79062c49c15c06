import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { Finding } from '../core/types.js';
import { ruleMeta } from '../core/rules/index.js';
import { ruleDocUri } from './ruleDocs.js';

function contains(f: Finding, p: Position): boolean {
  const { start, end } = f.range;
  const afterStart = p.line > start.line || (p.line === start.line && p.character >= start.character);
  const beforeEnd = p.line < end.line || (p.line === end.line && p.character <= end.character);
  return afterStart && beforeEnd;
}

/** The rule's short explanation and the fix options for every finding under the cursor. */
export function hoverAt(findings: readonly Finding[], position: Position): Hover | null {
  const here = findings.filter((f) => contains(f, position));
  if (!here.length) return null;
  const sections = here.map((f) => {
    const meta = ruleMeta(f.ruleId);
    const fixes = f.fixes.length
      ? f.fixes.map((x) => `- ${x.title.replace(/^secretzero \([^)]*\): /, '')} _(${x.applicability})_`).join('\n')
      : '- No automatic fix: see the rule documentation.';
    return `**secretzero · ${meta.title}** (\`${f.ruleId}\`, ${f.severity}, ${f.confidence} confidence)\n\n${meta.summary}\n\nFixes:\n${fixes}\n\n[Rule documentation](${ruleDocUri(f.ruleId)})`;
  });
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range: here[0].range };
}
