import type { AnalysisContext } from './context.js';
import { checkLiteral } from './common/literals.js';

const ASSIGNMENT = /^\s*(?:export\s+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[:=]\s*(.*?)\s*$/;

/**
 * The generic scan for files no parser understands (and the fallback when a parser throws):
 * known credential formats and inline connection-string passwords anywhere, and `name = value` /
 * `name: value` lines judged with their name as the holder.
 */
export function analyzeText(ctx: AnalysisContext): void {
  const { lines } = ctx;
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStart(line);
    const raw = lines.lineText(line);
    if (raw.length === 0 || raw.length > 20_000) continue;
    const m = ASSIGNMENT.exec(raw);
    if (m && m[2]) {
      const valueRaw = m[2].replace(/[;,]$/, '');
      const quoted = /^(["'`]).*\1$/.test(valueRaw);
      const value = quoted ? valueRaw.slice(1, -1) : valueRaw;
      const rawStart = start + raw.indexOf(m[2]);
      if (checkLiteral(ctx, { value, rawStart, rawText: valueRaw, quoted, holder: m[1] })) continue;
    }
    checkLiteral(ctx, { value: raw, rawStart: start, rawText: raw, quoted: false });
  }
  // Private key blocks span lines: the per-line scan sees only the header.
  reportMultilineKeys(ctx);
}

function reportMultilineKeys(ctx: AnalysisContext): void {
  if (!ctx.text.includes('PRIVATE KEY-----')) return;
  for (const m of ctx.text.matchAll(/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----/g)) {
    checkLiteral(ctx, { value: m[0], rawStart: m.index!, rawText: m[0], quoted: false });
  }
}
