import { describeSecret } from '../../secrets/index.js';
import type { Fix } from '../../types.js';
import type { AnalysisContext } from '../context.js';
import { removeItems } from './edits.js';
import { mountEdits, mountTitle, newPlan, planRemoval, planRun, unsafeFix } from './fixes.js';
import { credentialIn, isSecretByName, secretId } from './judge.js';
import { readsVariable } from '../../lang/shell.js';
import { symbolPathFor, type DockerModel, type Instr, type Pair } from './model.js';
import { runScript } from './run.js';
import { reportVaultToken } from './vault.js';
import { message } from '../../secrets/message.js';

const RULE = 'dockerfile-env-secret';

/**
 * ENV pairs: `VAULT_TOKEN` (vault-static-token) and secrets baked into the image config
 * (dockerfile-env-secret); `NODE_TLS_REJECT_UNAUTHORIZED` is already claimed by tls.ts.
 * Pairs reported here are added to `claimed` so the literal scan does not report them again.
 */
export function checkEnvs(ctx: AnalysisContext, model: DockerModel, claimed: Set<Pair>): void {
  for (const instr of model.instrs) {
    if (instr.keyword !== 'ENV') continue;
    instr.pairs.forEach((pair, index) => {
      if (pair.value === null || claimed.has(pair)) return; // NODE_TLS_REJECT_UNAUTHORIZED: tls.ts
      if (pair.name === 'VAULT_TOKEN') {
        if (pair.value.trim() !== '') reportVaultToken(ctx, instr, pair);
        claimed.add(pair);
      } else if (checkSecretPair(ctx, model, instr, pair, index)) {
        claimed.add(pair);
      }
    });
  }
}

function checkSecretPair(ctx: AnalysisContext, model: DockerModel, instr: Instr, pair: Pair, index: number): boolean {
  const credential = credentialIn(pair.value, pair.name);
  if (!credential && !isSecretByName(pair.name, pair.value, { emptyIsSecret: false })) return false;
  const where = message`the image configuration: anyone who can pull the image reads it with docker inspect, and every image built FROM it inherits it`;
  const expanded = pair.value!.includes('$') ? message` (the expanded value is what gets stored)` : '';
  const text = credential
    ? message`ENV ${pair.name} bakes a credential, ${describeSecret(credential.kind, credential.secret)}, into ${where}. Pass it at run time instead, and rotate it.`
    : message`ENV ${pair.name} puts a secret into ${where}${expanded}. Pass it at run time instead.`;
  ctx.report({
    ruleId: RULE,
    start: pair.start,
    end: pair.end,
    message: text,
    fingerprintSource: credential ? credential.secret : `ENV ${pair.name}`,
    symbolPath: symbolPathFor(instr, pair.name),
    fixes: envFixes(ctx, model, instr, pair, index),
  });
  return true;
}

function envFixes(ctx: AnalysisContext, model: DockerModel, instr: Instr, pair: Pair, index: number): Fix[] {
  const runTime = `pass it at run time (docker run -e ${pair.name} / a secrets manager)`;
  const fixes: Fix[] = [];
  const body = instr.stage?.body ?? [];
  const runs = body.slice(body.indexOf(instr) + 1).filter((i) => readsVariable(runScript(ctx, i)?.text ?? '', pair.name));
  if (runs.length) {
    const plan = newPlan(secretId(pair.name), pair.name);
    planRemoval(plan, instr, index);
    for (const run of runs) planRun(plan, run, pair.name);
    fixes.push(unsafeFix(mountTitle(RULE, plan, `, and ${runTime} if the container needs it`), mountEdits(ctx, model, plan), true));
  }
  fixes.push(unsafeFix(`secretzero (${RULE}): remove ENV ${pair.name} — ${runTime}`, removeItems(ctx, instr, instr.pairs, new Set([index])), !runs.length));
  return fixes;
}
