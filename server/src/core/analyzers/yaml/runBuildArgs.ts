import type { Fix, TextEdit } from '../../types.js';
import type { AnalysisContext } from '../context.js';
import type { SecretTracker } from './runScript.js';
import type { ScalarText } from './scalarMap.js';
import type { Command, Word } from '../../lang/shell.js';
import { addStepEnv } from './stepEnvEdit.js';
import type { StepInfo } from './workflow.js';
import { message } from '../../secrets/message.js';

const RULE = 'ci-secret-build-arg';

/** `docker build`, `docker buildx build`, `podman build` …: the index of the first argument after the subcommand. */
function buildArgsStart(c: Command): number {
  const words = c.words.map((w) => w.value.replace(/^.*\//, ''));
  let k = 0;
  while (k < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(c.words[k].raw)) k++;
  if (words[k] === 'sudo') k++;
  const rest = words.slice(k, k + 3).join(' ');
  const m = /^(docker (?:buildx (?:build|b)|image build|builder build|compose build|build)|docker-compose build|podman build|nerdctl build|buildah (?:bud|build))\b/.exec(rest);
  return m ? k + m[1].split(' ').length : -1;
}

/** The build secret id a Dockerfile mounts for an argument name: `NPM_TOKEN` → `npm_token`. */
export function secretIdFor(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_.-]+/g, '_');
}

export function buildSecretTitle(lead: string, id: string, envName: string): string {
  return `secretzero (${RULE}): ${lead}; the Dockerfile must then use RUN --mount=type=secret,id=${id},env=${envName}`;
}

/**
 * `--build-arg NAME=<secret>` (or `--build-arg NAME` taking a secret from the environment) on a
 * docker build command line: build args are recorded in the image history.
 */
export function checkRunBuildArgs(ctx: AnalysisContext, info: StepInfo, st: ScalarText, c: Command, tracker: SecretTracker): void {
  const from = buildArgsStart(c);
  if (from < 0) return;
  for (let k = from; k < c.words.length; k++) {
    const w = c.words[k];
    if (w.value === '--build-arg' && c.words[k + 1]) {
      checkArg(ctx, info, st, tracker, w, c.words[k + 1], 0);
      k++;
    } else if (w.value.startsWith('--build-arg=')) {
      checkArg(ctx, info, st, tracker, w, w, '--build-arg='.length);
    }
  }
}

function checkArg(ctx: AnalysisContext, info: StepInfo, st: ScalarText, tracker: SecretTracker, flag: Word, arg: Word, skip: number): void {
  const text = arg.value.slice(skip);
  const eq = text.indexOf('=');
  const name = eq < 0 ? text : text.slice(0, eq);
  let start: number;
  let end: number;
  let carried: boolean;
  if (eq < 0) {
    // `--build-arg NAME`: docker copies NAME from its own environment.
    carried = tracker.envBound(name);
    start = arg.at[skip] ?? arg.start;
    end = arg.end;
  } else {
    const valueAt = skip + eq + 1;
    start = arg.at[valueAt] ?? arg.end;
    end = (arg.at[arg.value.length - 1] ?? arg.end - 1) + 1;
    carried = arg.expansions.some((e) => e.start >= start && tracker.carries(e));
  }
  if (!carried || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return;
  const [ds, de] = st.toDoc(start, Math.max(start, end));
  const shown = st.value.slice(start, end);
  ctx.report({
    ruleId: RULE,
    start: ds, end: de,
    message: message`Build arg ${name} gets a secret (${shown.length > 60 ? `${shown.slice(0, 59)}…` : shown}): build args are recorded in the image history and metadata, readable by anyone who can pull the image. Pass it as a build secret (--secret id=…,env=…) and read it with RUN --mount=type=secret in the Dockerfile.`,
    fingerprintSource: `--build-arg ${name}=${shown}`,
    fixes: st.exact ? fixRunArg(ctx, info, st, tracker, flag, arg, skip, name, eq < 0 ? undefined : arg.value.slice(skip + eq + 1)) : [],
    symbolPath: `${info.path}.run`,
  });
}

function fixRunArg(
  ctx: AnalysisContext, info: StepInfo, st: ScalarText, tracker: SecretTracker,
  flag: Word, arg: Word, skip: number, name: string, value: string | undefined,
): Fix[] {
  const id = secretIdFor(name);
  let envName = name;
  let envEdit: TextEdit | undefined;
  const single = value !== undefined ? arg.expansions.filter((e) => e.start >= (arg.at[skip + name.length + 1] ?? arg.end)) : [];
  const onlyVariable = single.length === 1 && single[0].kind === 'variable' && value!.trim() === st.value.slice(single[0].start, single[0].end);
  if (value === undefined) {
    // Already in the environment under its own name.
  } else if (onlyVariable && tracker.envBound(single[0].name)) {
    envName = single[0].name;
  } else {
    // The value moves to the step's env:, which does no shell expansion: only `${{ }}` and text may move.
    if (single.some((e) => e.kind !== 'expression') || /[`$]\(|\$[A-Za-z_{]/.test(value.replace(/\$\{\{[\s\S]*?\}\}/g, ''))) return [];
    const bound = info.scope.get(name);
    if (bound && bound.value !== value) return [];
    if (!bound) {
      envEdit = addStepEnv(ctx, info, name, value);
      if (!envEdit) return [];
    }
  }
  const edits: TextEdit[] = [];
  const secret = `id=${id},env=${envName}`;
  if (flag === arg) {
    const [s, e] = st.toDoc(arg.start, arg.end);
    edits.push(ctx.edit(s, e, `--secret=${secret}`));
  } else {
    const [fs, fe] = st.toDoc(flag.start, flag.end);
    const [as, ae] = st.toDoc(arg.start, arg.end);
    edits.push(ctx.edit(fs, fe, '--secret'), ctx.edit(as, ae, secret));
  }
  if (envEdit) edits.push(envEdit);
  return [{
    title: buildSecretTitle(`pass ${name} as a build secret (--secret ${secret})`, id, name),
    applicability: 'unsafe',
    isPreferred: true,
    edits,
  }];
}
