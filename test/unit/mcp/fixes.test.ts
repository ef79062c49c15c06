import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'jsonc-parser';
import { applyEdits } from '../../../server/src/core/text/applyEdits.js';
import type { Finding, Fix } from '../../../server/src/core/types.js';
import { MemoryHost } from '../../helpers/memoryHost.js';
import { assertValidJsonc, commentsOf, mcpFindings, RULE } from './kit.js';

const GHP = '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';
const RANDOM = 'lzjuQGacUPPCgKuROYc4';

const githubServer = (wrapper: (servers: string) => string) => wrapper(`{
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github"],
      "env": {
        "GITHUB_TOKEN": "${GHP}"
      }
    }
  }`);
const mcpServersFile = githubServer((s) => `{\n  "mcpServers": ${s}\n}\n`);
const vscodeFile = githubServer((s) => `{\n  "servers": ${s}\n}\n`);

function only(filePath: string, text: string, host?: MemoryHost): Finding {
  const findings = mcpFindings(filePath, text, host);
  assert.equal(findings.length, 1, `one finding expected in ${filePath}, got ${findings.map((f) => f.message).join(' | ')}`);
  return findings[0];
}

function fixed(text: string, fix: Fix | undefined): string {
  assert.ok(fix);
  const out = applyEdits(text, fix.edits);
  assertValidJsonc(out, fix.title);
  return out;
}

function envValue(text: string, server = 'github', key = 'GITHUB_TOKEN'): unknown {
  const root = parse(text, [], { allowTrailingComma: true });
  return (root.mcpServers ?? root.servers)[server].env[key];
}

describe('mcp-config-literal-secret fixes: the reference syntax of the owning client', () => {
  const cases: [string, string, string][] = [
    ['/w/.vscode/mcp.json', vscodeFile, '${input:github-token}'],
    ['/home/u/.config/Code/User/mcp.json', vscodeFile, '${input:github-token}'],
    ['/w/.cursor/mcp.json', mcpServersFile, '${env:GITHUB_TOKEN}'],
    ['/w/.mcp.json', mcpServersFile, '${GITHUB_TOKEN}'],
    ['/home/u/.claude.json', mcpServersFile, '${GITHUB_TOKEN}'],
    ['/home/u/.codeium/windsurf/mcp_config.json', mcpServersFile, '${env:GITHUB_TOKEN}'],
    ['/x/saoudrizwan.claude-dev/settings/cline_mcp_settings.json', mcpServersFile, '${env:GITHUB_TOKEN}'],
    ['/home/u/.gemini/settings.json', mcpServersFile, '${GITHUB_TOKEN}'],
    ['/home/u/.copilot/mcp-config.json', mcpServersFile, '${GITHUB_TOKEN}'],
    ['/w/mcp.json', mcpServersFile, '${GITHUB_TOKEN}'],
  ];
  for (const [filePath, text, reference] of cases) {
    it(`${filePath}: ${reference}`, () => {
      const out = fixed(text, only(filePath, text).fixes[0]);
      assert.equal(envValue(out), reference);
      assert.deepEqual(mcpFindings(filePath, out), []);
    });
  }

  it('VS Code: the input fix says VS Code prompts; the second fix is ${env:NAME} and adds no input', () => {
    const f = only('/w/.vscode/mcp.json', vscodeFile);
    assert.equal(f.fixes.length, 2);
    assert.match(f.fixes[0].title, /\$\{input:github-token\}; VS Code will prompt for it$/);
    assert.match(f.fixes[1].title, /\$\{env:GITHUB_TOKEN\}; set GITHUB_TOKEN in the environment VS Code starts from$/);
    assert.equal(f.fixes[1].isPreferred, undefined);
    const out = fixed(vscodeFile, f.fixes[1]);
    assert.equal(envValue(out), '${env:GITHUB_TOKEN}');
    assert.ok(!out.includes('"inputs"'));
  });

  it('VS Code: creates `inputs` first in the file, with a password prompt described by server and name', () => {
    const out = fixed(vscodeFile, only('/w/.vscode/mcp.json', vscodeFile).fixes[0]);
    assert.ok(out.startsWith('{\n  "inputs": [\n    {\n      "type": "promptString",'), out);
    assert.deepEqual(parse(out).inputs, [{ type: 'promptString', id: 'github-token', description: 'github GITHUB_TOKEN', password: true }]);
  });

  it('VS Code: an existing input with the id is reused, not duplicated; other inputs stay', () => {
    const text = vscodeFile.replace('{\n  "servers"', '{\n  "inputs": [\n    { "type": "promptString", "id": "github-token", "password": true },\n    { "type": "pickString", "id": "tier", "options": ["a"] }\n  ],\n  "servers"');
    const out = fixed(text, only('/w/.vscode/mcp.json', text).fixes[0]);
    assert.deepEqual(parse(out).inputs.map((i: { id: string }) => i.id), ['github-token', 'tier']);
    assert.equal(envValue(out), '${input:github-token}');
  });

  it('VS Code: an input another server already uses is not shared; the id is scoped to this server', () => {
    const text = `{
  "inputs": [{ "type": "promptString", "id": "api-key", "password": true }],
  "servers": {
    "one": { "command": "one", "env": { "API_KEY": "\${input:api-key}" } },
    "two": { "command": "two", "env": { "API_KEY": "${RANDOM}" } }
  }
}`;
    const f = only('/w/.vscode/mcp.json', text);
    assert.match(f.message, /reference it as \$\{input:two-api-key\}/);
    const out = fixed(text, f.fixes[0]);
    assert.deepEqual(parse(out).inputs.map((i: { id: string }) => i.id), ['api-key', 'two-api-key']);
    assert.equal(parse(out).servers.two.env.API_KEY, '${input:two-api-key}');
  });

  it('VS Code user settings.json: the input goes to `mcp.inputs`, also for the dotted `mcp.servers` key', () => {
    const nested = `{\n  "editor.tabSize": 2,\n  "mcp": {\n    "servers": {\n      "github": { "command": "gh-mcp", "env": { "GITHUB_TOKEN": "${GHP}" } }\n    }\n  }\n}\n`;
    const out = fixed(nested, only('/home/u/.config/Code/User/settings.json', nested).fixes[0]);
    assert.equal(parse(out).mcp.inputs[0].id, 'github-token');
    const dotted = `{\n  "mcp.servers": {\n    "github": { "command": "gh-mcp", "env": { "GITHUB_TOKEN": "${GHP}" } }\n  }\n}\n`;
    const out2 = fixed(dotted, only('/home/u/.config/Code/User/settings.json', dotted).fixes[0]);
    assert.equal(parse(out2)['mcp.inputs'][0].password, true);
    assert.equal(parse(out2)['mcp.servers'].github.env.GITHUB_TOKEN, '${input:github-token}');
  });
});

