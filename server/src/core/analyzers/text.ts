import type { AnalysisContext } from './context.js';
import { reportCredential } from './common/literals.js';
import { scanKnownFormats } from '../secrets/index.js';

/**
 * The scan for files no parser understands (Python until it has an analyzer, Go, Ruby, shell,
 * Markdown…) and the fallback when a parser throws: tier 1 only, the known provider formats and
 * PEM private keys. `name = value` lines are never judged here: without a parser the right-hand side
 * may be a call, a type, a mock or a lookup, and the name alone proves nothing.
 */
export function analyzeText(ctx: AnalysisContext): void {
  const { lines } = ctx;
  for (let line = 0; line < lines.lineCount; line++) {
    const raw = lines.lineText(line);
    if (raw.length === 0 || raw.length > 20_000) continue;
    const start = lines.lineStart(line);
    const holder = assignedName(raw);
    for (const d of scanKnownFormats(raw, holder)) {
      // A PEM block spans lines: reportMultilineKeys reports it whole.
      if (d.detector === 'private-key' && ctx.text.includes('PRIVATE KEY-----', start + raw.length)) continue;
      reportCredential(ctx, { value: raw, rawStart: start, rawText: raw, quoted: false, holder }, d);
    }
  }
  reportMultilineKeys(ctx);
}

/** The name a line assigns to (`NAME = …`, `name: …`), only to gate name-dependent formats (JWTs). */
function assignedName(line: string): string | undefined {
  return /^\s*(?:export\s+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[:=]/.exec(line)?.[1];
}

function reportMultilineKeys(ctx: AnalysisContext): void {
  if (!ctx.text.includes('PRIVATE KEY-----')) return;
  for (const m of ctx.text.matchAll(/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----/g)) {
    for (const d of scanKnownFormats(m[0])) reportCredential(ctx, { value: m[0], rawStart: m.index!, rawText: m[0], quoted: false }, d);
  }
}
