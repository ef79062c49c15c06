import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureDebianTool } from '../helpers/debianTool.js';

/**
 * secretzero in a real non-VS Code client: Debian's Neovim (0.7.x: push diagnostics only, no
 * `vim.lsp.start`, no `workspace/configuration`, no `documentChanges`). One headless nvim runs
 * every scenario: init.lua starts the server with the built-in client, test/editors/neovim/driver.lua
 * opens the fixtures, polls `vim.diagnostic.get()`, requests and applies code actions, and writes
 * what Neovim saw to a JSON file that the tests below read.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const SERVER_BIN = path.join(ROOT, 'bin', 'secretzero-language-server.js');
const DRIVER = path.join(__dirname, 'neovim', 'driver.lua');

const SECRETS = {
  openai: 'sk-proj-Qm9vX3tZ8rL2wN5pK7jHT3BlbkFJ4gF6dS1aY0uE9iO3bV8cT2xR',
  dbPassword: 'Hunter2xyz9',
  dockerEnv: 'sk-proj-Zx8cV7bN6mM5aS4dF3gHT3BlbkFJ2jK1lQ0wE9rT8yU7iO6pA5sD',
  compose: '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',
  k8s: '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',
  vscodeMcp: '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',
  claudeMcp: 'sk-ant-api03-Tq8Wz3Lp6Rk1Yv9Xn4Bm7Hc2Jd5Fs0Ga8Ue3Pi6Oy1Kt4Mr7Nw',
  dotenv: 'sk-proj-Lk9jH8gF7dS6aP5oI4uYT3BlbkFJ3tR2eW1qZ0xC9vB8nM7',
  python: 'sk-proj-Pw4rT7yU1iO9pA2sD5fGT3BlbkFJ8hJ3kL6zX0cV4bN7mQ1',
};

/** name → [workspace-relative path, text, [rule code, 0-based line] pairs that must be reported]. */
const FIXTURES: Record<string, { file: string; text: string; expect: [string, number][] }> = {
  ts: {
    file: 'src/index.ts',
    text: [
      'import OpenAI from "openai";',
      '',
      `const apiKey = "${SECRETS.openai}";`,
      'export const client = new OpenAI({ apiKey });',
      `export const dsn = "postgres://app:${SECRETS.dbPassword}@db:5432/app";`,
      '',
    ].join('\n'),
    expect: [['hardcoded-credential', 2], ['connection-string-password', 4]],
  },
  dockerfile: {
    file: 'Dockerfile',
    text: [
      'FROM node:20',
      'ARG NPM_TOKEN',
      'RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci',
      `ENV OPENAI_API_KEY=${SECRETS.dockerEnv}`,
      'CMD ["node", "dist/index.js"]',
      '',
    ].join('\n'),
    expect: [['dockerfile-arg-secret', 1], ['dockerfile-env-secret', 3]],
  },
  compose: {
    file: 'docker-compose.yml',
    text: [
      'services:',
      '  mcp:',
      '    image: acme/mcp:1',
      '    environment:',
      `      GITHUB_TOKEN: ${SECRETS.compose}`,
      '      LOG_LEVEL: info',
      '',
    ].join('\n'),
    expect: [['container-env-literal-secret', 4]],
  },
  kubernetes: {
    file: 'k8s/deployment.yaml',
    text: [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: mcp',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: mcp',
      '          image: acme/mcp:1',
      '          env:',
      '            - name: GITHUB_TOKEN',
      `              value: ${SECRETS.k8s}`,
      '',
    ].join('\n'),
    expect: [['container-env-literal-secret', 12]],
  },
  vscodeMcp: {
    file: '.vscode/mcp.json',
    text: JSON.stringify({ servers: { github: { command: 'github-mcp', env: { GITHUB_TOKEN: SECRETS.vscodeMcp } } } }, null, 2) + '\n',
    expect: [['mcp-config-literal-secret', 5]],
  },
  claudeMcp: {
    file: '.mcp.json',
    text: JSON.stringify({ mcpServers: { anthropic: { command: 'npx', args: ['-y', 'some-mcp'], env: { ANTHROPIC_API_KEY: SECRETS.claudeMcp } } } }, null, 2) + '\n',
    expect: [['mcp-config-literal-secret', 9]],
  },
  python: {
    file: 'src/server.py',
    text: [
      '"""Search MCP server."""',
      'from mcp.server.fastmcp import FastMCP',
      '',
      `OPENAI_API_KEY = "${SECRETS.python}"`,
      'mcp = FastMCP("search")',
      '',
    ].join('\n'),
    expect: [['hardcoded-credential', 3]],
  },
  dotenv: {
    file: '.env',
    text: `OPENAI_API_KEY=${SECRETS.dotenv}\n`,
    expect: [['dotenv-not-ignored', 0]],
  },
};

