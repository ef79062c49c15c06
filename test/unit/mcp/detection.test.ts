import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../../server/src/core/analyze.js';
import { fingerprintOf } from '../../../server/src/core/secrets/index.js';
import { LineIndex } from '../../../server/src/core/text/lineIndex.js';
import { mcpFindings, RULE } from './kit.js';

const GHP = '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';
const RANDOM = 'lzjuQGacUPPCgKuROYc4';

const envFile = (env: Record<string, string>) => JSON.stringify({ mcpServers: { srv: { command: 'srv', env } } }, null, 2);
const argsFile = (args: string[]) => JSON.stringify({ mcpServers: { srv: { command: 'srv', args } } }, null, 2);
const headersFile = (headers: Record<string, string>) => JSON.stringify({ mcpServers: { srv: { url: 'https://srv.example.com/mcp', headers } } }, null, 2);
const urlFile = (url: string) => JSON.stringify({ mcpServers: { srv: { url } } }, null, 2);

const fires = (text: string, filePath = '/w/.mcp.json') => mcpFindings(filePath, text).length;

describe('mcp-config-literal-secret: what fires', () => {
  const positives: [string, string][] = [
    ['a known format under a secret name', envFile({ GITHUB_PERSONAL_ACCESS_TOKEN: GHP })],
    ['a known format under any name', envFile({ GITHUB: GHP })],
    ['a random value under a secret name', envFile({ SEARCH_API_KEY: RANDOM })],
    ['a low-entropy password under a password name', envFile({ DB_PASSWORD: 'hunter22' })],
    ['a DSN with a password in env', envFile({ DATABASE_URL: 'postgres://app:ZBBKzOQFdgYf@db/app' })],
    ['a credential default of a reference', envFile({ API_KEY: '${API_KEY:-sk-proj-jWECCAFVi1ovSKiWjmHoT3BlbkFJaoVGuZFTCDR4WsNWSrBg}' })],
    ['Authorization: Bearer <random>', headersFile({ Authorization: `Bearer ${RANDOM}` })],
    ['X-API-Key: <random>', headersFile({ 'X-API-Key': RANDOM })],
    ['--api-key <value>', argsFile(['--api-key', RANDOM])],
    ['--token=<value>', argsFile([`--token=${RANDOM}`])],
    ['--password <value>', argsFile(['--password', 'hunter22'])],
    ['a DSN with a password in args', argsFile(['postgresql://u:ZBBKzOQFdgYf@h/db'])],
    ['a known-format key as a positional argument', argsFile(['serve', GHP])],
    ['NAME=<value> (docker -e)', argsFile(['-e', `SLACK_BOT_TOKEN=xoxb-6173309519-6151072526-YlgMxgsMIhYfMdmF6q2eGvP3`])],
    ['?api_key= in url', urlFile(`https://mcp.example.com/sse?api_key=${RANDOM}`)],
    ['?key= in url', urlFile(`https://mcp.example.com/sse?key=${RANDOM}`)],
    ['&token= in url', urlFile(`https://mcp.example.com/sse?a=1&token=${RANDOM}`)],
    ['a password in the url userinfo', urlFile('https://bot:ZBBKzOQFdgYf@mcp.acme-corp.io/sse')],
    ['a known-format key in the url path', urlFile(`https://mcp.example.com/${GHP}/sse`)],
  ];
  for (const [what, text] of positives) it(what, () => assert.equal(fires(text), 1, text));
});

