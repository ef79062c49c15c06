import { isMap, type Scalar } from 'yaml';
import type { TextEdit } from '../../types.js';
import type { AnalysisContext } from '../context.js';
import { columnOf, valueEnd } from './nodes.js';
import type { StepInfo } from './workflow.js';

/** A YAML value as written after `KEY: `: plain when that reads back the same, else double-quoted. */
export function yamlValue(value: string, flow: boolean): string {
  const plainSafe = value !== '' && !/^[-?:,[\]{}#&*!|>'"%@`\s]/.test(value) && !/:\s|\s#|[\r\n]|\s$/.test(value)
    && !(flow && /[,[\]{}]/.test(value));
  return plainSafe ? value : JSON.stringify(value);
}

/** End of the line that holds `offset` (before its line break). */
function lineEndAt(ctx: AnalysisContext, offset: number): number {
  return ctx.lines.lineEnd(ctx.lines.positionAt(offset).line);
}

/**
 * The edit that binds `name: value` in a step's own `env:` (adding the mapping before `run:` when
 * the step has none). Undefined when the step is written in a way that cannot be extended safely
 * (flow-style step, `env:` from an alias or an expression).
 */
export function addStepEnv(ctx: AnalysisContext, info: StepInfo, name: string, value: string): TextEdit | undefined {
  const eol = ctx.lines.eol();
  const envPair = info.step.items.find((p) => (p.key as Scalar | null)?.value === 'env');
  if (envPair) {
    const env = envPair.value;
    if (!isMap(env) || !env.range) return undefined;
    if (env.flow) {
      const close = env.range[1] - 1;
      if (ctx.text[close] !== '}') return undefined;
      const sep = env.items.length ? ', ' : '';
      let at = close;
      while (at > env.range[0] + 1 && /\s/.test(ctx.text[at - 1])) at--;
      return ctx.edit(at, at, `${sep}${name}: ${yamlValue(value, true)}`);
    }
    const first = env.items[0]?.key as Scalar | undefined;
    const last = env.items[env.items.length - 1];
    if (!first?.range || !last) return undefined;
    const lastNode = (last.value ?? last.key) as Scalar | null;
    if (!lastNode?.range) return undefined;
    const ind = ' '.repeat(columnOf(ctx.text, first.range[0]));
    const at = lineEndAt(ctx, valueEnd(ctx.text, lastNode));
    return ctx.edit(at, at, `${eol}${ind}${name}: ${yamlValue(value, false)}`);
  }
  if (info.step.flow || !info.runEntry || info.runEntry.owner !== info.step) return undefined;
  const runKey = info.runEntry.pair.key as Scalar;
  if (!runKey.range) return undefined;
  const at = runKey.range[0];
  const ind = ' '.repeat(columnOf(ctx.text, at));
  return ctx.edit(at, at, `env:${eol}${ind}  ${name}: ${yamlValue(value, false)}${eol}${ind}`);
}
