import { startServer } from './server.js';

// `secretzero-language-server --stdio`; vscode-languageserver reads the transport from argv.
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.argv.push('--stdio');
}
startServer();