describe('mcp-config-literal-secret: near misses that never fire', () => {
  const negatives: [string, string][] = [
    ['LOG_LEVEL / NODE_ENV / AWS_REGION', envFile({ LOG_LEVEL: 'debug', NODE_ENV: 'production', AWS_REGION: 'eu-west-1', AWS_PROFILE: 'default' })],
    ['references', envFile({ A_TOKEN: '${A_TOKEN}', B_TOKEN: '${input:b-token}', C_TOKEN: '${env:C_TOKEN}', D_TOKEN: '$D_TOKEN' })],
    ['empty and harmless defaults', envFile({ A_TOKEN: '${A_TOKEN:-}', LOG_LEVEL: '${LOG_LEVEL:-info}', BASE_URL: '${BASE_URL:-https://api.example.com}' })],
    ['placeholders', envFile({ API_KEY: '<your-api-key>', GITHUB_TOKEN: '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', DB_PASSWORD: 'changeme', SECRET: 'your-secret-here', TOKEN: '' })],
    ['names that hold shapes, not credentials', envFile({ TOKEN_REFRESH_INTERVAL_MS: '30000', SECRET_STORE_PATH: '/etc/secrets', API_KEY_HEADER: 'X-Api-Key' })],
    ['a DSN whose password is a reference', envFile({ DATABASE_URL: 'postgres://app:${DB_PASSWORD}@db/app' })],
    ['non-secret flags and referenced secret flags', argsFile(['--port', '8080', '--token-limit', '4000', '--api-key', '${API_KEY}', '--token=${env:TOKEN}'])],
    ['a secret flag followed by another flag', argsFile(['--token', '--verbose-logging-enabled'])],
    ['paths and package names in args', argsFile(['-y', '@modelcontextprotocol/server-filesystem', '/Users/me/projects', 'C:\\Users\\me'])],
    ['headers without secrets', headersFile({ 'Content-Type': 'application/json', Authorization: 'Bearer ${API_TOKEN}', 'X-Api-Key': '${input:api-key}' })],
    ['url without a secret query', urlFile('https://mcp.example.com/sse?region=eu&limit=50&session=new')],
    ['url with a referenced secret query', urlFile('https://mcp.example.com/sse?api_key=${API_KEY}')],
    ['envFile is a path', JSON.stringify({ servers: { s: { command: 's', envFile: '${workspaceFolder}/.env' } } })],
  ];
  for (const [what, text] of negatives) it(what, () => assert.equal(fires(text), 0, text));
});

describe('mcp-config-literal-secret: shapes of every client', () => {
  it('~/.claude.json: user-wide and per-project servers', () => {
    const text = JSON.stringify({ mcpServers: { a: { command: 'a', env: { GITHUB_TOKEN: GHP } } }, projects: { '/home/u/p': { mcpServers: { b: { command: 'b', env: { GITHUB_TOKEN: GHP } } } } } }, null, 2);
    assert.deepEqual(mcpFindings('/home/u/.claude.json', text).map((f) => f.symbolPath), ['mcpServers.a.env.GITHUB_TOKEN', 'projects./home/u/p.mcpServers.b.env.GITHUB_TOKEN']);
  });

  it('Zed: `command` as an object with args/env, or a string with args/env siblings', () => {
    const text = JSON.stringify({
      context_servers: {
        a: { command: { path: 'a', args: ['--api-key', RANDOM], env: { GITHUB_TOKEN: GHP } } },
        b: { command: 'b', args: ['--api-key', RANDOM], env: { GITHUB_TOKEN: GHP } },
      },
    }, null, 2);
    assert.deepEqual(mcpFindings('/home/u/.config/zed/settings.json', text).map((f) => f.symbolPath).sort(), [
      'context_servers.a.command.args[1]', 'context_servers.a.command.env.GITHUB_TOKEN', 'context_servers.b.args[1]', 'context_servers.b.env.GITHUB_TOKEN',
    ]);
  });

  it('VS Code settings.json: `mcp.servers` dotted and nested', () => {
    const server = { command: 's', env: { GITHUB_TOKEN: GHP } };
    assert.equal(fires(JSON.stringify({ 'mcp.servers': { s: server } }), '/home/u/.config/Code/User/settings.json'), 1);
    assert.equal(fires(JSON.stringify({ mcp: { servers: { s: server } } }), '/home/u/.config/Code/User/settings.json'), 1);
  });

  it('settings.json without an MCP section: only the generic scan applies', () => {
    const text = JSON.stringify({ 'editor.fontSize': 14, servers: { s: { env: { GITHUB_TOKEN: GHP } } }, 'some.extension.token': GHP }, null, 2);
    for (const p of ['/home/u/.config/Code/User/settings.json', '/home/u/.config/zed/settings.json']) {
      const rules = analyze({ path: p, text }).findings.map((f) => f.ruleId);
      assert.deepEqual(rules, ['hardcoded-credential', 'hardcoded-credential'], p);
    }
  });

  it('project-level .zed/settings.json and Windows paths are MCP configs', () => {
    const text = JSON.stringify({ context_servers: { s: { command: 's', env: { GITHUB_TOKEN: GHP } } } });
    assert.equal(fires(text, '/w/.zed/settings.json'), 1);
    assert.equal(fires(text, 'C:\\Users\\me\\AppData\\Roaming\\Zed\\settings.json'), 1);
    assert.equal(fires(envFile({ GITHUB_TOKEN: GHP }), 'C:\\Users\\me\\.codeium\\windsurf\\mcp_config.json'), 1);
  });
});

