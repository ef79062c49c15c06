import * as path from 'node:path';
import type { AnalysisContext } from '../context.js';

/**
 * The git-ignored `.env` a fix may append a moved secret to: the nearest one from the document's
 * folder up to its workspace root. Never a tracked or un-ignored one: moving a secret into a file
 * that gets committed would only move the leak.
 */
export function findIgnoredDotenv(ctx: AnalysisContext): string | undefined {
  const host = ctx.host;
  if (!host) return undefined;
  const root = host.workspaceRoot(ctx.path);
  let dir = path.dirname(ctx.path);
  for (let i = 0; i < 32; i++) {
    const candidate = path.join(dir, '.env');
    if (host.exists(candidate)) {
      return host.isGitIgnored(candidate) && host.isGitTracked(candidate) !== true ? candidate : undefined;
    }
    if (!root || dir === root) break;
    const parent = path.dirname(dir);
    if (parent === dir || !parent.startsWith(root)) break;
    dir = parent;
  }
  return undefined;
}

/** `NAME=value` quoted the way dotenv parsers read back verbatim. */
export function dotenvLine(name: string, value: string): string {
  if (/^[A-Za-z0-9_./:@+=-]*$/.test(value)) return `${name}=${value}`;
  if (!value.includes("'") && !value.includes('\n')) return `${name}='${value}'`;
  return `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
