// Builds everything that runs: the rule catalog module, then esbuild bundles of the language
// server, the CLI (and its scan worker) and the VS Code client. `--production` minifies;
// `--outdir=DIR` writes the bundles elsewhere than dist/ (scripts/package.mjs stages the .vsix so).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCatalog } from './build-rules.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const outdir = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// TypeScript's CommonJS entry exposes its whole API through getters, so every `ts.isIdentifier(n)`
// in a rule's hot loop is a getter call, and each bundled module that imports it copies ~2,500
// getters at start-up. Serve instead an object with no own properties whose prototype is a plain
// copy of the API: lookups are plain data reads and the per-module copy is empty (bench/README.md).
// Nothing in secretzero mutates the TypeScript namespace.
const plainTypeScript = {
  name: 'plain-typescript',
  setup(b) {
    b.onResolve({ filter: /^typescript$/ }, (args) => (args.namespace === 'plain-typescript' ? undefined : { path: 'typescript', namespace: 'plain-typescript' }));
    b.onLoad({ filter: /.*/, namespace: 'plain-typescript' }, () => ({
      contents: "module.exports = Object.create(Object.assign(Object.create(null), require('typescript')));",
      resolveDir: root,
      loader: 'js',
    }));
  },
};

// The CLI's main thread needs the analysis core (and TypeScript, ~60 MB resident once loaded) only
// when it scans inline (few files, --jobs 1): a pooled scan leaves it to the workers. So the core
// is its own bundle, required on demand by the CLI's `import('./scan.js')`.
const lazyScanCore = {
  name: 'lazy-scan-core',
  setup(b) {
    b.onResolve({ filter: /^\.\/scan\.js$/ }, (args) => (/[\\/]cli[\\/](main|pool)\.ts$/.test(args.importer) ? { path: './scan-core.js', external: true } : undefined));
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
  build({ ...common, entryPoints: { cli: 'server/src/cli/entry.ts' }, outdir, plugins: [...common.plugins, lazyScanCore] }),
  build({ ...common, entryPoints: { 'scan-core': 'server/src/cli/scan.ts', 'scan-worker': 'server/src/cli/scanWorker.ts' }, outdir }),
  build({ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir, external: ['vscode'] }),
]);
console.log(`build: ${rules.length} rules, bundles in ${outdir}/ (${production ? 'production' : 'development'}) in ${Date.now() - started} ms`);
