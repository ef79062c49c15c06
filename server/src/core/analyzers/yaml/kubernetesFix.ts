import type { Pair, YAMLMap } from 'yaml';
import type { Fix } from '../../types.js';
import type { AnalysisContext } from '../context.js';
import { columnOf, valueEnd } from './nodes.js';

/** A DNS-1123 name from free text (`MCP_Server` → `mcp-server`). */
export function dnsName(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
}

/** The Secret key a variable is read from: `OPENAI_API_KEY` → `openai-api-key`. */
export function secretKeyFor(envName: string): string {
  return envName.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '') || 'value';
}

/**
 * Replaces `value: <literal>` with a `valueFrom.secretKeyRef` at the same indentation (or in flow
 * form inside `{…}`). The Secret name is derived from the workload, the key from the variable;
 * both are in the title so the user knows which Secret to create.
 */
export function secretKeyRefFix(ctx: AnalysisContext, item: YAMLMap, valuePair: Pair, envName: string, workload: string): Fix[] {
  const key = valuePair.key as { range?: [number, number, number] } | null;
  const value = valuePair.value as { range?: [number, number, number] } | null;
  if (!key?.range || !value?.range) return [];
  const secretName = `${dnsName(workload) || 'app'}-secrets`;
  const secretKey = secretKeyFor(envName);
  const start = key.range[0];
  const end = valueEnd(ctx.text, value as never);
  let replacement: string;
  if (item.flow) {
    replacement = `valueFrom: {secretKeyRef: {name: ${secretName}, key: ${secretKey}}}`;
  } else {
    const eol = ctx.lines.eol();
    const ind = ' '.repeat(columnOf(ctx.text, start));
    replacement = `valueFrom:${eol}${ind}  secretKeyRef:${eol}${ind}    name: ${secretName}${eol}${ind}    key: ${secretKey}`;
  }
  return [{
    title: `secretzero (container-env-literal-secret): use secretKeyRef ${secretName}/${secretKey} — create that Secret first`,
    applicability: 'unsafe',
    isPreferred: true,
    edits: [ctx.edit(start, end, replacement)],
  }];
}
