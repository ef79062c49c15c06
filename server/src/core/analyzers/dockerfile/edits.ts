import type { TextEdit } from '../../types.js';
import type { AnalysisContext } from '../context.js';
import type { DockerModel, Instr } from './model.js';

/**
 * Edit builders that keep the rest of the Dockerfile byte-for-byte: whole-line removals for an
 * instruction (continuation lines included), item removals inside an instruction that take the
 * separator (spaces, `\` + newline, a JSON comma) with them, and flag insertions after a keyword.
 */

/** Removes the instruction's lines, including their line break. */
export function removeInstruction(ctx: AnalysisContext, instr: Instr): TextEdit {
  const { lines } = ctx;
  const first = lines.positionAt(instr.start).line;
  const last = lines.positionAt(instr.end).line;
  // On the last line of a file without a final newline the previous line break stays: taking it
  // would overlap the removal of an instruction just above.
  const end = last + 1 < lines.lineCount ? lines.lineStart(last + 1) : ctx.text.length;
  return ctx.edit(lines.lineStart(first), end, '');
}

export interface Span { start: number; end: number }

/**
 * Removes some of an instruction's ordered items (ENV pairs, COPY sources). A run of removed
 * items is cut from the previous kept item's end, so what follows it (a `\` continuation, the
 * next line's indentation) keeps its layout; a run at the start is cut up to the next kept item.
 * Either way no dangling continuation or JSON comma is left. Removing every item removes the
 * instruction.
 */
export function removeItems(ctx: AnalysisContext, instr: Instr, items: Span[], remove: ReadonlySet<number>): TextEdit[] {
  if (items.every((_, i) => remove.has(i))) return [removeInstruction(ctx, instr)];
  const edits: TextEdit[] = [];
  for (let i = 0; i < items.length; i++) {
    if (!remove.has(i)) continue;
    let j = i;
    while (j + 1 < items.length && remove.has(j + 1)) j++;
    if (i > 0) edits.push(ctx.edit(items[i - 1].end, items[j].end, ''));
    else edits.push(ctx.edit(items[i].start, items[j + 1].start, ''));
    i = j;
  }
  return edits;
}

/** Inserts flags right after the keyword (`RUN --mount=… <existing flags> <command>`). */
export function insertFlags(ctx: AnalysisContext, instr: Instr, flags: string[]): TextEdit {
  return ctx.edit(instr.keywordEnd, instr.keywordEnd, flags.map((f) => ' ' + f).join(''));
}

/**
 * `RUN --mount=type=secret,…,env=NAME` needs Dockerfile syntax 1.10+; older built-in frontends
 * reject the `env` key. When the file pins no frontend, pin the current stable one. Parser
 * directives must come first, so the line goes at offset 0.
 */
export function syntaxDirectiveEdit(ctx: AnalysisContext, model: DockerModel): TextEdit | undefined {
  if (model.dockerfile.getDirectives().some((d) => d.getName().toLowerCase() === 'syntax')) return undefined;
  return ctx.edit(0, 0, '# syntax=docker/dockerfile:1' + ctx.lines.eol());
}

/** The `--mount=type=secret` flag that exposes secret `id` to one RUN as environment variable `env`. */
export function secretEnvMount(id: string, env: string): string {
  return `--mount=type=secret,id=${id},env=${env}`;
}

/** Whether a RUN already mounts a secret into environment variable `env`. */
export function hasSecretEnvMount(instr: Instr, env: string): boolean {
  return instr.flags.some((f) => {
    if (f.getName().toLowerCase() !== 'mount') return false;
    const opts = (f.getValue() ?? '').split(',');
    return opts.includes('type=secret') && opts.includes(`env=${env}`);
  });
}
