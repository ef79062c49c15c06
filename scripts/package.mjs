// `npm run package`: the VS Code extension as a .vsix. Production bundles (minified, no source
// maps) are built into a staging folder with the files the package ships, then
// `vsce package --no-dependencies` runs there; `.vscodeignore` (an allow-list) decides what goes
// in. Staging leaves dist/ alone, so tests and `npm start` running meanwhile never see it change.
//
//   node scripts/package.mjs [--out FILE] [--if-stale]
//     --out FILE    where to write the .vsix (default: secretzero-<version>.vsix in the repo root)
//     --if-stale    do nothing when FILE is newer than every input (tests and the e2e run reuse it)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version, name } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/**
 * Files copied into the stage (repository path → path in the package); the bundles are built there.
 * The package's README.md is the extension's own (client/README.md): the repository README is for
 * contributors and links into the repository, which a package cannot resolve.
 */
export const STAGED = {
  'package.json': 'package.json', 'client/README.md': 'README.md', 'CHANGELOG.md': 'CHANGELOG.md', LICENSE: 'LICENSE',
  '.vscodeignore': '.vscodeignore', 'images/icon.png': 'images/icon.png', rules: 'rules', syntaxes: 'syntaxes',
};
/** Everything the package is made from: a change to any of these makes a cached .vsix stale. */
export const INPUTS = [...Object.keys(STAGED), 'server/src', 'client/src', 'scripts/build.mjs', 'scripts/build-rules.mjs', 'scripts/package.mjs', 'package-lock.json'];

function newest(p) {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = s.mtimeMs;
  for (const n of readdirSync(p)) {
    // The generated catalog is rewritten by every build; rules/ already covers its content.
    if (n === 'catalog.generated.ts') continue;
    t = Math.max(t, newest(join(p, n)));
  }
  return t;
}

export function isStale(vsix) {
  if (!existsSync(vsix)) return true;
  return statSync(vsix).mtimeMs < Math.max(...INPUTS.map((p) => newest(join(root, p))));
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${[cmd, ...args].join(' ')} failed (exit ${r.status ?? r.signal})`);
}

export function packageVsix(out) {
  const started = Date.now();
  const stage = resolve(dirname(out), `.stage-${process.pid}`);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  try {
    for (const [from, to] of Object.entries(STAGED)) cpSync(join(root, from), join(stage, to), { recursive: true });
    // `files` is the npm tarball's allow-list; the .vsix has its own (.vscodeignore), and vsce refuses both.
    const manifest = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'));
    delete manifest.files;
    writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
    run(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production', `--outdir=${join(stage, 'dist')}`], root);
    const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    const tmp = `${out}.${process.pid}.tmp.vsix`;
    // No repository field: the package is built and installed locally, never published from here.
    // vsce's own secret check reads the detector table's near-miss examples (`xoxb-your-token-here`)
    // as Slack tokens; they are the examples one test runs for every format, not credentials.
    run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--allow-package-secrets', 'slack', '--out', tmp], stage);
    rmSync(out, { force: true });
    cpSync(tmp, out);
    rmSync(tmp, { force: true });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  console.log(`package: ${out} (${(statSync(out).size / 1024).toFixed(0)} KiB) in ${Date.now() - started} ms`);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const out = resolve(i > 0 ? process.argv[i + 1] : join(root, `${name}-${version}.vsix`));
  mkdirSync(dirname(out), { recursive: true });
  if (process.argv.includes('--if-stale') && !isStale(out)) console.log(`package: ${out} is up to date`);
  else packageVsix(out);
}
