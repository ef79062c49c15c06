import type { Scalar, YAMLMap } from 'yaml';
import type { Fix, TextEdit } from '../../types.js';
import type { AnalysisContext } from '../context.js';
import { buildSecretTitle, secretIdFor } from './runBuildArgs.js';
import { asScalar, columnOf, getEntry, getMap, valueEnd, type Entry } from './nodes.js';
import { scalarText, type ScalarText } from './scalarMap.js';
import type { StepInfo } from './workflow.js';
import { secretExpressions } from './workflowScope.js';
import { message } from '../../secrets/message.js';

const RULE = 'ci-secret-build-arg';

interface Line { start: number; end: number; text: string }

function linesOf(value: string): Line[] {
  const out: Line[] = [];
  let pos = 0;
  for (const raw of value.split('\n')) {
    out.push({ start: pos, end: pos + raw.length, text: raw });
    pos += raw.length + 1;
  }
  return out;
}

/**
 * docker/build-push-action with a secret in `with.build-args`: the same image-history leak as
 * `--build-arg`. The action's `secrets:` input is the way to pass it (never flagged).
 */
export function checkBuildPushAction(ctx: AnalysisContext, info: StepInfo): void {
  const withMap = getMap(info.doc, info.step, 'with');
  const entry = getEntry(info.doc, withMap, 'build-args');
  const node = entry ? asScalar(info.doc, entry.pair.value) : undefined;
  const st = node ? scalarText(ctx.text, node) : undefined;
  if (!withMap || !entry || !node || !st) return;
  const lines = linesOf(st.value);
  const args = lines.filter((l) => l.text.trim() !== '');
  for (const line of args) {
    const eq = line.text.indexOf('=');
    if (eq < 0) continue;
    const name = line.text.slice(0, eq).trim();
    const valueText = line.text.slice(eq + 1);
    const exprs = secretExpressions(valueText, info.scope);
    if (!exprs.length) continue;
    const lead = valueText.length - valueText.trimStart().length;
    const vStart = line.start + eq + 1 + lead;
    const vEnd = line.start + eq + 1 + valueText.trimEnd().length;
    const [start, end] = st.toDoc(vStart, vEnd);
    const value = valueText.trim();
    ctx.report({
      ruleId: RULE,
      start, end,
      message: message`build-args of docker/build-push-action passes a secret (${value.length > 60 ? `${value.slice(0, 59)}…` : value}) as build arg ${name}: build args are recorded in the image history and metadata, readable by anyone who can pull the image. Use the action's secrets: input and RUN --mount=type=secret in the Dockerfile.`,
      fingerprintSource: `build-args ${name}=${value}`,
      fixes: st.exact && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
        ? moveToSecretsInput(ctx, info, withMap, entry, node, st, line, args.length === 1, name, value) : [],
      symbolPath: `${info.path}.with.build-args.${name}`,
    });
  }
}

/** Offset of the start of the line after the one holding `offset` (or the end of the text). */
function nextLineStart(ctx: AnalysisContext, offset: number): number {
  const line = ctx.lines.positionAt(offset).line;
  return line + 1 < ctx.lines.lineCount ? ctx.lines.lineStart(line + 1) : ctx.text.length;
}

function moveToSecretsInput(
  ctx: AnalysisContext, info: StepInfo, withMap: YAMLMap, buildArgs: Entry, node: Scalar, st: ScalarText,
  line: Line, onlyArg: boolean, name: string, value: string,
): Fix[] {
  if (withMap.flow || buildArgs.owner !== withMap) return [];
  const eol = ctx.lines.eol();
  const id = secretIdFor(name);
  const entryText = `${id}=${value}`;
  const key = buildArgs.pair.key as Scalar;
  if (!key.range) return [];
  const keyInd = ' '.repeat(columnOf(ctx.text, key.range[0]));
  const edits: TextEdit[] = [];

  // Where the build-args entry goes: its line, or the whole `build-args:` when it was the only one.
  const multiline = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
  let removeStart: number;
  let removeEnd: number;
  if (onlyArg) {
    removeStart = ctx.lines.lineStart(ctx.lines.positionAt(key.range[0]).line);
    removeEnd = nextLineStart(ctx, valueEnd(ctx.text, node));
  } else if (multiline) {
    const [ls] = st.toDoc(line.start, line.start);
    removeStart = ctx.lines.lineStart(ctx.lines.positionAt(ls).line);
    removeEnd = nextLineStart(ctx, ls);
  } else {
    return [];
  }

  const secrets = getEntry(info.doc, withMap, 'secrets');
  const secretsNode = secrets && secrets.owner === withMap ? (secrets.pair.value as Scalar | null) : undefined;
  if (secrets && !secretsNode?.range) return [];
  if (secretsNode?.range) {
    const sst = scalarText(ctx.text, secretsNode);
    if (!sst) return [];
    if (secretsNode.type === 'BLOCK_LITERAL') {
      const body = linesOf(sst.value).filter((l) => l.text.trim() !== '');
      const lastLine = body[body.length - 1];
      if (!lastLine || !sst.exact) return [];
      const [ls] = sst.toDoc(lastLine.start, lastLine.start);
      const ind = ' '.repeat(columnOf(ctx.text, ls));
      const at = ctx.lines.lineEnd(ctx.lines.positionAt(ls).line);
      edits.push(ctx.edit(at, at, `${eol}${ind}${entryText}`));
    } else {
      const ind = `${keyInd}  `;
      const old = sst.value.split('\n').filter((l) => l.trim() !== '').map((l) => `${ind}${l.trim()}`);
      edits.push(ctx.edit(secretsNode.range![0], valueEnd(ctx.text, secretsNode), `|${eol}${[...old, `${ind}${entryText}`].join(eol)}`));
    }
    edits.push(ctx.edit(removeStart, removeEnd, ''));
  } else {
    const block = `${keyInd}secrets: |${eol}${keyInd}  ${entryText}${eol}`;
    if (onlyArg) edits.push(ctx.edit(removeStart, removeEnd, block));
    else {
      const after = nextLineStart(ctx, valueEnd(ctx.text, node));
      edits.push(ctx.edit(removeStart, removeEnd, ''));
      edits.push(ctx.edit(after, after, (after === ctx.text.length && !/\n$/.test(ctx.text) ? eol : '') + block));
    }
  }
  return [{
    title: buildSecretTitle(`move ${name} to the action's secrets: input (id ${id})`, id, name),
    applicability: 'unsafe',
    isPreferred: true,
    edits,
  }];
}

