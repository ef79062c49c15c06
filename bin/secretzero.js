#!/usr/bin/env node
'use strict';
// The CLI: `secretzero scan [paths…]`. Runs the bundle built by `npm run build`.
try {
  require.resolve('../dist/cli.js');
} catch {
  process.stderr.write('secretzero: dist/cli.js is missing; run `npm run build` first\n');
  process.exit(2);
}
require('../dist/cli.js');
