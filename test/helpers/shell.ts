import { spawnSync, type SpawnSyncOptions } from 'node:child_process';

/**
 * The environment for a nested npm (or a tool that runs npm): without the npm_* variables that an
 * outer `npm test` exports. A nested npm reads them as its own configuration (the outer user agent,
 * prefix and lifecycle state), so a test would pass or fail by how it was started.
 */
export function cleanNpmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, ...extra };
}

export interface Ran { code: number | null; out: string; err: string }

/** Runs a command to completion; output is kept for assertions and failure messages. */
export function run(cmd: string, args: string[], opts: SpawnSyncOptions = {}): Ran {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 600_000, maxBuffer: 64 * 1024 * 1024, ...opts });
  return { code: r.status, out: String(r.stdout ?? ''), err: `${r.error ? `${r.error.message}\n` : ''}${r.stderr ?? ''}` };
}

/** `what` failed: exit code and the tail of both streams, for an assertion message. */
export function describeRun(what: string, r: Ran): string {
  const tail = (s: string) => s.trim().split('\n').slice(-25).join('\n');
  return `${what} exited ${r.code}\n--- stdout\n${tail(r.out)}\n--- stderr\n${tail(r.err)}`;
}
