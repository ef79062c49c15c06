import type { Fix } from '../../types.js';
import type { AnalysisContext } from '../context.js';
import { judgeEnvValue, type EnvVerdict, type JudgeOptions } from './envJudge.js';
import type { ScalarText } from './scalarMap.js';
import { message } from '../../secrets/message.js';

/** One `NAME=value` a container or an image build gets, wherever the manifest wrote it. */
export interface EnvSite {
  name: string;
  /** The value as the container sees it; undefined for pass-through (`- NAME`) and `valueFrom`. */
  value?: Pick<ScalarText, 'value' | 'toDoc'>;
  /** Where the name is written: the range when there is no value to point at. */
  nameRange: [number, number];
  symbolPath: string;
  /** For messages: "the environment of compose service 'api'". */
  where: string;
  /** What to do instead, for messages. */
  advice: string;
  /** Runtime environment (vault-static-token applies), as opposed to build args or ConfigMap data. */
  runtime: boolean;
  judge: JudgeOptions;
  fixes?: (v: EnvVerdict) => Fix[];
}

export function checkEnvSite(ctx: AnalysisContext, site: EnvSite): void {
  const value = site.value;
  if (site.runtime && site.name === 'VAULT_TOKEN') {
    const [start, end] = value && value.value.length ? value.toDoc(0, value.value.length) : site.nameRange;
    ctx.report({
      ruleId: 'vault-static-token',
      start, end,
      message: message`VAULT_TOKEN is set in ${site.where}: a long-lived Vault token handed to the container unlocks every secret its policy allows and rarely expires. Authenticate with AppRole or the Kubernetes auth method, or run Vault Agent and read its token sink or rendered secrets instead, then revoke this token.`,
      fingerprintSource: `VAULT_TOKEN=${value?.value ?? ''}`,
      symbolPath: site.symbolPath,
    });
  }
  if (!value || value.value === '') return;
  const v = judgeEnvValue(site.name, value.value, site.judge);
  if (!v) return;
  const [start, end] = value.toDoc(v.start, v.end);
  const what = v.reason === 'fallback'
    ? `${site.name} in ${site.where} falls back to ${v.description} when \${${v.fallbackVar}} is unset`
    : `${site.name} in ${site.where} is set to ${v.description}`;
  ctx.report({
    ruleId: 'container-env-literal-secret',
    start, end,
    message: message`${what}: manifests are committed and widely readable. ${site.advice} Rotate the exposed value.`,
    fingerprintSource: v.secret,
    fixes: site.fixes?.(v) ?? [],
    symbolPath: site.symbolPath,
    tier: v.detection?.tier ?? 2,
    confidence: v.detection?.confidence,
  });
}
