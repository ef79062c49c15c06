import type { AnalysisContext } from '../context.js';
import { symbolPathFor, type Instr, type Pair } from './model.js';
import { message } from '../../secrets/message.js';

/**
 * `VAULT_TOKEN` set by ENV or ARG, literal or reference: the image (or its build) runs on a static
 * Vault token. Reported instead of dockerfile-env-secret / dockerfile-arg-secret for that pair,
 * one diagnostic per problem, with no automatic fix: the replacement is an auth method.
 */
export function reportVaultToken(ctx: AnalysisContext, instr: Instr, pair: Pair): void {
  const how = instr.keyword === 'ARG'
    ? message`is passed as a build argument, which records it in the image history`
    : message`is set in the image configuration, where anyone who can pull the image reads it`;
  ctx.report({
    ruleId: 'vault-static-token',
    start: pair.start,
    end: pair.end,
    message: message`${instr.keyword} ${pair.name}: a static Vault token ${how}, and it unlocks every secret the server can read. Authenticate with AppRole or Kubernetes auth, or read a short-lived token from a Vault Agent sink file; then revoke this token.`,
    fingerprintSource: pair.value && pair.value.trim() ? pair.value : `${instr.keyword} ${pair.name}`,
    symbolPath: symbolPathFor(instr, pair.name),
  });
}
