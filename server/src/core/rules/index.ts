import { RULES } from './catalog.generated.js';
import type { RuleMeta } from './ruleMeta.js';

export type { RuleMeta } from './ruleMeta.js';
export type { RuleId } from './catalog.generated.js';
export { RULES };

const BY_ID: ReadonlyMap<string, RuleMeta> = new Map(RULES.map((r) => [r.id, r]));

export function ruleMeta(id: string): RuleMeta {
  const meta = BY_ID.get(id);
  if (!meta) throw new Error(`unknown rule id ${id}: add rules/${id}.md`);
  return meta;
}

export function isRuleId(id: string): boolean {
  return BY_ID.has(id);
}
