import { DockerfileParser } from 'dockerfile-ast';
import type { AnalysisContext } from '../context.js';
import { checkLiteral } from '../common/literals.js';

/**
 * Dockerfiles: one parse with dockerfile-ast. `ENV`/`ARG`/`LABEL` pairs are judged with their
 * name as the holder; every other instruction's arguments get the free-text scan.
 */
export function analyzeDockerfile(ctx: AnalysisContext): void {
  const dockerfile = DockerfileParser.parse(ctx.text);
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    const props = 'getProperties' in instruction && typeof (instruction as any).getProperties === 'function'
      ? ((instruction as any).getProperties() as any[]) : undefined;
    if (props && (keyword === 'ENV' || keyword === 'ARG' || keyword === 'LABEL')) {
      for (const prop of props) {
        const valueRange = prop.getValueRange();
        const value: string | null = prop.getValue();
        if (!valueRange || value === null) continue;
        const start = ctx.lines.offsetAt(valueRange.start);
        const end = ctx.lines.offsetAt(valueRange.end);
        const raw = ctx.text.slice(start, end);
        checkLiteral(ctx, { value, rawStart: start, rawText: raw, quoted: /^(["']).*\1$/s.test(raw), holder: prop.getName() });
      }
      continue;
    }
    const range = instruction.getArgumentsRange();
    if (!range) continue;
    const start = ctx.lines.offsetAt(range.start);
    const end = ctx.lines.offsetAt(range.end);
    checkLiteral(ctx, { value: ctx.text.slice(start, end), rawStart: start, rawText: ctx.text.slice(start, end), quoted: false });
  }
}
