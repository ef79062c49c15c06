import type { AnalysisContext } from './context.js';
import { reportCredential } from './common/literals.js';
import { scanKnownFormats, scanNameGatedFormats } from '../secrets/index.js';

/**
 * The scan for files no parser understands (Python until it has an analyzer, Go, Ruby, shell,
 * Markdown…) and the fallback when a parser throws: tier 1 only, the known provider formats and
 * PEM private keys. `name = value` lines are never judged here: without a parser the right-hand side
 * may be a call, a type, a mock or a lookup, and the name alone proves nothing.
 */
export function analyzeText(ctx: AnalysisContext): void {
  const whole = { value: ctx.text, rawStart: 0, rawText: ctx.text, quoted: false };
  // Formats that stand on their own: one pass of each (keyword-gated) regex over the whole file,
  // which also finds a PEM block across its lines. The holder only names the finding.
  for (const d of scanKnownFormats(ctx.text, undefined, (x) => !x.requiresName)) {
    reportCredential(ctx, { ...whole, holder: assignedName(ctx.lines.lineText(ctx.lines.positionAt(d.start).line)) }, d);
  }
  // Formats that need their holder's name (JWTs, legacy Vault tokens…): per line that assigns one.
  for (let line = 0; line < ctx.lines.lineCount; line++) {
    const raw = ctx.lines.lineText(line);
    if (raw.length < 20 || raw.length > 20_000) continue;
    const holder = assignedName(raw);
    if (!holder) continue;
    for (const d of scanNameGatedFormats(raw, holder)) {
      reportCredential(ctx, { value: raw, rawStart: ctx.lines.lineStart(line), rawText: raw, quoted: false, holder }, d);
    }
  }
}

/** The name a line assigns to (`NAME = …`, `name: …`), to gate name-dependent formats and name findings. */
function assignedName(line: string): string | undefined {
  return /^\s*(?:export\s+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*[:=]/.exec(line)?.[1];
}
