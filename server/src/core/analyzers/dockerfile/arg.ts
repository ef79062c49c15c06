import { describeSecret } from '../../secrets/index.js';
import type { Fix } from '../../types.js';
import type { AnalysisContext } from '../context.js';
import { mountEdits, mountTitle, newPlan, planRemoval, planRun, unsafeFix } from './fixes.js';
import { credentialIn, isSecretByName, secretId, type CredentialValue } from './judge.js';
import { dockerfileVariables, isReferenceTo, variablesRead } from '../../lang/shell.js';
import { symbolPathFor, type DockerModel, type Instr, type Pair } from './model.js';
import { runScript } from './run.js';
import { reportVaultToken } from './vault.js';
import { message, type Message } from '../../secrets/message.js';

const RULE = 'dockerfile-arg-secret';

interface ArgDecl { instr: Instr; index: number; pair: Pair }

/** Where a stage uses an ARG: each RUN with the variable names it reads it under, and ENV pairs. */
interface ArgUse {
  runs: Map<Instr, Set<string>>;
  envPairs: { instr: Instr; index: number; pair: Pair }[];
}

/**
 * ARGs, tracked per build stage. An ARG before the first FROM is global: only FROM lines see it,
 * and a stage's RUN/ENV see it only after the stage re-declares it (`ARG NAME`), so uses are
 * attributed to the declaration in scope, which is the one reported. `ENV X=${NAME}` re-exports
 * the value: a later RUN reading `$X` uses it too. A use is an expansion by the shell's (RUN) or
 * Docker's (ENV) quoting rules: `RUN echo '$NAME'` prints the text, it does not read the value.
 */
export function checkArgs(ctx: AnalysisContext, model: DockerModel, claimed: Set<Pair>): void {
  const escape = model.dockerfile.getEscapeCharacter();
  for (const instr of model.globals) {
    if (instr.keyword !== 'ARG') continue;
    instr.pairs.forEach((pair, index) => judge(ctx, model, { instr, index, pair }, undefined, claimed));
  }
  for (const stage of model.stages) {
    const scope = new Map<string, ArgDecl>();
    const reexports = new Map<string, ArgDecl>();
    const uses = new Map<ArgDecl, ArgUse>();
    const useOf = (d: ArgDecl) => {
      let u = uses.get(d);
      if (!u) uses.set(d, (u = { runs: new Map(), envPairs: [] }));
      return u;
    };
    const decls: ArgDecl[] = [];
    for (const instr of stage.body) {
      if (instr.keyword === 'ARG') {
        instr.pairs.forEach((pair, index) => {
          const decl = { instr, index, pair };
          decls.push(decl);
          scope.set(pair.name, decl);
          reexports.delete(pair.name);
        });
      } else if (instr.keyword === 'RUN') {
        const script = runScript(ctx, instr)?.text ?? '';
        const note = (decl: ArgDecl, env: string) => {
          const runs = useOf(decl).runs;
          runs.set(instr, (runs.get(instr) ?? new Set()).add(env));
        };
        // Lexed once, and only when the script mentions a name in scope.
        let read: Set<string> | undefined;
        // npm and yarn expand `${NAME}` in .npmrc / .yarnrc.yml themselves, from the environment the
        // ARG is in during this RUN: `echo '…:_authToken=${NPM_TOKEN}' > .npmrc && npm ci` uses it.
        const toolExpands = /\.npmrc|\.yarnrc/.test(script);
        const reads = (name: string) => script.includes(name)
          && ((read ??= variablesRead(script)).has(name) || (toolExpands && script.includes(`\${${name}}`)));
        for (const [name, decl] of scope) if (reads(name)) note(decl, name);
        for (const [env, decl] of reexports) if (reads(env)) note(decl, env);
      } else if (instr.keyword === 'ENV') {
        instr.pairs.forEach((pair, index) => {
          if (pair.value === null) return;
          const read = dockerfileVariables(pair.rawValue, escape);
          for (const [name, decl] of scope) {
            if (!read.has(name)) continue;
            useOf(decl).envPairs.push({ instr, index, pair });
            if (isReferenceTo(pair.rawValue, name)) reexports.set(pair.name, decl);
          }
        });
      }
    }
    for (const decl of decls) judge(ctx, model, decl, uses.get(decl), claimed);
  }
}

