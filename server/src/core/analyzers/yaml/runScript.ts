import type { Scalar } from 'yaml';
import type { AnalysisContext } from '../context.js';
import { checkRunBuildArgs } from './runBuildArgs.js';
import { scalarText, type ScalarText } from './scalarMap.js';
import { expansionsOf, parseShell, type Command, type Expansion, type Pipeline, type Redirect, type Word } from '../../lang/shell.js';
import type { StepInfo } from './workflow.js';
import { isSecretExpression } from './workflowScope.js';
import { message } from '../../secrets/message.js';

/** How a script decides whether an expansion produces a secret (env bindings and its own assignments). */
export interface SecretTracker {
  carries(e: Expansion): boolean;
  /** A variable bound to a secret in the step's (job's, workflow's) `env:`, not by the script itself. */
  envBound(name: string): boolean;
  isSecretVar(name: string): boolean;
}

/** Commands whose output is what they are given (arguments or stdin): a secret they carry is in the stream. */
const PASS_THROUGH = new Set(['echo', 'printf', 'cat', 'tee', 'base64', 'sed', 'awk', 'gawk', 'envsubst', 'jq', 'yq', 'tr', 'cut', 'head', 'tail', 'xxd', 'rev']);
const EXPORTERS = new Set(['export', 'declare', 'local', 'readonly', 'typeset']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

type SinkKind = 'file' | 'env' | 'output' | 'summary';

/**
 * ci-secret-written-to-file and ci-secret-build-arg in one `run:` script: secrets followed through
 * pipelines into files, `$GITHUB_ENV`/`$GITHUB_OUTPUT`, `set -x`, and docker build args.
 */
export function checkRunScript(ctx: AnalysisContext, info: StepInfo, run: Scalar): void {
  const st = scalarText(ctx.text, run);
  if (!st) return;
  const pipelines = parseShell(st.value);
  const locals = new Map<string, boolean>();
  const tracker: SecretTracker = {
    isSecretVar: (name) => (locals.has(name) ? locals.get(name)! : !!info.scope.get(name)?.secret),
    envBound: (name) => !locals.has(name) && !!info.scope.get(name)?.secret,
    carries: (e) => e.valueOf && (e.kind === 'expression' ? isSecretExpression(e.name, info.scope) : tracker.isSecretVar(e.name)),
  };
  // What `set -x` can expose: secrets bound in this step's or job's env:, or used by the script.
  const secretsInScope = [...info.scope.values()].some((b) => b.secret && b.level !== 'workflow')
    || expansionsOf(pipelines).some((e) => tracker.carries(e));
  for (const p of pipelines) {
    for (const c of p.commands) recordAssignments(c, locals, tracker);
    checkWrites(ctx, info, st, p, tracker);
    if (secretsInScope) checkXtrace(ctx, info, st, p);
    for (const c of p.commands) checkRunBuildArgs(ctx, info, st, c, tracker);
  }
}

/** `X=${{ secrets.Y }}` or `export X="$TOKEN"`: X now holds a secret (or, reassigned, no longer does). */
function recordAssignments(c: Command, locals: Map<string, boolean>, tracker: SecretTracker): void {
  let k = 0;
  while (k < c.words.length && ASSIGNMENT.test(c.words[k].raw)) k++;
  const words = k === c.words.length ? c.words : EXPORTERS.has(c.words[k].value) ? c.words.slice(k + 1).filter((w) => ASSIGNMENT.test(w.raw)) : [];
  for (const w of words) {
    const eq = w.value.indexOf('=');
    const valueStart = w.at[eq + 1] ?? w.end;
    const carried = w.expansions.some((e) => e.start >= valueStart && tracker.carries(e));
    locals.set(w.value.slice(0, eq).replace(/\+$/, ''), carried && !isOutputOfOtherCommand(w.raw.slice(w.raw.indexOf('=') + 1)));
  }
}

/**
 * `X=$(curl -u "$TOKEN" …)`: X holds what the command printed (a response, a count), not the
 * token it used. Only a command that passes its input through (`$(echo "$TOKEN" | base64)`) keeps it.
 */
function isOutputOfOtherCommand(valueRaw: string): boolean {
  const m = /^["']?(?:\$\(|`)\s*(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*([A-Za-z0-9_./-]+)/.exec(valueRaw);
  return !!m && !PASS_THROUGH.has(m[1].replace(/^.*\//, ''));
}

/** The command's name and arguments, past leading assignments and `sudo`. */
export function commandOf(c: Command): { name: string; args: Word[] } {
  let k = 0;
  while (k < c.words.length && ASSIGNMENT.test(c.words[k].raw)) k++;
  if (c.words[k]?.value === 'sudo') {
    k++;
    while (k < c.words.length && c.words[k].value.startsWith('-')) k++;
  }
  const name = c.words[k]?.value ?? '';
  return { name: name.replace(/^.*\//, ''), args: c.words.slice(k + 1) };
}

interface Origin { start: number; end: number }

function stdinOrigin(c: Command, tracker: SecretTracker): Origin | undefined {
  for (const r of c.redirects) {
    if (r.heredoc) {
      const e = r.heredoc.expansions.find((x) => tracker.carries(x));
      if (e) return e;
    } else if (r.op === '<<<' && r.target) {
      const e = r.target.expansions.find((x) => tracker.carries(x));
      if (e) return e;
    }
  }
  return undefined;
}

function isStdoutWrite(r: Redirect): boolean {
  if (r.fd !== '' && r.fd !== '1') return false;
  if (['>', '>>', '>|', '&>', '&>>'].includes(r.op)) return true;
  return r.op === '>&' && !!r.target && !/^(\d+|-)$/.test(r.target.value);
}

function sinkKind(target: string): SinkKind | undefined {
  if (/^\/dev\/(null|stdout|stderr|tty|fd\/\d+)$/.test(target)) return undefined;
  if (/GITHUB_ENV|GITHUB_STATE/.test(target)) return 'env';
  if (/GITHUB_OUTPUT/.test(target)) return 'output';
  if (/GITHUB_STEP_SUMMARY/.test(target)) return 'summary';
  return 'file';
}

function checkWrites(ctx: AnalysisContext, info: StepInfo, st: ScalarText, p: Pipeline, tracker: SecretTracker): void {
  let stream: Origin | undefined;
  for (let k = 0; k < p.commands.length; k++) {
    const c = p.commands[k];
    const { name, args } = commandOf(c);
    let out: Origin | undefined;
    if (PASS_THROUGH.has(name)) {
      out = args.flatMap((a) => a.expansions).find((e) => tracker.carries(e)) ?? stdinOrigin(c, tracker) ?? (k > 0 ? stream : undefined);
    } else if (name === 'printenv' || name === 'env') {
      // `printenv TOKEN`, or a dump of the whole environment while secrets are bound in it.
      const named = args.find((a) => tracker.envBound(a.value));
      if (named) out = named;
      else if (args.length === 0 && [...info.scope.values()].some((b) => b.secret)) out = c.words[c.words.length - 1];
    }
    if (out) {
      const targets: Word[] = [];
      if (name === 'tee') targets.push(...args.filter((a) => !a.value.startsWith('-')));
      for (const r of c.redirects) if (isStdoutWrite(r) && r.target) targets.push(r.target);
      for (const t of targets) {
        const kind = sinkKind(t.value);
        if (!kind) continue;
        reportWrite(ctx, info, st, out, t, kind);
        return;
      }
    }
    stream = out;
  }
}

const SINK_TEXT: Record<SinkKind, (target: string) => string> = {
  file: (t) => `to a file (${t}): files outlive the step, end up in caches, artifacts and built images, and every later step can read them`,
  env: () => 'to $GITHUB_ENV: every later step of the job gets it in its environment, where any tool can print it to the log',
  output: () => 'to $GITHUB_OUTPUT: step outputs are kept with the run, handed to later steps and jobs, and printed in their logs',
  summary: () => 'to $GITHUB_STEP_SUMMARY: the job summary is shown to everyone who can see the run, unmasked',
};

function clip(s: string, n = 60): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function reportWrite(ctx: AnalysisContext, info: StepInfo, st: ScalarText, origin: Origin, target: Word, kind: SinkKind): void {
  const shown = clip(st.value.slice(origin.start, origin.end));
  const [start, end] = st.toDoc(origin.start, origin.end);
  ctx.report({
    ruleId: 'ci-secret-written-to-file',
    start, end,
    message: message`This step writes ${shown} ${SINK_TEXT[kind](clip(target.value, 40))}. Pass the secret through the step's env: and use it in memory (for example a tool's token variable or --password-stdin).`,
    fingerprintSource: `${st.value.slice(origin.start, origin.end)}>${target.value}`,
    symbolPath: `${info.path}.run`,
  });
}

function checkXtrace(ctx: AnalysisContext, info: StepInfo, st: ScalarText, p: Pipeline): void {
  for (const c of p.commands) {
    const { name, args } = commandOf(c);
    if (name !== 'set') continue;
    args.forEach((a, j) => {
      const flag = /^-[A-Za-z]*x[A-Za-z]*$/.test(a.value) ? a : a.value === '-o' && args[j + 1]?.value === 'xtrace' ? args[j + 1] : undefined;
      if (!flag) return;
      const [start, end] = st.toDoc(flag.start, flag.end);
      const bound = [...info.scope.entries()].filter(([, b]) => b.secret && b.level !== 'workflow').map(([n]) => n);
      const inScope = bound.length ? ` (env: ${clip(bound.join(', '), 80)})` : ' (used by this script)';
      ctx.report({
        ruleId: 'ci-secret-written-to-file',
        start, end,
        message: message`set -x traces every command with its arguments expanded while secrets are in scope${inScope}: a secret on a command line goes to the log, and masking misses transformed values (base64, URL-encoded, split). Remove set -x or turn it off (set +x) before commands that use secrets; pass secrets through env: and use them in memory.`,
        fingerprintSource: `set ${a.value}`,
        symbolPath: `${info.path}.run`,
      });
    });
  }
}
