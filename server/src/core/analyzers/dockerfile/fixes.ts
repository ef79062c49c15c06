import type { Fix, TextEdit } from '../../types.js';
import type { AnalysisContext } from '../context.js';
import { hasSecretEnvMount, insertFlags, removeItems, secretEnvMount, syntaxDirectiveEdit } from './edits.js';
import type { DockerModel, Instr } from './model.js';

/**
 * The secret-mount rewrite shared by dockerfile-arg-secret and dockerfile-env-secret: drop the
 * pairs that put the value in the build (ARG) or the image config (ENV), and give each RUN that
 * used it a `--mount=type=secret,id=<id>,env=<NAME>` instead.
 */
export interface MountPlan {
  id: string;
  /** The variable the build command reads the value from (`docker build --secret id=…,env=NAME`). */
  source: string;
  /** Each RUN that needs the value, with the environment variable names it reads it under. */
  runs: Map<Instr, Set<string>>;
  /** ENV/ARG pairs to drop, by instruction (indexes into `instr.pairs`). */
  removals: Map<Instr, Set<number>>;
}

export function newPlan(id: string, source: string): MountPlan {
  return { id, source, runs: new Map(), removals: new Map() };
}

export function planRun(plan: MountPlan, run: Instr, env: string): void {
  let envs = plan.runs.get(run);
  if (!envs) plan.runs.set(run, (envs = new Set()));
  envs.add(env);
}

export function planRemoval(plan: MountPlan, instr: Instr, pairIndex: number): void {
  let set = plan.removals.get(instr);
  if (!set) plan.removals.set(instr, (set = new Set()));
  set.add(pairIndex);
}

export function mountEdits(ctx: AnalysisContext, model: DockerModel, plan: MountPlan): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const [instr, indexes] of plan.removals) edits.push(...removeItems(ctx, instr, instr.pairs, indexes));
  let mounted = false;
  for (const [run, envs] of plan.runs) {
    const flags = [...envs].filter((env) => !hasSecretEnvMount(run, env)).map((env) => secretEnvMount(plan.id, env));
    if (!flags.length) continue;
    edits.push(insertFlags(ctx, run, flags));
    mounted = true;
  }
  if (mounted) {
    const directive = syntaxDirectiveEdit(ctx, model);
    if (directive) edits.push(directive);
  }
  return edits;
}

/** `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN; build with docker build --secret id=npm_token,env=NPM_TOKEN`. */
export function mountTitle(ruleId: string, plan: MountPlan, extra = ''): string {
  const envs = [...new Set([...plan.runs.values()].flatMap((s) => [...s]))];
  const env = envs.includes(plan.source) ? plan.source : envs[0] ?? plan.source;
  return `secretzero (${ruleId}): use a build secret — RUN --mount=type=secret,id=${plan.id},env=${env}; `
    + `build with docker build --secret id=${plan.id},env=${plan.source}${extra}`;
}

export function unsafeFix(title: string, edits: TextEdit[], isPreferred = false): Fix {
  return { title, applicability: 'unsafe', isPreferred, edits };
}
