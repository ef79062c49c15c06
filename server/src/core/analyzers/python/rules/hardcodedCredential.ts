import type { AnalysisContext } from '../../context.js';
import { checkLiteral, mayReportLiteral, reportCredential } from '../../common/literals.js';
import { scanKnownFormats } from '../../../secrets/index.js';
import { isDocstring } from '../syntax.js';
import { dotenvLine, findIgnoredDotenv } from '../../common/dotenvTarget.js';
import { envNameFor } from '../../common/envName.js';
import type { Fix } from '../../../types.js';
import type { PyFileIndex } from '../fileIndex.js';
import { collectPyLiterals, type PyLiteral } from '../literalSites.js';
import { pyEnvEdits } from '../envReplacement.js';

/**
 * hardcoded-credential and connection-string-password over every Python string literal
 * (assignments, keyword arguments, dict literals, class attributes, defaults). The fix reads
 * `os.environ["NAME"]`; where the module loads a git-ignored `.env` (python-dotenv), a second fix
 * also keeps the value there, so nothing is lost.
 */
export function checkPyHardcodedLiterals(ctx: AnalysisContext, idx: PyFileIndex): void {
  // Stubs declare signatures: their values (`= ...`, defaults) are not deployment values.
  const stub = ctx.kind.kind === 'python' && ctx.kind.flavor === 'pyi';
  let dotenv: string | undefined | null = null;
  // Python does not read .env by itself: only offer to keep the value there when the module loads it.
  // Asked only once a finding needs its fixes: most files report nothing.
  let loadsDotenv: boolean | undefined;
  const ignoredDotenv = () => ((loadsDotenv ??= /\bload_dotenv\b|\bdotenv_values\b|env_file\s*=/.test(ctx.text)) ? (dotenv === null ? (dotenv = findIgnoredDotenv(ctx)) : dotenv) : undefined);

  const fixesFor = (rule: string, lit: PyLiteral, start: number, end: number, name: string, value: string): Fix[] => {
    const edits = pyEnvEdits(ctx, idx, lit, start, end, name);
    if (!edits) return [];
    const fixes: Fix[] = [{ title: `secretzero (${rule}): replace with os.environ["${name}"]`, applicability: 'unsafe', isPreferred: true, edits }];
    const target = ignoredDotenv();
    if (target) {
      fixes.push({
        title: `secretzero (${rule}): replace with os.environ["${name}"] and append ${name}=<value> to .env`,
        applicability: 'unsafe',
        edits,
        externalEdits: [ctx.appendToFile(target, [dotenvLine(name, value)])],
      });
    }
    return fixes;
  };

  for (const lit of collectPyLiterals(idx, (value) => value.length >= 8 && mayReportLiteral(value))) {
    if (stub || isDocstring(lit.node)) {
      // Documentation and stubs: `postgresql://user:pw@host/db` and doctest examples are
      // illustrations. Only a verified provider format is reported there, as in docs files.
      for (const d of scanKnownFormats(lit.value)) if (d.confidence === 'high') reportCredential(ctx, lit, d, {});
      continue;
    }
    checkLiteral(ctx, lit, {
      credential: (site, d) => fixesFor('hardcoded-credential', lit, ...offsets(lit, d.start, d.end), envNameFor(site.holder, d), d.secret),
      connection: (_site, pw) => fixesFor('connection-string-password', lit, ...offsets(lit, pw.start, pw.end), pw.suggestedName, pw.password),
    });
  }
}

/** Source offsets of a span of the literal's value (the whole body when escapes make them unknowable). */
function offsets(lit: PyLiteral, start: number, end: number): [number, number] {
  const inner = lit.rawText.slice(1, -1);
  if (inner === lit.value) return [lit.rawStart + 1 + start, lit.rawStart + 1 + end];
  return [lit.rawStart + 1, lit.rawStart + 1 + inner.length];
}