/** Code actions to request and apply: the driver picks the action whose title contains `titleIncludes`. */
const ACTIONS = [
  { file: 'ts', code: 'hardcoded-credential', titleIncludes: 'replace with process.env.API_KEY' },
  { file: 'dockerfile', code: 'dockerfile-env-secret', titleIncludes: 'Suppress dockerfile-env-secret' },
  { file: 'python', code: 'hardcoded-credential', titleIncludes: 'replace with os.environ["OPENAI_API_KEY"]' },
  { file: 'dotenv', code: 'dotenv-not-ignored', titleIncludes: '.gitignore', alsoRead: ['.gitignore'] },
];

// ---------------------------------------------------------------------------------------------
// Neovim itself: use the one on PATH, else install Debian's package. Skip only when that fails.

// ---------------------------------------------------------------------------------------------
// One headless nvim run over a fresh temporary workspace.

/**
 * The client configuration: the README's Neovim 0.7 setup (`vim.lsp.start_client`, attach on
 * BufReadPost, settings pushed in on_init) with the repo's server and `debounceMs = 0`, plus a
 * publishDiagnostics wrapper that records which document version each push was for.
 * 0.7 neither sends settings after initialize nor answers `workspace/configuration` from
 * capabilities, so on_init pushes them with `workspace/didChangeConfiguration`.
 */
function initLua(workspace: string): string {
  const q = (s: string) => JSON.stringify(s);
  return `
vim.opt.swapfile = false
vim.lsp.set_log_level('warn')
local published = {}
local client_id = vim.lsp.start_client({
  name = 'secretzero',
  cmd = { ${q(process.execPath)}, ${q(SERVER_BIN)}, '--stdio' },
  root_dir = ${q(workspace)},
  settings = { secretzero = { debounceMs = 0 } },
  flags = { debounce_text_changes = 10 },
  on_init = function(client)
    client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
  end,
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
      published[result.uri] = { version = result.version }
    end,
  },
})
_G.secretzero = { client_id = client_id, published = published }
vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
  callback = function(args) vim.lsp.buf_attach_client(args.buf, client_id) end,
})
`;
}

interface NvimDiagnostic {
  code?: string; userDataCode?: string; source?: string; message: string; severity: number;
  lnum: number; col: number; end_lnum: number; end_col: number; href: string | null; data: string | null;
}
interface NvimFile { filetype: string; attached: boolean; settled: boolean; waitedMs: number; publishedCurrent: boolean; diagnostics: NvimDiagnostic[] }
interface NvimAction {
  file: string; code: string; error?: string; titles?: string[]; chosen?: string; isPreferred?: boolean; editForm?: string;
  lines?: string[]; also?: Record<string, string[] | null>; republished?: boolean; republishMs?: number;
  codesAfter?: string[]; diagnosticsAfter?: NvimDiagnostic[];
}
interface NvimResult {
  fatal?: string; version: { major: number; minor: number; patch: number }; files: Record<string, NvimFile>;
  actions: NvimAction[]; errors: string[]; totalMs: number; offsetEncoding: string; initialized: boolean; startMs: number;
}

const arr = <T>(x: T[] | Record<string, never> | undefined): T[] => (Array.isArray(x) ? x : []);

