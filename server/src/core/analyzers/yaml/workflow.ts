import type { Scalar, YAMLMap } from 'yaml';
import type { AnalysisContext } from '../context.js';
import { checkBuildPushAction } from './buildPushAction.js';
import { asMap, asScalar, entries, getEntry, getMap, getSeq, getString, type Entry, type YDoc } from './nodes.js';
import { checkRunScript } from './runScript.js';
import { extendScope, type EnvScope } from './workflowScope.js';

/** What the checks of one step need to know about it. */
export interface StepInfo {
  doc: YDoc;
  step: YAMLMap;
  scope: EnvScope;
  path: string;
  runEntry?: Entry;
}

/**
 * GitHub Actions workflows: every step of every job, with the `env:` bindings in scope
 * (workflow, then job, then step). `run:` scripts go to the shell checks, docker/build-push-action
 * steps to the build-args check.
 */
export function analyzeWorkflow(ctx: AnalysisContext, doc: YDoc): void {
  const root = asMap(doc, doc.contents);
  if (!root) return;
  const workflowScope = extendScope(doc, getMap(doc, root, 'env'), new Map(), 'workflow');
  const workflowShell = defaultShell(doc, root);
  for (const job of entries(doc, getMap(doc, root, 'jobs'))) {
    const jobMap = asMap(doc, job.pair.value);
    if (!jobMap) continue;
    const jobScope = extendScope(doc, getMap(doc, jobMap, 'env'), workflowScope, 'job');
    const jobShell = defaultShell(doc, jobMap) ?? workflowShell;
    getSeq(doc, jobMap, 'steps')?.items.forEach((s, i) => {
      const step = asMap(doc, s);
      if (!step) return;
      const info: StepInfo = {
        doc, step,
        scope: extendScope(doc, getMap(doc, step, 'env'), jobScope, 'step'),
        path: `jobs.${job.key}.steps[${i}]`,
        runEntry: getEntry(doc, step, 'run'),
      };
      const run = info.runEntry ? asScalar(doc, info.runEntry.pair.value) : undefined;
      if (run && isPosixShell(getString(doc, step, 'shell') ?? jobShell)) checkRunScript(ctx, info, run as Scalar);
      const uses = getString(doc, step, 'uses');
      if (uses && /^docker\/build-push-action@/i.test(uses.trim())) checkBuildPushAction(ctx, info);
    });
  }
}

function defaultShell(doc: YDoc, map: YAMLMap): string | undefined {
  return getString(doc, getMap(doc, getMap(doc, map, 'defaults'), 'run'), 'shell');
}

/** bash/sh scripts only: PowerShell, cmd and python steps have other syntax. */
function isPosixShell(shell: string | undefined): boolean {
  if (!shell) return true;
  return /^(bash|sh|dash|zsh)\b/.test(shell.trim());
}
