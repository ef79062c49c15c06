import type { AnalysisContext } from '../context.js';
import { checkLiteral } from '../common/literals.js';
import { isPublicKeyFingerprint } from './judge.js';
import { symbolPathFor, type DockerModel, type Pair } from './model.js';

/**
 * The shared hardcoded-credential / connection-string-password check on what the Dockerfile
 * rules did not already report: ENV/ARG/LABEL values with their name as the holder (GPG key
 * fingerprints, public by design, excepted), every other instruction's arguments (RUN lines and
 * heredoc bodies included) and comments as free text.
 */
export function checkLiterals(ctx: AnalysisContext, model: DockerModel, claimed: ReadonlySet<Pair>): void {
  for (const instr of model.instrs) {
    if (instr.keyword === 'ENV' || instr.keyword === 'ARG' || instr.keyword === 'LABEL') {
      for (const pair of instr.pairs) {
        if (claimed.has(pair) || !pair.value || isPublicKeyFingerprint(pair.name, pair.value)) continue;
        const quoted = /^(["']).*\1$/s.test(pair.rawValue);
        checkLiteral(ctx, {
          value: pair.value,
          rawStart: pair.valueStart,
          rawText: pair.rawValue,
          quoted,
          holder: pair.name,
          symbolPath: symbolPathFor(instr, pair.name),
        });
      }
      continue;
    }
    if (instr.argsStart === undefined || instr.argsEnd === undefined) continue;
    const raw = ctx.text.slice(instr.argsStart, instr.argsEnd);
    checkLiteral(ctx, { value: raw, rawStart: instr.argsStart, rawText: raw, quoted: false, symbolPath: symbolPathFor(instr) });
  }
  for (const comment of model.dockerfile.getComments()) {
    const range = comment.getContentRange();
    if (!range) continue;
    const start = ctx.lines.offsetAt(range.start);
    const raw = ctx.text.slice(start, ctx.lines.offsetAt(range.end));
    checkLiteral(ctx, { value: raw, rawStart: start, rawText: raw, quoted: false });
  }
}
