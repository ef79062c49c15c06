import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

/**
 * A command-line tool a test drives for real (nvim, pre-commit): the one on PATH, else Debian's
 * package installed with apt-get (`.ci/run` installs them up front; this covers a developer's
 * machine). Returns its version line, or why it cannot be had, for the test to skip with.
 */
export function ensureDebianTool(command: string, pkg: string, versionArgs = ['--version']): { version?: string; skip?: string } {
  const version = () => {
    const r = spawnSync(command, versionArgs, { encoding: 'utf8', timeout: 20_000 });
    return r.status === 0 ? `${r.stdout}${r.stderr}`.trim().split('\n')[0] : undefined;
  };
  const have = version();
  if (have) return { version: have };
  if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/apt-get')) return { skip: `${command} is not on PATH and there is no apt-get to install it` };
  const sudo = typeof process.getuid === 'function' && process.getuid() !== 0 ? ['sudo', '-n'] : [];
  const apt = (...args: string[]) => {
    const [cmd, ...rest] = [...sudo, 'apt-get', ...args];
    const r = spawnSync(cmd!, rest, { encoding: 'utf8', timeout: 600_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return { ok: r.status === 0, log: `${r.error?.message ?? ''}${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-3).join(' | ') };
  };
  console.log(`# ${command} not found: installing the Debian package ${pkg} with apt-get (once)`);
  let r = apt('install', '-y', '--no-install-recommends', pkg);
  if (!r.ok) {
    const u = apt('update');
    if (!u.ok) return { skip: `${command} is not installed and apt-get update failed: ${u.log}` };
    r = apt('install', '-y', '--no-install-recommends', pkg);
  }
  const v = version();
  return v ? { version: v } : { skip: `${command} is not installed and could not be installed with apt-get: ${r.log}` };
}
