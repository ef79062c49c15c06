import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { AnalysisContext } from '../context.js';
import { checkLiteral } from '../common/literals.js';
import type { YDoc } from './nodes.js';

const ENTRY = /^(\s*(?:-\s+)?)(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\2\s*[:=]\s*(.*?)\s*$/;

/**
 * Lines a broken stream lost: the parser reports them as errors and builds no node for them.
 * They get the generic line check (known formats, connection-string passwords, `key: value`
 * judged with its key), so a syntax error elsewhere never hides a credential.
 */
export function scanLostLines(ctx: AnalysisContext, docs: YDoc[]): void {
  if (!docs.some((d) => d.errors.length > 0)) return;
  const covered = new Uint8Array(ctx.lines.lineCount);
  const mark = (range: [number, number, number] | null | undefined) => {
    if (!range) return;
    const a = ctx.lines.positionAt(range[0]).line;
    const b = ctx.lines.positionAt(Math.max(range[0], range[1] - 1)).line;
    for (let l = a; l <= b; l++) covered[l] = 1;
  };
  for (const doc of docs) {
    const stack: unknown[] = [doc.contents];
    while (stack.length) {
      const n = stack.pop();
      if (isScalar(n) || isAlias(n)) mark(n.range);
      else if (isMap(n) || isSeq(n)) {
        for (const item of n.items as unknown[]) {
          if (isPair(item)) stack.push(item.key, item.value);
          else stack.push(item);
        }
      }
    }
  }
  for (let line = 0; line < ctx.lines.lineCount; line++) {
    if (covered[line]) continue;
    const raw = ctx.lines.lineText(line);
    const content = raw.replace(/\s+#.*$/, '');
    if (!content.trim() || content.trimStart().startsWith('#') || content.length > 20_000) continue;
    const start = ctx.lines.lineStart(line);
    const m = ENTRY.exec(content);
    if (m && m[4]) {
      const quoted = /^(["']).*\1$/.test(m[4]);
      const value = quoted ? m[4].slice(1, -1) : m[4];
      const at = start + m[1].length + m[2].length * 2 + m[3].length + content.slice(m[1].length + m[2].length * 2 + m[3].length).indexOf(m[4]);
      if (checkLiteral(ctx, { value, rawStart: at, rawText: m[4], quoted, holder: m[3] })) continue;
    }
    checkLiteral(ctx, { value: content, rawStart: start, rawText: content, quoted: false });
  }
}
