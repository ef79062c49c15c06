import * as path from 'node:path';
import { DOTENV_EXAMPLE } from '../classify.js';
import type { AnalysisContext } from './context.js';
import { message } from '../secrets/message.js';
import { detectValue, findConnectionPasswords, hasSecretEvidence, isPlaceholder, isPlausiblePassword, isSecretEnvName } from '../secrets/index.js';

/**
 * Whether any `NAME=value` line holds a secret: a known format, or under a secret-like name a value
 * that looks generated or a password a person chose. A committed `.env` of defaults (`PORT=3000`,
 * `DB_PASSWORD=postgres`, `API_KEY=`) exposes nothing.
 */
function holdsASecret(text: string): boolean {
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || !m[2] || m[2].startsWith('#')) continue;
    const value = m[2].replace(/^(['"])(.*)\1$/, '$2').replace(/\s+#.*$/, '');
    if (!value || isPlaceholder(value)) continue;
    if (detectValue(value, m[1]) || findConnectionPasswords(value).length) return true;
    if (isSecretEnvName(m[1]) && (hasSecretEvidence(value, m[1]) || (/pass|pwd/i.test(m[1]) && isPlausiblePassword(value)))) return true;
  }
  return false;
}

/**
 * `.env` files hold local secrets by design, so no credential rule fires inside them; the one
 * question is whether git would pick the file up (dotenv-not-ignored).
 */
export function analyzeDotenv(ctx: AnalysisContext): void {
  const host = ctx.host;
  const base = path.basename(ctx.path);
  if (!host || DOTENV_EXAMPLE.test(base) || !holdsASecret(ctx.text)) return;
  const tracked = host.isGitTracked(ctx.path);
  const ignored = host.isGitIgnored(ctx.path);
  if (ignored && tracked !== true) return;

  const root = host.workspaceRoot(ctx.path) ?? path.dirname(ctx.path);
  const gitignore = path.join(root, '.gitignore');
  const pattern = '/' + path.relative(root, ctx.path).replace(/\\/g, '/');
  const firstLineEnd = ctx.lines.lineEnd(0);
  const why = tracked ? 'is tracked by git' : 'is not ignored by any .gitignore';
  ctx.report({
    ruleId: 'dotenv-not-ignored',
    start: 0,
    end: firstLineEnd,
    message: message`${base} ${why}: its secrets will be committed. Add it to .gitignore${tracked ? ' and run `git rm --cached ' + base + '`' : ''}.`,
    fingerprintSource: pattern,
    fixes: ignored ? [] : [{
      title: `secretzero (dotenv-not-ignored): add ${pattern} to .gitignore`,
      applicability: 'safe',
      isPreferred: true,
      edits: [],
      externalEdits: [ctx.appendToFile(gitignore, [pattern])],
    }],
  });
}
