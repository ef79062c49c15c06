#!/usr/bin/env node
'use strict';
// The language server for any LSP editor: `secretzero-language-server --stdio`.
try {
  require.resolve('../dist/server.js');
} catch {
  process.stderr.write('secretzero-language-server: dist/server.js is missing; run `npm run build` first\n');
  process.exit(2);
}
require('../dist/server.js');