describe('mcp-config-literal-secret fixes: where the secret goes', () => {
  const dotenvHost = (dotenv = 'PORT=3000\n', opts: { ignored?: string[]; tracked?: string[] } = { ignored: ['.env'] }) =>
    new MemoryHost('/ws', { '.env': dotenv }, opts);

  it('offers to append NAME=<value> to a git-ignored .env (value kept, never in the title)', () => {
    const f = only('/ws/.mcp.json', mcpServersFile, dotenvHost());
    assert.equal(f.fixes.length, 2);
    const dotenvFix = f.fixes[1];
    assert.equal(dotenvFix.title, 'secretzero (mcp-config-literal-secret): replace with ${GITHUB_TOKEN} and append GITHUB_TOKEN=<value> to .env');
    assert.ok(!dotenvFix.title.includes(GHP));
    assert.equal(dotenvFix.externalEdits?.length, 1);
    const ext = dotenvFix.externalEdits![0];
    assert.equal(ext.path, '/ws/.env');
    assert.equal(ext.create, false);
    assert.equal(applyEdits('PORT=3000\n', ext.edits), `PORT=3000\nGITHUB_TOKEN=${GHP}\n`);
    assert.equal(envValue(fixed(mcpServersFile, dotenvFix)), '${GITHUB_TOKEN}');
  });

  it('names the .env relative to the config (Cursor keeps its config in .cursor/)', () => {
    const f = only('/ws/.cursor/mcp.json', mcpServersFile, dotenvHost());
    assert.match(f.fixes[1].title, /: replace with \$\{env:GITHUB_TOKEN\} and append GITHUB_TOKEN=<value> to \.\.\/\.env$/);
  });

  it('no .env fix when the .env is missing, not ignored, tracked, already defines the name, or the client prompts', () => {
    const count = (host: MemoryHost, filePath = '/ws/.mcp.json', text = mcpServersFile) => only(filePath, text, host).fixes.length;
    assert.equal(count(new MemoryHost('/ws')), 1);
    assert.equal(count(dotenvHost('PORT=1\n', {})), 1);
    assert.equal(count(dotenvHost('PORT=1\n', { ignored: ['.env'], tracked: ['.env'] })), 1);
    assert.equal(count(dotenvHost('export GITHUB_TOKEN=other\n')), 1);
    assert.equal(count(dotenvHost(), '/ws/.vscode/mcp.json', vscodeFile), 2);
    assert.ok(only('/ws/.vscode/mcp.json', vscodeFile, dotenvHost()).fixes.every((f) => !f.externalEdits));
  });

  it('the default of ${VAR:-credential} is dropped, in the client syntax, and is what .env receives', () => {
    const text = `{ "mcpServers": { "a": { "command": "a", "env": { "API_KEY": "\${OPENAI_KEY:-sk-proj-jWECCAFVi1ovSKiWjmHoT3BlbkFJaoVGuZFTCDR4WsNWSrBg}" } } } }`;
    const claude = only('/ws/.mcp.json', text, dotenvHost());
    assert.match(claude.fixes[0].title, /drop the default, use \$\{OPENAI_KEY\}; set OPENAI_KEY in the environment Claude Code starts from/);
    assert.equal(envValue(fixed(text, claude.fixes[0]), 'a', 'API_KEY'), '${OPENAI_KEY}');
    assert.equal(applyEdits('PORT=3000\n', claude.fixes[1].externalEdits![0].edits), 'PORT=3000\nOPENAI_KEY=sk-proj-jWECCAFVi1ovSKiWjmHoT3BlbkFJaoVGuZFTCDR4WsNWSrBg\n');
    assert.equal(envValue(fixed(text, only('/ws/.cursor/mcp.json', text).fixes[0]), 'a', 'API_KEY'), '${env:OPENAI_KEY}');
  });
});