function judge(ctx: AnalysisContext, model: DockerModel, decl: ArgDecl, use: ArgUse | undefined, claimed: Set<Pair>): void {
  const { instr, pair } = decl;
  if (pair.name === 'VAULT_TOKEN') {
    reportVaultToken(ctx, instr, pair);
    claimed.add(pair);
    return;
  }
  const credential = credentialIn(pair.value, pair.name);
  const used = !!use && (use.runs.size > 0 || use.envPairs.length > 0);
  const secretUse = used && isSecretByName(pair.name, pair.value, { emptyIsSecret: true });
  if (!credential && !secretUse) return;
  claimed.add(pair);
  const mount = used ? mountFix(ctx, model, decl, use!) : undefined;
  const fixes: Fix[] = mount ? [mount] : [];
  if (credential && !used) fixes.push(removeDefaultFix(ctx, pair));
  ctx.report({
    ruleId: RULE,
    start: pair.start,
    end: pair.end,
    message: credential ? credentialMessage(pair, credential) : useMessage(pair, use!),
    fingerprintSource: credential ? credential.secret : `ARG ${pair.name}`,
    symbolPath: symbolPathFor(instr, pair.name),
    fixes,
  });
}

function useMessage(pair: Pair, use: ArgUse): Message {
  const history = message`build arguments are recorded in the image history and build metadata`;
  if (!use.runs.size) {
    return message`Build argument ${pair.name} is copied into the image configuration by ENV, and ${history}. Drop both and pass the value to the container at run time.`;
  }
  const copied = use.envPairs.length ? message`, and ENV copies the value into the image configuration` : '';
  return message`Build argument ${pair.name} is used by RUN: ${history}${copied}. Mount it as a build secret instead (RUN --mount=type=secret,id=${secretId(pair.name)},env=${pair.name}).`;
}

function credentialMessage(pair: Pair, credential: CredentialValue): Message {
  return message`ARG ${pair.name} has a credential as its default, ${describeSecret(credential.kind, credential.secret)}: it is in the Dockerfile, in the image history of every RUN that follows, and in build metadata. Remove it, rotate it, and pass it as a build secret.`;
}

/** Drop the ARG (and every ENV pair that copies it) and mount the secret on each RUN that used it. */
function mountFix(ctx: AnalysisContext, model: DockerModel, decl: ArgDecl, use: ArgUse): Fix {
  const { pair } = decl;
  const plan = newPlan(secretId(pair.name), pair.name);
  planRemoval(plan, decl.instr, decl.index);
  for (const e of use.envPairs) planRemoval(plan, e.instr, e.index);
  for (const [run, envs] of use.runs) for (const env of envs) planRun(plan, run, env);
  const envNames = [...new Set(use.envPairs.map((e) => e.pair.name))];
  const runTime = envNames.length
    ? `pass it at run time (docker run -e ${envNames.join(' -e ')} / a secrets manager)`
    : '';
  const title = use.runs.size
    ? mountTitle(RULE, plan, envNames.length ? `; ENV ${envNames.join(', ')} removed: ${runTime}` : '')
    : `secretzero (${RULE}): remove ARG ${pair.name} and ENV ${envNames.join(', ')} — ${runTime}`;
  return unsafeFix(title, mountEdits(ctx, model, plan), true);
}

/** `ARG NAME=<credential>` → `ARG NAME`: the value must then come from the build command. */
function removeDefaultFix(ctx: AnalysisContext, pair: Pair): Fix {
  const eq = ctx.text.lastIndexOf('=', pair.valueStart - 1);
  const from = eq >= pair.start ? eq : pair.valueStart;
  return unsafeFix(
    `secretzero (${RULE}): remove the credential default of ARG ${pair.name} — rotate it; a build that needs it must pass it with docker build --secret`,
    [ctx.edit(from, pair.valueEnd, '')],
    true,
  );
}
