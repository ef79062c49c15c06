// Builds everything that runs: the rule catalog module, then esbuild bundles of the language
// server, the CLI (and its scan worker) and the VS Code client. `--production` minifies;
// `--outdir=DIR` writes the bundles elsewhere than dist/ (scripts/package.mjs stages the .vsix so).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCatalog } from './build-rules.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const outdir = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// TypeScript's CommonJS entry exposes its API as ~2,500 getters on one dictionary-mode object, so
// every `ts.isIdentifier(n)` in a rule's hot loop is a hash lookup plus a getter call. Bundles get
// instead a small fast-mode object holding, as plain data, the names secretzero's sources read
// (`ts.<name>`, collected here), with TypeScript's own exports as its prototype for anything else:
// tree walks in rules run about 1.5–2× faster (bench/README.md). Nothing mutates the namespace.
function typescriptNamesUsed() {
  const names = new Set();
  for (const f of readdirSync(join(root, 'server', 'src'), { recursive: true })) {
    if (!String(f).endsWith('.ts')) continue;
    for (const m of readFileSync(join(root, 'server', 'src', String(f)), 'utf8').matchAll(/\bts\.([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
  }
  return [...names].sort();
}
const plainTypeScript = {
  name: 'plain-typescript',
  setup(b) {
    b.onResolve({ filter: /^typescript$/ }, (args) => (args.namespace === 'plain-typescript' ? undefined : { path: 'typescript', namespace: 'plain-typescript' }));
    b.onLoad({ filter: /.*/, namespace: 'plain-typescript' }, () => ({
      contents: `const ts = require('typescript');\nmodule.exports = { __proto__: ts, ${typescriptNamesUsed().map((n) => `${JSON.stringify(n)}: ts[${JSON.stringify(n)}]`).join(', ')} };\n`,
      resolveDir: root,
      loader: 'js',
    }));
  },
};

// The CLI's main thread needs the analysis core (and TypeScript, ~60 MB resident once loaded) only
// when it scans inline (few files, --jobs 1): a pooled scan leaves it to the workers. So the core
// is its own bundle, loaded on demand by the CLI's `import('./scan.js')` and by each worker, through
// its build-time V8 code cache (server/src/node/codeCache.ts, written by scripts/code-cache.mjs).
const sharedScanCore = {
  name: 'shared-scan-core',
  setup(b) {
    b.onResolve({ filter: /^\.\/scan\.js$/ }, (args) => (/[\\/]cli[\\/](main|pool|scanWorker)\.ts$/.test(args.importer) ? { path: 'scan-core', namespace: 'shared-scan-core' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'shared-scan-core' }, () => ({
      contents: "const { requireWithCodeCache } = require('./server/src/node/codeCache.ts');\nmodule.exports = requireWithCodeCache(require('node:path').join(__dirname, 'scan-core.js'));\n",
      resolveDir: root,
      loader: 'js',
    }));
  },
};

const rules = writeCatalog();
const common = {
  plugins: [plainTypeScript],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  // ESM dependencies (fdir) read import.meta.url; give the CommonJS bundle a real one.
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  define: { __SECRETZERO_VERSION__: JSON.stringify(version), 'import.meta.url': '__import_meta_url' },
};

const started = Date.now();
await Promise.all([
  build({ ...common, entryPoints: { server: 'server/src/lsp/main.ts' }, outdir }),
  // `import()` of the CommonJS core would go through Node's ESM loader, which runs cjs-module-lexer
  // and module-syntax detection over its 11 MB (~0.9 s per scan in a CPU profile): emit `require`.
  build({ ...common, entryPoints: { cli: 'server/src/cli/entry.ts', 'scan-worker': 'server/src/cli/scanWorker.ts', 'walk-worker': 'server/src/cli/walkWorker.ts' }, outdir, plugins: [...common.plugins, sharedScanCore], supported: { 'dynamic-import': false } }),
  build({ ...common, entryPoints: { 'scan-core': 'server/src/cli/scan.ts', 'code-cache': 'server/src/node/codeCache.ts' }, outdir }),
  build({ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir, external: ['vscode'] }),
]);
// The code caches are made by a fresh Node (the one that will run the bundles) from the bundles
// just written; a production build is for the .vsix, run by VS Code's own Node, which would reject them.
if (!production) {
  const made = spawnSync(process.execPath, [join(root, 'scripts', 'code-cache.mjs'), outdir], { cwd: root, stdio: 'inherit' });
  if (made.status !== 0) process.exitCode = 1;
}
console.log(`build: ${rules.length} rules, bundles in ${outdir}/ (${production ? 'production' : 'development'}) in ${Date.now() - started} ms`);
