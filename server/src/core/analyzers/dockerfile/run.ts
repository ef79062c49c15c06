import type { AnalysisContext } from '../context.js';
import { parseShell } from '../../lang/shell.js';
import type { Instr } from './model.js';

/**
 * The script a RUN hands to the shell and its document offset: the arguments after the flags
 * (continuations and heredoc bodies included). A lone `RUN <<EOF` is the exception: BuildKit runs
 * the heredoc body itself as the script, so that body is returned. Every rule that reads RUN text
 * (ARG uses, ENV fixes, TLS assignments) goes through here and the shared shell lexer.
 */
export function runScript(ctx: AnalysisContext, instr: Instr): { text: string; offset: number } | undefined {
  if (instr.keyword !== 'RUN' || instr.argsStart === undefined) return undefined;
  const text = ctx.text.slice(instr.argsStart, instr.argsEnd);
  const [p, ...more] = text.includes('<<') ? parseShell(text) : [];
  const c = p && !more.length && p.commands.length === 1 ? p.commands[0] : undefined;
  const h = c && !c.words.length && c.redirects.length === 1 ? c.redirects[0].heredoc : undefined;
  return h ? { text: text.slice(h.start, h.end), offset: instr.argsStart + h.start } : { text, offset: instr.argsStart };
}
