import * as path from 'node:path';
import type { Scalar } from 'yaml';
import type { Fix, TextEdit } from '../../types.js';
import type { AnalysisContext } from '../context.js';
import { dotenvLine, findIgnoredDotenv } from '../common/dotenvTarget.js';
import { envNameFor } from '../common/envName.js';
import type { EnvVerdict } from './envJudge.js';
import { valueEnd } from './nodes.js';
import { scalarText } from './scalarMap.js';

export interface ComposeValue {
  node: Scalar;
  form: 'map' | 'list';
  /** The entry's name (`KEY` of `KEY: v` / `- KEY=v`). */
  name: string;
  /** Inside `{…}` / `[…]`: a plain scalar there cannot hold `${…}`. */
  inFlow: boolean;
}

const RULE = 'container-env-literal-secret';

function referenceName(entry: ComposeValue, v: EnvVerdict): string {
  if (v.fallbackVar) return v.fallbackVar;
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(entry.name)) return entry.name;
  return envNameFor(entry.name, v.detection);
}

function quoteDouble(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The edit that puts `${NAME}` where the literal was, in a form that stays valid YAML. */
function referenceEdit(ctx: AnalysisContext, entry: ComposeValue, ref: string): TextEdit | undefined {
  const node = entry.node;
  if (!node.range) return undefined;
  const start = node.range[0];
  const end = valueEnd(ctx.text, node);
  if (entry.form === 'map') {
    if (node.type === 'QUOTE_DOUBLE') return ctx.edit(start, end, `"${ref}"`);
    if (node.type === 'QUOTE_SINGLE') return ctx.edit(start, end, `'${ref}'`);
    return ctx.edit(start, end, entry.inFlow ? `"${ref}"` : ref);
  }
  const st = scalarText(ctx.text, node);
  if (!st) return undefined;
  const eq = st.value.indexOf('=');
  if (eq < 0) return undefined;
  const plainInFlow = node.type === 'PLAIN' && entry.inFlow;
  if (st.exact && !plainInFlow && (node.type === 'PLAIN' || node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) {
    const [s, e] = st.toDoc(eq + 1, st.value.length);
    if (e >= s) return ctx.edit(s, e, ref);
  }
  return ctx.edit(start, end, quoteDouble(`${st.value.slice(0, eq + 1)}${ref}`));
}

/** The git-ignored `.env` compose reads for this file: the one in the compose file's own folder. */
function composeDotenv(ctx: AnalysisContext, name: string): string | undefined {
  const dotenv = findIgnoredDotenv(ctx);
  if (!dotenv || path.dirname(dotenv) !== path.dirname(ctx.path)) return undefined;
  const current = ctx.host?.readFile(dotenv) ?? '';
  // Already defined there: referencing it is all that is left to do.
  if (new RegExp(`^\\s*(?:export\\s+)?${name}\\s*=`, 'm').test(current)) return undefined;
  return dotenv;
}

export function composeFixes(ctx: AnalysisContext, entry: ComposeValue, v: EnvVerdict): Fix[] {
  const name = referenceName(entry, v);
  const ref = `\${${name}}`;
  const edit = referenceEdit(ctx, entry, ref);
  if (!edit) return [];
  const fixes: Fix[] = [];
  const dotenv = composeDotenv(ctx, name);
  if (dotenv) {
    fixes.push({
      title: `secretzero (${RULE}): replace the value with ${ref} and move it to ${path.basename(dotenv)}`,
      applicability: 'unsafe',
      isPreferred: true,
      edits: [edit],
      externalEdits: [ctx.appendToFile(dotenv, [dotenvLine(name, v.moved)])],
    });
  }
  fixes.push({
    title: `secretzero (${RULE}): replace the value with ${ref}`,
    applicability: 'unsafe',
    isPreferred: !dotenv,
    edits: [edit],
  });
  return fixes;
}
