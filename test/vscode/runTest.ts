// `npm run test:vscode`: the extension inside a real VS Code downloaded by @vscode/test-electron
// (needs network access to the VS Code update site, so it is not part of CI on offline machines;
// `npm run test:e2e` drives VS Code offline instead). Bundles the suite with esbuild, opens a fresh
// copy of test/e2e/workspace with only this extension enabled, and runs test/vscode/suite/.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const out = path.join(root, '.secretzero-cache', 'vscode-tests');
  await build({
    entryPoints: { suite: path.join(__dirname, 'suite', 'index.ts') },
    outdir: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-vscode-'));
  fs.cpSync(path.join(root, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(out, 'suite.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { SZ_TEST_WORKSPACE: workspace },
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
