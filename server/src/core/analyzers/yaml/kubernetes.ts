import { isScalar, type Scalar, type YAMLMap } from 'yaml';
import type { AnalysisContext } from '../context.js';
import { checkEnvSite } from './containerEnv.js';
import { secretKeyRefFix } from './kubernetesFix.js';
import { asMap, asScalar, asSeq, deref, entries, get, getEntry, getMap, getSeq, getString, type YDoc } from './nodes.js';
import { scalarText } from './scalarMap.js';
import { hasTemplateAction } from './templates.js';

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  Rollout: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];

/**
 * Kubernetes manifests: `env[].value` of every container of a workload, and `ConfigMap` data.
 * `Secret` objects are where such values belong: they are left to the generic credential scan,
 * which reports known-format and high-entropy literals there as hard-coded credentials.
 */
export function analyzeKubernetes(ctx: AnalysisContext, doc: YDoc): void {
  const root = asMap(doc, doc.contents);
  if (root) checkObject(ctx, doc, root, '', new Set(), 0);
}

/** Text of a scalar unless a template action decides it at render time. */
function literalText(ctx: AnalysisContext, node: Scalar | undefined): string | undefined {
  if (!node?.range) return undefined;
  if (hasTemplateAction(ctx.text.slice(node.range[0], node.range[1]))) return undefined;
  return scalarText(ctx.text, node)?.value;
}

function checkObject(ctx: AnalysisContext, doc: YDoc, obj: YAMLMap, prefix: string, seen: Set<unknown>, depth: number): void {
  const kind = getString(doc, obj, 'kind');
  if (!kind) return;
  if (/List$/.test(kind) && depth < 4) {
    getSeq(doc, obj, 'items')?.items.forEach((item, i) => {
      const m = asMap(doc, item);
      if (m) checkObject(ctx, doc, m, `${prefix}items[${i}].`, seen, depth + 1);
    });
    return;
  }
  const name = literalText(ctx, asScalar(doc, get(doc, getMap(doc, obj, 'metadata'), 'name')));
  if (kind === 'ConfigMap') {
    checkConfigMap(ctx, doc, obj, prefix, name ?? 'unnamed');
    return;
  }
  const path = POD_SPEC_PATHS[kind];
  if (!path) return;
  let spec: YAMLMap | undefined = obj;
  for (const key of path) spec = getMap(doc, spec, key);
  if (!spec) return;
  const specPath = `${prefix}${path.join('.')}`;
  for (const list of CONTAINER_LISTS) {
    getSeq(doc, spec, list)?.items.forEach((c, i) => {
      const container = asMap(doc, c);
      if (!container) return;
      const cname = literalText(ctx, asScalar(doc, get(doc, container, 'name'))) ?? `${list}[${i}]`;
      checkContainerEnv(ctx, doc, container, {
        kind, workload: name ?? cname, container: cname, path: `${specPath}.${list}[${i}].env`,
      }, seen);
    });
  }
}

interface ContainerInfo { kind: string; workload: string; container: string; path: string }

function checkContainerEnv(ctx: AnalysisContext, doc: YDoc, container: YAMLMap, info: ContainerInfo, seen: Set<unknown>): void {
  const env = getSeq(doc, container, 'env');
  if (!env) return;
  for (const it of env.items) {
    const item = asMap(doc, it);
    // An env list item reached through an alias is reported once, where it is written.
    if (!item || seen.has(item)) continue;
    seen.add(item);
    const nameNode = asScalar(doc, get(doc, item, 'name'));
    const envName = literalText(ctx, nameNode);
    if (!envName || !nameNode?.range) continue;
    const valueEntry = getEntry(doc, item, 'value');
    const valueNode = valueEntry ? deref(doc, valueEntry.pair.value) : undefined;
    const scalar = isScalar(valueNode) ? valueNode : undefined;
    const literal = scalar && literalText(ctx, scalar) !== undefined ? scalarText(ctx.text, scalar) : undefined;
    const hasValueFrom = getEntry(doc, item, 'valueFrom') !== undefined;
    checkEnvSite(ctx, {
      name: envName,
      value: literal,
      nameRange: [nameNode.range[0], nameNode.range[1]],
      symbolPath: `${info.path}.${envName}`,
      where: `the env of container '${info.container}' (${info.kind} '${info.workload}')`,
      advice: 'Anyone who can read the workload can read it: keep the value in a Secret and reference it with valueFrom.secretKeyRef.',
      runtime: true,
      judge: { kubernetesRefs: true },
      fixes: () => (valueEntry && !hasValueFrom && valueEntry.owner === item
        ? secretKeyRefFix(ctx, item, valueEntry.pair, envName, info.workload) : []),
    });
  }
}

function checkConfigMap(ctx: AnalysisContext, doc: YDoc, obj: YAMLMap, prefix: string, name: string): void {
  const data = getMap(doc, obj, 'data');
  for (const e of entries(doc, data)) {
    const key = e.pair.key as Scalar;
    const scalar = asScalar(doc, e.pair.value);
    if (!key.range || !scalar || literalText(ctx, scalar) === undefined) continue;
    checkEnvSite(ctx, {
      name: e.key,
      value: scalarText(ctx.text, scalar),
      nameRange: [key.range[0], key.range[1]],
      symbolPath: `${prefix}data.${e.key}`,
      where: `ConfigMap '${name}'`,
      advice: 'ConfigMaps are not meant for secrets and are readable by far more people and controllers than Secrets: move the key to a Secret and mount it or reference it with secretKeyRef.',
      runtime: false,
      judge: { kubernetesRefs: true },
    });
  }
}