function runNeovim(): Promise<{ result: NvimResult; dir: string; ms: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sz-nvim-'));
  const ws = path.join(dir, 'workspace');
  for (const f of Object.values(FIXTURES)) {
    fs.mkdirSync(path.dirname(path.join(ws, f.file)), { recursive: true });
    fs.writeFileSync(path.join(ws, f.file), f.text);
  }
  fs.writeFileSync(path.join(ws, '.gitignore'), 'node_modules/\n'); // exists, but does not cover .env
  const home = path.join(dir, 'home');
  const xdg = Object.fromEntries(['CONFIG_HOME', 'DATA_HOME', 'STATE_HOME', 'CACHE_HOME', 'CONFIG_DIRS', 'DATA_DIRS', 'RUNTIME_DIR']
    .map((k) => { const p = path.join(home, k.toLowerCase()); fs.mkdirSync(p, { recursive: true }); return [`XDG_${k}`, p]; }));
  const init = path.join(dir, 'init.lua');
  fs.writeFileSync(init, initLua(ws));
  const out = path.join(dir, 'result.json');
  const spec = path.join(dir, 'spec.json');
  fs.writeFileSync(spec, JSON.stringify({
    out,
    startTimeoutMs: 45_000,
    timeoutMs: 10_000,
    files: Object.entries(FIXTURES).map(([name, f]) => ({ name, path: path.join(ws, f.file), expect: f.expect.map(([c]) => c) })),
    actions: ACTIONS.map((a) => ({ ...a, alsoRead: (a.alsoRead ?? []).map((p) => path.join(ws, p)) })),
  }));
  // Any Lua error outside the driver's own pcalls still ends nvim and is reported, never a hang.
  const run = `lua local ok, e = pcall(dofile, ${JSON.stringify(DRIVER)}); if not ok then vim.fn.writefile({vim.fn.json_encode({fatal = tostring(e)})}, ${JSON.stringify(out)}) end; vim.cmd('qa!')`;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    execFile('nvim', ['--headless', '-n', '-i', 'NONE', '--noplugin', '-u', init, '-c', run], {
      cwd: ws, timeout: 120_000, killSignal: 'SIGKILL', encoding: 'utf8',
      env: { ...process.env, ...xdg, HOME: home, SECRETZERO_NVIM_SPEC: spec, NVIM_LOG_FILE: path.join(dir, 'nvim.log') },
    }, (error, stdout, stderr) => {
      const ms = Date.now() - started;
      const lspLog = [path.join(xdg.XDG_CACHE_HOME!, 'nvim', 'lsp.log'), path.join(xdg.XDG_STATE_HOME!, 'nvim', 'lsp.log')]
        .filter((p) => fs.existsSync(p)).map((p) => fs.readFileSync(p, 'utf8')).join('\n');
      if (!fs.existsSync(out)) {
        reject(new Error(`nvim wrote no result (${error?.message ?? 'exit 0'}) after ${ms} ms\nstdout: ${stdout}\nstderr: ${stderr}\nlsp.log: ${lspLog.slice(-4000)}`));
        return;
      }
      const result = JSON.parse(fs.readFileSync(out, 'utf8')) as NvimResult;
      if (result.fatal) { reject(new Error(`driver failed: ${result.fatal}\nlsp.log: ${lspLog.slice(-4000)}`)); return; }
      resolve({ result, dir, ms });
    });
  });
}

// ---------------------------------------------------------------------------------------------

const nvim = ensureDebianTool('nvim', 'neovim');
if (nvim.skip) console.log(`# SKIP neovim editor test: ${nvim.skip}`);