describe('mcp-config-literal-secret: one diagnostic per secret, keyed by the secret', () => {
  it('covers the generic finding\'s range, which the dedupe then drops', () => {
    const text = envFile({ GITHUB_TOKEN: GHP, DATABASE_URL: 'postgres://app:ZBBKzOQFdgYf@db/app' });
    const generic = analyze({ path: '/w/config.json', text }).findings;
    assert.deepEqual(generic.map((f) => f.ruleId).sort(), ['connection-string-password', 'hardcoded-credential']);
    const mcp = analyze({ path: '/w/.mcp.json', text }).findings;
    assert.deepEqual(mcp.map((f) => f.ruleId), [RULE, RULE]);
    for (const g of generic) assert.ok(mcp.some((m) => JSON.stringify(m.range) === JSON.stringify(g.range)), `no MCP finding over ${JSON.stringify(g.range)}`);
  });

  it('fingerprint is the secret\'s, independent of the line; symbol path names the key', () => {
    const [f] = mcpFindings('/w/.mcp.json', envFile({ GITHUB_TOKEN: GHP }));
    assert.equal(f.fingerprint, fingerprintOf(RULE, GHP));
    assert.equal(f.symbolPath, 'mcpServers.srv.env.GITHUB_TOKEN');
    const [moved] = mcpFindings('/w/.mcp.json', '\n\n' + envFile({ LOG_LEVEL: 'x', GITHUB_TOKEN: GHP }));
    assert.equal(moved.fingerprint, f.fingerprint);
  });

  it('the range is the secret itself, also after a header scheme or inside a DSN', () => {
    const text = JSON.stringify({ mcpServers: { s: { url: 'https://x.example.com', headers: { Authorization: `Bearer ${RANDOM}` }, args: ['postgres://u:ZBBKzOQFdgYf@h/db'] } } }, null, 2);
    const lines = new LineIndex(text);
    const covered = mcpFindings('/w/.mcp.json', text).map((f) => text.slice(lines.offsetAt(f.range.start), lines.offsetAt(f.range.end)));
    assert.deepEqual(covered.sort(), ['ZBBKzOQFdgYf', RANDOM].sort());
  });

  it('the message names the server and place, masks the secret and suggests the client\'s reference', () => {
    const [f] = mcpFindings('/w/.cursor/mcp.json', envFile({ GITHUB_TOKEN: GHP }));
    assert.equal(f.message, "MCP server 'srv' has a literal GitHub token (ghp_…[redacted]) in env GITHUB_TOKEN: this file is shared and synced, so reference it as ${env:GITHUB_TOKEN} instead, and rotate it.");
  });

  it('a broken file still yields the findings of the parts that parse', () => {
    const text = `{ "mcpServers": { "a": { "command": "a", "env": { "GITHUB_TOKEN": "${GHP}" } }, "b": { "command": `;
    assert.equal(fires(text), 1);
  });
});
