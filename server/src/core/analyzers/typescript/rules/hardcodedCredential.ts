import type ts from 'typescript';
import type { AnalysisContext } from '../../context.js';
import { checkLiteral, mayReportLiteral, type LiteralSite } from '../../common/literals.js';
import { dotenvLine, findIgnoredDotenv } from '../../common/dotenvTarget.js';
import { envNameFor } from '../../common/envName.js';
import type { Fix } from '../../../types.js';
import { collectLiterals, type TsLiteral } from '../literalSites.js';
import { replaceWithEnv } from '../envReplacement.js';

/**
 * hardcoded-credential and connection-string-password over every TS/JS literal. Fixes move the
 * value to `process.env.NAME`, and, where a git-ignored `.env` exists, offer to keep the value there.
 */
export function checkHardcodedLiterals(ctx: AnalysisContext, sf: ts.SourceFile): void {
  let dotenv: string | undefined | null = null; // looked up once, lazily
  const ignoredDotenv = () => (dotenv === null ? (dotenv = findIgnoredDotenv(ctx)) : dotenv);

  const fixesFor = (rule: string, lit: TsLiteral, start: number, end: number, name: string, value: string): Fix[] => {
    const edit = replaceWithEnv(ctx, lit, start, end, name);
    if (!edit) return [];
    const fixes: Fix[] = [{
      title: `secretzero (${rule}): replace with process.env.${name}`,
      applicability: 'unsafe',
      isPreferred: true,
      edits: [edit],
    }];
    const target = ignoredDotenv();
    if (target) {
      fixes.push({
        title: `secretzero (${rule}): replace with process.env.${name} and append ${name}=<value> to .env`,
        applicability: 'unsafe',
        edits: [edit],
        externalEdits: [ctx.appendToFile(target, [dotenvLine(name, value)])],
      });
    }
    return fixes;
  };

  // Only literals checkLiteral could report on get a site built (offsets, holder, symbol path).
  for (const lit of collectLiterals(sf, (value) => value.length >= 8 && mayReportLiteral(value))) {
    checkLiteral(ctx, lit, {
      credential: (site: LiteralSite, d) => fixesFor('hardcoded-credential', lit, d.start, d.end, envNameFor(site.holder, d), d.secret),
      connection: (_site, pw) => fixesFor('connection-string-password', lit, pw.start, pw.end, pw.suggestedName, pw.password),
    });
  }
}
