#!/usr/bin/env node
'use strict';
// The language server for any LSP editor: `secretzero-language-server --stdio`.
const path = require('node:path');
const dist = path.join(__dirname, '..', 'dist');
try {
  require.resolve(path.join(dist, 'server.js'));
} catch {
  process.stderr.write('secretzero-language-server: dist/server.js is missing; run `npm run build` first\n');
  process.exit(2);
}
// Compiled from its build-time V8 code cache when it matches (dist/code-cache.js falls back to require).
require(path.join(dist, 'code-cache.js')).requireWithCodeCache(path.join(dist, 'server.js'));