describe('mcp-config-literal-secret fixes: each place a secret hides', () => {
  it('headers keep their scheme', () => {
    const text = `{ "servers": { "api": { "type": "http", "url": "https://api.example.com/mcp", "headers": { "Authorization": "Bearer ${RANDOM}" } } } }`;
    const out = fixed(text, only('/w/.vscode/mcp.json', text).fixes[0]);
    assert.equal(parse(out).servers.api.headers.Authorization, 'Bearer ${input:api-token}');
  });

  it('args: the value moves to a new `env` (file indentation) and the argument references it', () => {
    const text = `{\n    "mcpServers": {\n        "brave": {\n            "command": "brave-mcp",\n            "args": ["--api-key", "${RANDOM}"]\n        }\n    }\n}\n`;
    const f = only('/w/.mcp.json', text);
    assert.equal(f.symbolPath, 'mcpServers.brave.args[1]');
    assert.match(f.fixes[0].title, /move to env BRAVE_API_KEY \(\$\{BRAVE_API_KEY\}\) and reference it in args; set BRAVE_API_KEY in the environment Claude Code starts from/);
    assert.equal(fixed(text, f.fixes[0]), `{\n    "mcpServers": {\n        "brave": {\n            "command": "brave-mcp",\n            "args": ["--api-key", "\${BRAVE_API_KEY}"],\n            "env": {\n                "BRAVE_API_KEY": "\${BRAVE_API_KEY}"\n            }\n        }\n    }\n}\n`);
  });

  it('args: --flag=value keeps the flag; an existing env entry of that name is not duplicated', () => {
    const text = `{ "mcpServers": { "brave": { "command": "b", "args": ["--api-key=${RANDOM}"], "env": { "BRAVE_API_KEY": "\${BRAVE_API_KEY}" } } } }`;
    const out = fixed(text, only('/w/.mcp.json', text).fixes[0]);
    const server = parse(out).mcpServers.brave;
    assert.deepEqual(server.args, ['--api-key=${BRAVE_API_KEY}']);
    assert.deepEqual(server.env, { BRAVE_API_KEY: '${BRAVE_API_KEY}' });
  });

  it('args: a DSN password is replaced in place, the rest of the DSN stays', () => {
    const text = `{ "mcpServers": { "pg": { "command": "npx", "args": ["server-postgres", "postgresql://app:ZBBKzOQFdgYf@db:5432/app?sslmode=require"] } } }`;
    const out = fixed(text, only('/w/.mcp.json', text).fixes[0]);
    assert.equal(parse(out).mcpServers.pg.args[1], 'postgresql://app:${DB_PASSWORD}@db:5432/app?sslmode=require');
    assert.equal(parse(out).mcpServers.pg.env, undefined);
  });

  it('url: only the query value is replaced', () => {
    const text = `{ "mcpServers": { "exa": { "url": "https://mcp.exa.ai/mcp?tools=search&exaApiKey=${RANDOM}&debug=1" } } }`;
    const out = fixed(text, only('/w/.cursor/mcp.json', text).fixes[0]);
    assert.equal(parse(out).mcpServers.exa.url, 'https://mcp.exa.ai/mcp?tools=search&exaApiKey=${env:EXA_API_KEY}&debug=1');
  });

  it('mcp-remote --header "Authorization: Bearer …" is moved to env like any argument', () => {
    const text = `{ "mcpServers": { "acme": { "command": "npx", "args": ["mcp-remote", "https://mcp.acme.dev/sse", "--header", "Authorization: Bearer ${RANDOM}"] } } }`;
    const out = fixed(text, only('/w/.mcp.json', text).fixes[0]);
    const server = parse(out).mcpServers.acme;
    assert.equal(server.args[3], 'Authorization: Bearer ${ACME_API_TOKEN}');
    assert.deepEqual(server.env, { ACME_API_TOKEN: '${ACME_API_TOKEN}' });
  });

  it('Claude Desktop and Zed expand no reference: no rewrite, and the message says what works instead', () => {
    const zed = `{\n  "context_servers": {\n    "search": {\n      "command": {\n        "path": "search-mcp",\n        "args": ["--token", "${RANDOM}"]\n      }\n    }\n  }\n}\n`;
    for (const [filePath, text] of [['/u/Library/Application Support/Claude/claude_desktop_config.json', mcpServersFile], ['/home/u/.config/zed/settings.json', zed]]) {
      const f = only(filePath, text);
      assert.deepEqual(f.fixes, [], `${filePath}: a \${…} rewrite would reach the server as text`);
      assert.match(f.message, /does not expand \$\{…\} references here/);
      assert.match(f.message, /op run --/);
    }
  });
});

