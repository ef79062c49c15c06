import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { AnalysisContext } from '../context.js';

/**
 * The `.dockerignore` that applies to a Dockerfile. The build context is assumed to be the
 * Dockerfile's folder; BuildKit prefers `<Dockerfile name>.dockerignore` beside the Dockerfile
 * over the context's `.dockerignore`, so that one is tried first.
 */
export interface DockerIgnore {
  /** The file a fix appends to (created when missing). */
  path: string;
  exists: boolean;
  text: string;
}

export function loadDockerignore(ctx: AnalysisContext): DockerIgnore {
  const specific = ctx.path + '.dockerignore';
  const general = path.join(path.dirname(ctx.path), '.dockerignore');
  // A Dockerfile in a subfolder is usually built with the repository as its context
  // (`docker build -f docker/Dockerfile .`): that context's .dockerignore applies then.
  const root = ctx.host?.workspaceRoot(ctx.path);
  const context = root && root !== path.dirname(ctx.path) ? [path.join(root, '.dockerignore')] : [];
  for (const p of [specific, general, ...context]) {
    const text = ctx.host?.readFile(p);
    if (text !== undefined) return { path: p, exists: true, text };
  }
  return { path: general, exists: false, text: '' };
}

/**
 * `.dockerignore` patterns are relative to the context root (`.env` excludes `./.env`, not
 * `config/.env`), unlike `.gitignore` ones, which match at any depth: anchor each pattern that
 * does not start with `**` before handing it to `ignore`.
 */
export function anchorPattern(line: string): string {
  const trimmed = line.trim();
  if (!trimmed || trimmed.startsWith('#')) return trimmed;
  const negated = trimmed.startsWith('!');
  let pattern = negated ? trimmed.slice(1) : trimmed;
  pattern = pattern.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
  if (!pattern.startsWith('**')) pattern = '/' + pattern;
  return (negated ? '!' : '') + pattern;
}

function matcher(text: string): Ignore {
  return ignore().add(text.split(/\r?\n/).map(anchorPattern));
}

/** Whether the patterns exclude a context-relative path (gitignore semantics, via `ignore`). */
function excludedBy(ig: Ignore, rel: string): boolean {
  try {
    return ig.ignores(rel);
  } catch {
    // `ignore` rejects paths it cannot relate to the root (`../x`): not in the context anyway.
    return false;
  }
}

export function isExcluded(di: DockerIgnore, rel: string): boolean {
  return di.exists && excludedBy(matcher(di.text), rel);
}

/** A line a fix wants in the `.dockerignore`, and paths that show whether it already holds. */
export interface WantedLine { line: string; probes: string[] }

/**
 * The lines still missing, in order. Each is judged against the file plus the lines kept before
 * it, so `!.env.example` is appended only once `.env.*` would exclude the example.
 */
export function missingLines(di: DockerIgnore, wanted: WantedLine[]): string[] {
  const ig = matcher(di.text);
  const out: string[] = [];
  for (const w of wanted) {
    const negated = w.line.startsWith('!');
    if (w.probes.every((p) => excludedBy(ig, p) === !negated)) continue;
    out.push(w.line);
    ig.add(anchorPattern(w.line));
  }
  return out;
}
