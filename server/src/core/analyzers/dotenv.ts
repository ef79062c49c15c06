import * as path from 'node:path';
import { DOTENV_EXAMPLE } from '../classify.js';
import type { AnalysisContext } from './context.js';
import { message } from '../secrets/message.js';

/**
 * `.env` files hold local secrets by design, so no credential rule fires inside them; the one
 * question is whether git would pick the file up (dotenv-not-ignored).
 */
export function analyzeDotenv(ctx: AnalysisContext): void {
  const host = ctx.host;
  const base = path.basename(ctx.path);
  if (!host || DOTENV_EXAMPLE.test(base)) return;
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
