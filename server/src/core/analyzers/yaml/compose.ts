import { isScalar, type Scalar } from 'yaml';
import type { AnalysisContext } from '../context.js';
import { checkEnvSite, type EnvSite } from './containerEnv.js';
import { composeFixes } from './composeFix.js';
import { asMap, asScalar, asSeq, deref, entries, get, getMap, isFlowCollection, type YDoc } from './nodes.js';
import { scalarText } from './scalarMap.js';

/**
 * docker-compose: `services.*.environment` and `services.*.build.args`, each in the map form
 * (`KEY: value`) and the list form (`- KEY=value`), merge keys and aliases followed.
 */
export function analyzeCompose(ctx: AnalysisContext, doc: YDoc): void {
  const root = asMap(doc, doc.contents);
  const services = getMap(doc, root, 'services');
  const seen = new Set<unknown>();
  for (const svc of entries(doc, services)) {
    const service = asMap(doc, svc.pair.value);
    if (!service) continue;
    const base = `services.${svc.key}`;
    checkEnvBlock(ctx, doc, get(doc, service, 'environment'), {
      path: `${base}.environment`,
      where: `the environment of compose service '${svc.key}'`,
      advice: 'Reference a variable (${NAME}) and keep the value in the git-ignored .env file beside the compose file, or use compose secrets.',
      runtime: true,
    }, seen);
    const build = getMap(doc, service, 'build');
    if (build) {
      checkEnvBlock(ctx, doc, get(doc, build, 'args'), {
        path: `${base}.build.args`,
        where: `the build args of compose service '${svc.key}'`,
        advice: 'Build args are kept in the image history: pass the value as a build secret (build.secrets) or at least reference a variable (${NAME}).',
        runtime: false,
      }, seen);
    }
  }
}

interface Block { path: string; where: string; advice: string; runtime: boolean }

function checkEnvBlock(ctx: AnalysisContext, doc: YDoc, node: unknown, block: Block, seen: Set<unknown>): void {
  const map = asMap(doc, node);
  if (map) {
    for (const e of entries(doc, map)) {
      const valueNode = deref(doc, e.pair.value);
      // An env map reached through several aliases is reported once, where it is written.
      const identity = valueNode ?? e.pair;
      if (seen.has(identity)) continue;
      seen.add(identity);
      const key = e.pair.key as Scalar;
      if (!key.range) continue;
      const scalar = isScalar(valueNode) ? valueNode : undefined;
      if (valueNode !== undefined && valueNode !== null && !scalar) continue;
      const st = scalar ? scalarText(ctx.text, scalar) : undefined;
      checkEnvSite(ctx, {
        ...base(block, e.key),
        nameRange: [key.range[0], key.range[1]],
        value: st,
        fixes: scalar ? (v) => composeFixes(ctx, { node: scalar, form: 'map', name: e.key, inFlow: isFlowCollection(e.owner) }, v) : undefined,
      });
    }
    return;
  }
  const seq = asSeq(doc, node);
  if (!seq) return;
  for (const item of seq.items) {
    const scalar = asScalar(doc, item);
    if (!scalar || seen.has(scalar)) continue;
    seen.add(scalar);
    const st = scalarText(ctx.text, scalar);
    if (!st) continue;
    const eq = st.value.indexOf('=');
    const name = (eq < 0 ? st.value : st.value.slice(0, eq)).trim();
    if (!name) continue;
    const nameRange = st.toDoc(0, eq < 0 ? st.value.length : eq);
    const valueView = eq < 0 ? undefined : {
      value: st.value.slice(eq + 1),
      toDoc: (s: number, e: number) => st.toDoc(eq + 1 + s, eq + 1 + e),
    };
    checkEnvSite(ctx, {
      ...base(block, name),
      nameRange,
      value: valueView,
      fixes: (v) => composeFixes(ctx, { node: scalar, form: 'list', name, inFlow: isFlowCollection(seq) }, v),
    });
  }
}

function base(block: Block, name: string): Omit<EnvSite, 'nameRange' | 'value'> {
  return {
    name,
    symbolPath: `${block.path}.${name}`,
    where: block.where,
    advice: block.advice,
    runtime: block.runtime,
    judge: { composeFallbacks: true },
  };
}
