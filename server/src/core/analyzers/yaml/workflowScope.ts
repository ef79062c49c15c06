import type { YAMLMap } from 'yaml';
import { hasShapeWord, isSecretLikeName } from '../../secrets/index.js';
import { asScalar, entries, scalarString, type YDoc } from './nodes.js';

/** An `env:` binding visible to a step, and whether its value is (or carries) a secret. */
export interface EnvBinding { value: string; secret: boolean; level: 'workflow' | 'job' | 'step' }
export type EnvScope = Map<string, EnvBinding>;

/**
 * Whether a `${{ … }}` expression yields a secret's value: `secrets.X`, `secrets['X']`,
 * `toJSON(secrets)`, `github.token`, or `env.X` where X is itself bound to one. A comparison
 * (`secrets.X != ''`) yields a boolean and is not a secret.
 */
export function isSecretExpression(expr: string, scope: EnvScope): boolean {
  if (/[=!<>]=|[<>]/.test(expr)) return false;
  if (/\bgithub\.token\b/.test(expr)) return true;
  if (/\bsecrets\b/.test(expr)) {
    // Repositories keep configuration in secrets too: `secrets.AWS_REGION`, `secrets.PRODUCT_ID`
    // name a region and an id, and their values are printed in logs and summaries by design.
    const named = [...expr.matchAll(/\bsecrets(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([^'"]+)['"]\s*\])/g)].map((m) => m[1] ?? m[2]);
    return !named.length || named.some((n) => isSecretLikeName(n) || !hasShapeWord(n));
  }
  for (const m of expr.matchAll(/\benv\.([A-Za-z_][A-Za-z0-9_]*)/g)) if (scope.get(m[1])?.secret) return true;
  return false;
}

/** The secret expressions inside a YAML value, with their offsets in it. */
export function secretExpressions(text: string, scope: EnvScope): { start: number; end: number; expr: string }[] {
  const out: { start: number; end: number; expr: string }[] = [];
  for (const m of text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)) {
    if (isSecretExpression(m[1], scope)) out.push({ start: m.index!, end: m.index! + m[0].length, expr: m[1].trim() });
  }
  return out;
}

/** The scope one level down: `env:` of a job over the workflow's, of a step over the job's. */
export function extendScope(doc: YDoc, env: YAMLMap | undefined, parent: EnvScope, level: EnvBinding['level']): EnvScope {
  const scope: EnvScope = new Map(parent);
  for (const e of entries(doc, env)) {
    const value = scalarString(asScalar(doc, e.pair.value)) ?? '';
    scope.set(e.key, { value, secret: secretExpressions(value, parent).length > 0, level });
  }
  return scope;
}

export function hasSecretBinding(scope: EnvScope): boolean {
  for (const b of scope.values()) if (b.secret) return true;
  return false;
}
