import { DockerfileParser, type Dockerfile, type Flag, type Instruction, type Property } from 'dockerfile-ast';
import type { AnalysisContext } from '../context.js';

/** A `NAME=value` (or legacy `NAME value`) pair of an ENV/ARG/LABEL, in document offsets. */
export interface Pair {
  name: string;
  /** Unquoted, unescaped value; null for `ARG NAME` without a default. */
  value: string | null;
  /** Name through value (the pair's whole text). */
  start: number;
  end: number;
  /** The value as written (quotes included); empty when there is none. */
  rawValue: string;
  valueStart: number;
  valueEnd: number;
}

/** A token of an instruction's argument list (a COPY source or destination). */
export interface Token {
  /** Decoded value (JSON strings unquoted). */
  value: string;
  start: number;
  end: number;
}

export interface Instr {
  node: Instruction;
  keyword: string;
  /** The instruction's text, first keyword character to last argument character. */
  start: number;
  end: number;
  /** End of the keyword: where a new flag is inserted. */
  keywordEnd: number;
  /** The arguments (flags included), when there are any. */
  argsStart?: number;
  argsEnd?: number;
  pairs: Pair[];
  flags: Flag[];
  /** null before the first FROM (global scope). */
  stage: Stage | null;
}

export interface Stage {
  index: number;
  /** `FROM image AS alias`. */
  alias?: string;
  from: Instr;
  /** Instructions after the FROM, up to the next FROM. */
  body: Instr[];
}

export interface DockerModel {
  dockerfile: Dockerfile;
  instrs: Instr[];
  /** Instructions before the first FROM (global ARGs). */
  globals: Instr[];
  stages: Stage[];
}

const PAIR_KEYWORDS = new Set(['ENV', 'ARG', 'LABEL']);

/** One parse of the document into instructions with offsets, grouped by build stage. */
export function buildModel(ctx: AnalysisContext): DockerModel {
  const dockerfile = DockerfileParser.parse(ctx.text);
  const at = (p: { line: number; character: number }) => ctx.lines.offsetAt(p);
  const instrs: Instr[] = [];
  const globals: Instr[] = [];
  const stages: Stage[] = [];
  let stage: Stage | null = null;
  for (const node of dockerfile.getInstructions()) {
    const keyword = node.getKeyword();
    const range = node.getRange();
    const args = node.getArgumentsRange();
    const instr: Instr = {
      node,
      keyword,
      start: at(range.start),
      end: at(range.end),
      keywordEnd: at(node.getInstructionRange().end),
      argsStart: args ? at(args.start) : undefined,
      argsEnd: args ? at(args.end) : undefined,
      pairs: PAIR_KEYWORDS.has(keyword) ? pairsOf(ctx, node) : [],
      flags: typeof (node as { getFlags?: unknown }).getFlags === 'function' ? (node as unknown as { getFlags(): Flag[] }).getFlags() : [],
      stage: null,
    };
    if (keyword === 'FROM') {
      const alias = (node as unknown as { getBuildStage(): string | null }).getBuildStage() ?? undefined;
      stage = { index: stages.length, alias, from: instr, body: [] };
      stages.push(stage);
      instr.stage = stage;
    } else if (stage) {
      instr.stage = stage;
      stage.body.push(instr);
    } else {
      globals.push(instr);
    }
    instrs.push(instr);
  }
  return { dockerfile, instrs, globals, stages };
}

function pairsOf(ctx: AnalysisContext, node: Instruction): Pair[] {
  const props = (node as unknown as { getProperties(): Property[] }).getProperties();
  const out: Pair[] = [];
  for (const p of props) {
    const name = p.getName();
    if (!name) continue;
    const range = p.getRange();
    const valueRange = p.getValueRange();
    const start = ctx.lines.offsetAt(range.start);
    const end = ctx.lines.offsetAt(range.end);
    const valueStart = valueRange ? ctx.lines.offsetAt(valueRange.start) : end;
    const valueEnd = valueRange ? ctx.lines.offsetAt(valueRange.end) : end;
    out.push({ name, value: p.getValue(), start, end, rawValue: ctx.text.slice(valueStart, valueEnd), valueStart, valueEnd });
  }
  return out;
}

/** Source and destination tokens of a COPY/ADD (shell or JSON form), flags excluded. */
export function copyTokens(ctx: AnalysisContext, instr: Instr): Token[] {
  const at = (p: { line: number; character: number }) => ctx.lines.offsetAt(p);
  const node = instr.node as unknown as { getJSONStrings(): { getJSONValue(): string; getRange(): { start: never; end: never } }[] };
  const json = node.getJSONStrings();
  if (json.length) return json.map((j) => ({ value: j.getJSONValue(), start: at(j.getRange().start), end: at(j.getRange().end) }));
  return instr.node.getArguments().map((a) => ({ value: a.getValue(), start: at(a.getRange().start), end: at(a.getRange().end) }));
}

export function flagValue(instr: Instr, name: string): string | null | undefined {
  const flag = instr.flags.find((f) => f.getName().toLowerCase() === name);
  return flag ? flag.getValue() : undefined;
}

/** The instruction's whole text (keyword, flags, arguments, heredoc bodies). */
export function instrText(ctx: AnalysisContext, instr: Instr): string {
  return ctx.text.slice(instr.start, instr.end);
}

/** The symbol path findings carry: the stage alias (stable across edits) and the variable. */
export function symbolPathFor(instr: Instr, name?: string): string | undefined {
  const alias = instr.stage?.alias;
  if (alias && name) return `${alias}.${name}`;
  return alias ?? name;
}
