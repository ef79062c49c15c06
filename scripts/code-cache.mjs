// Writes the V8 code caches of the big bundles (server/src/node/codeCache.ts says why and how they
// are checked): `node scripts/code-cache.mjs [outdir]`, run by scripts/build.mjs after bundling.
// The analysis core is cached after analysing the example workspace, so the functions a scan
// compiles lazily (parser, rules) are in it too; the language server only compiled, since running
// it would start a server.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(root, process.argv[2] ?? 'dist');
const require = createRequire(import.meta.url);
const { writeCodeCache } = require(join(outdir, 'code-cache.js'));

const examples = join(root, 'examples');
const samples = readdirSync(examples, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => join(e.parentPath ?? e.path, e.name));

const started = Date.now();
writeCodeCache(join(outdir, 'scan-core.js'), (core) => {
  for (const file of samples) core.analyze({ path: file, text: readFileSync(file, 'utf8') });
});
writeCodeCache(join(outdir, 'server.js'));
console.log(`code-cache: scan-core.js (warmed on ${samples.length} example files) and server.js in ${Date.now() - started} ms`);