describe('Neovim (built-in LSP client, push diagnostics) end to end', { skip: nvim.skip }, () => {
  let result: NvimResult;
  let dir: string;

  before(async () => {
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'server.js')), 'dist/server.js is missing: run `node scripts/build.mjs` (npm test does)');
    const run = await runNeovim();
    result = run.result;
    dir = run.dir;
    const v = result.version;
    const waits = Object.entries(result.files).map(([n, f]) => `${n} ${f.waitedMs}`).concat(arr(result.actions).map((a) => `fix:${a.file} ${a.republishMs}`));
    console.log(`# neovim ${v.major}.${v.minor}.${v.patch}: nvim run ${run.ms} ms, driver ${result.totalMs} ms, server start ${result.startMs} ms (waits in ms: ${waits.join(', ')})`);
  });
  after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

  it('the driver ran every scenario without a Lua error', () => {
    assert.ok(result.initialized, `the server initialized (waited ${result.startMs} ms)`);
    assert.deepEqual(arr(result.errors), []);
    assert.equal(result.offsetEncoding, 'utf-16', 'the server keeps LSP’s default position encoding');
  });

  for (const [name, fixture] of Object.entries(FIXTURES)) {
    it(`${name} (${fixture.file}): ${fixture.expect.map(([c]) => c).join(', ')}`, () => {
      const f = result.files[name];
      assert.ok(f, `${name} was opened`);
      assert.ok(f.attached, `the buffer is attached to the secretzero client (filetype '${f.filetype}')`);
      const seen = arr(f.diagnostics).map((d) => `${d.code ?? d.userDataCode}@${d.lnum}`);
      for (const [code, line] of fixture.expect) {
        assert.ok(seen.includes(`${code}@${line}`), `expected ${code} on line ${line + 1}; Neovim holds [${seen.join(', ')}] (waited ${f.waitedMs} ms, push for current version: ${f.publishedCurrent})`);
      }
      const ranges = arr(f.diagnostics).map((d) => `${d.lnum}:${d.col}-${d.end_lnum}:${d.end_col}`);
      assert.equal(new Set(ranges).size, ranges.length, `one diagnostic per problem: [${seen.join(', ')}]`);
      for (const d of arr(f.diagnostics)) {
        // Neovim 0.7 keeps the LSP code at the top level and (deprecated) in user_data.lsp.code.
        assert.equal(d.code, d.userDataCode, 'diagnostic.code and user_data.lsp.code agree');
        assert.equal(d.source, 'secretzero');
        assert.match(d.href ?? '', /rules\/[a-z0-9-]+\.md$/, 'codeDescription link to the rule doc reaches Neovim');
      }
    });
  }

  it('no diagnostic, diagnostic data or code action title seen by Neovim holds a secret in full', () => {
    const seen = JSON.stringify({ files: result.files, actions: result.actions.map((a) => ({ titles: a.titles, chosen: a.chosen, after: a.diagnosticsAfter })) });
    assert.ok(seen.length > 1000, 'there is something to check');
    for (const [what, secret] of Object.entries(SECRETS)) assert.ok(!seen.includes(secret), `${what} secret leaked into what Neovim displays`);
  });

  const action = (file: string) => {
    const a = result.actions.find((x) => x.file === file);
    assert.ok(a, `action on ${file} recorded`);
    assert.equal(a.error, undefined, `${a.error} (offered: ${(a.titles ?? []).join(' | ')})`);
    return a;
  };

  it('quick fix in TypeScript: the literal becomes process.env.API_KEY in the buffer and the diagnostic goes away', () => {
    const a = action('ts');
    assert.equal(a.isPreferred, true);
    assert.equal(a.editForm, 'changes', 'Neovim 0.7 has no documentChanges: plain changes are sent');
    assert.ok(arr(a.titles).includes('secretzero: Suppress hardcoded-credential on this line'), 'suppression offered too');
    assert.equal(a.lines![2], 'const apiKey = process.env.API_KEY;');
    // A buffer holds lines; the file's final newline is not one of them.
    const before = FIXTURES.ts!.text.replace(/\n$/, '').split('\n');
    assert.deepEqual(a.lines!.filter((_, i) => i !== 2), before.filter((_, i) => i !== 2), 'nothing else changed');
    assert.ok(a.republished, 'the server pushed diagnostics for the edited version');
    assert.ok(!arr(a.codesAfter).includes('hardcoded-credential'), `gone after the fix: [${arr(a.codesAfter).join(', ')}]`);
    assert.ok(arr(a.codesAfter).includes('connection-string-password'), 'the other finding stays');
  });

  it('quick fix in Python: the literal becomes os.environ["OPENAI_API_KEY"] and `import os` is added after the docstring', () => {
    const a = action('python');
    assert.ok(arr(a.titles).includes('secretzero: Suppress hardcoded-credential on this line'), 'suppression offered too');
    assert.deepEqual(a.lines, [
      '"""Search MCP server."""',
      'import os',
      'from mcp.server.fastmcp import FastMCP',
      '',
      'OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]',
      'mcp = FastMCP("search")',
    ]);
    assert.ok(a.republished, 'the server pushed diagnostics for the edited version');
    assert.ok(!arr(a.codesAfter).includes('hardcoded-credential'), `gone after the fix: [${arr(a.codesAfter).join(', ')}]`);
  });

  it('suppression in a Dockerfile: the comment is inserted above the ENV and the diagnostic goes away', () => {
    const a = action('dockerfile');
    assert.equal(a.lines![3], '# secretzero-ignore-next-line dockerfile-env-secret -- reason');
    assert.equal(a.lines![4], `ENV OPENAI_API_KEY=${SECRETS.dockerEnv}`);
    assert.ok(a.republished);
    assert.ok(!arr(a.codesAfter).includes('dockerfile-env-secret'), `gone after suppressing: [${arr(a.codesAfter).join(', ')}]`);
  });

  it('.env fix edits another file: /.env is appended to the workspace .gitignore', () => {
    const a = action('dotenv');
    const gitignore = Object.values(a.also ?? {})[0];
    assert.deepEqual(gitignore, ['node_modules/', '/.env']);
  });
});
