import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify } from '../../../server/src/core/classify.js';

describe('classification by path and language id', () => {
  const cases: [string, string | undefined, unknown][] = [
    ['/w/src/index.ts', undefined, { kind: 'typescript', scriptKind: 'ts' }],
    ['/w/src/a.mts', undefined, { kind: 'typescript', scriptKind: 'ts' }],
    ['/w/src/a.cjs', undefined, { kind: 'typescript', scriptKind: 'js' }],
    ['/w/src/App.tsx', undefined, { kind: 'typescript', scriptKind: 'tsx' }],
    ['/w/src/App.jsx', undefined, { kind: 'typescript', scriptKind: 'jsx' }],
    ['/w/untitled', 'typescript', { kind: 'typescript', scriptKind: 'ts' }],
    ['/w/Dockerfile', undefined, { kind: 'dockerfile' }],
    ['/w/Dockerfile.prod', undefined, { kind: 'dockerfile' }],
    ['/w/api.Dockerfile', undefined, { kind: 'dockerfile' }],
    ['/w/Containerfile', undefined, { kind: 'dockerfile' }],
    ['/w/compose.yaml', undefined, { kind: 'yaml', flavor: 'compose' }],
    ['/w/docker-compose.override.yml', undefined, { kind: 'yaml', flavor: 'compose' }],
    ['/w/.github/workflows/ci.yml', undefined, { kind: 'yaml', flavor: 'workflow' }],
    ['/w/config.yaml', undefined, { kind: 'yaml', flavor: 'other' }],
    ['/w/.vscode/mcp.json', 'jsonc', { kind: 'mcp-config', client: 'vscode' }],
    ['/w/.cursor/mcp.json', undefined, { kind: 'mcp-config', client: 'cursor' }],
    ['/w/.mcp.json', 'plaintext', { kind: 'mcp-config', client: 'claude-code' }],
    ['/home/u/.claude.json', undefined, { kind: 'mcp-config', client: 'claude-code' }],
    ['/Users/u/Library/Application Support/Claude/claude_desktop_config.json', undefined, { kind: 'mcp-config', client: 'claude-desktop' }],
    ['/home/u/.codeium/windsurf/mcp_config.json', undefined, { kind: 'mcp-config', client: 'windsurf' }],
    ['/x/cline_mcp_settings.json', undefined, { kind: 'mcp-config', client: 'cline' }],
    ['/home/u/.config/zed/settings.json', undefined, { kind: 'mcp-config', client: 'zed' }],
    ['/home/u/.config/Code/User/settings.json', undefined, { kind: 'mcp-config', client: 'vscode-user' }],
    ['/home/u/.config/Code/User/mcp.json', undefined, { kind: 'mcp-config', client: 'vscode-user' }],
    ['/w/mcp.json', undefined, { kind: 'mcp-config', client: 'generic' }],
    ['/w/.env', undefined, { kind: 'dotenv' }],
    ['/w/.env.local', undefined, { kind: 'dotenv' }],
    ['/w/package.json', undefined, { kind: 'json' }],
    ['/w/notes.txt', undefined, { kind: 'text' }],
  ];
  for (const [p, lang, expected] of cases) it(`${p}${lang ? ` (${lang})` : ''}`, () => assert.deepEqual(classify(p, lang), expected));

  it('kubernetes manifests are recognised by content', () => {
    assert.deepEqual(classify('/w/k8s/app.yaml', undefined, 'apiVersion: apps/v1\nkind: Deployment\n'), { kind: 'yaml', flavor: 'kubernetes' });
  });
});
