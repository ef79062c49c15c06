// `npm start`: build when the bundles are missing or older than the sources, then scan the
// bundled example workspace and print what secretzero finds there.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
function newest(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}
const cli = join(root, 'dist', 'cli.js');
const stale = !existsSync(cli) || statSync(cli).mtimeMs < Math.max(newest(join(root, 'server', 'src')), newest(join(root, 'rules')));
if (stale) {
  const b = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const r = spawnSync(process.execPath, [join(root, 'bin', 'secretzero.js'), 'scan', 'examples', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
// Findings in the examples are the point of the demo: exit 0 unless the CLI itself failed.
process.exit(r.status === 2 ? 2 : 0);