describe('mcp-config-literal-secret fixes: the file stays as it was written', () => {
  it('comments and trailing commas survive; a comment after the old last member stays on its line', () => {
    const text = `{
  // servers for this repo
  "servers": {
    "brave": {
      "command": "brave-mcp", /* the CLI */
      "args": ["--api-key", "${RANDOM}"] // key inline for now
    },
  },
}
`;
    const out = fixed(text, only('/w/.vscode/mcp.json', text).fixes[0]);
    assert.deepEqual(commentsOf(out), commentsOf(text));
    assert.ok(out.includes(`"args": ["--api-key", "\${input:brave-api-key}"], // key inline for now\n      "env": {\n        "BRAVE_API_KEY": "\${input:brave-api-key}"\n      }\n    },\n  },\n}\n`), out);
  });

  it('tabs and CRLF line breaks are kept in everything inserted', () => {
    const text = `{\r\n\t"servers": {\r\n\t\t"gh": {\r\n\t\t\t"command": "gh-mcp",\r\n\t\t\t"env": {\r\n\t\t\t\t"GITHUB_TOKEN": "${GHP}"\r\n\t\t\t}\r\n\t\t}\r\n\t}\r\n}\r\n`;
    const out = fixed(text, only('/w/.vscode/mcp.json', text).fixes[0]);
    assert.ok(!/[^\r]\n/.test(out), 'every line break is CRLF');
    assert.ok(out.startsWith('{\r\n\t"inputs": [\r\n\t\t{\r\n\t\t\t"type": "promptString",'), JSON.stringify(out));
  });

  it('a literal written with escapes is re-encoded whole', () => {
    const text = `{ "mcpServers": { "a": { "command": "a", "env": { "API_TOKEN": "lzjuQGacUPPC\\u0067KuROYc4" } } } }`;
    const f = only('/w/.mcp.json', text);
    assert.equal(envValue(fixed(text, f.fixes[0]), 'a', 'API_TOKEN'), '${API_TOKEN}');
  });

  it('only what must change changes: the rest of the file is byte for byte the same', () => {
    const f = only('/w/.mcp.json', mcpServersFile);
    assert.equal(f.fixes[0].edits.length, 1);
    assert.equal(fixed(mcpServersFile, f.fixes[0]), mcpServersFile.replace(GHP, '${GITHUB_TOKEN}'));
  });
});

describe('mcp-config-literal-secret: the rule is registered', () => {
  it('reports under its own id', () => assert.equal(only('/w/.mcp.json', mcpServersFile).ruleId, RULE));
});
